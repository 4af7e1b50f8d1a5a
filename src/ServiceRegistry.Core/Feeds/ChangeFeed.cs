using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Feeds;

/// <summary>One change as the feed serves it, with the owning agency's name at reading time.</summary>
public sealed record FeedEntry(PublicChange Change, string AgencyName, string? Province)
{
    public string Cursor => ChangeFeed.CursorOf(Change.Seq);

    /// <summary>The change as the feed and webhooks send it.</summary>
    public ChangeItem ToItem() =>
        new(Cursor, Change.Kind, Change.CardId, Change.ServiceId, Change.Version, Change.At, Change.Title,
            new ChangeAgency(Change.AgencyId, AgencyName, Province), Change.Content, Change.ChangedParts);
}

/// <summary>The agency a change belongs to.</summary>
public sealed record ChangeAgency(int Id, string Name, string? Province);

/// <summary>One change: what happened (<c>kind</c>: published, revised, archived, templateChanged; ignore kinds you do not
/// know), to which service, and the service as the public saw it afterwards (<c>card</c>, the spec's JSON; null when it left
/// the catalog). <c>cursor</c> resumes the feed right after this change; <c>changedParts</c> (templateChanged only) names the
/// parts of the national template that changed under this service.</summary>
public sealed record ChangeItem(
    string Cursor, PublicChangeKind Kind, int Id, string? ServiceId, int Version, DateTime At, string Title, ChangeAgency Agency,
    CardContent? Card, IReadOnlyList<string>? ChangedParts);

/// <summary>
/// Reads the public changes after a cursor, in commit order. The cursor is opaque to clients (base64url of a version
/// tag and the last <see cref="PublicChange.Seq"/> read); reading <c>Seq &gt; n</c> never skips a change because a row
/// with a higher number commits only after every lower one (see PublicChange.Seq), on a standby too (it replays
/// commits in order).
/// </summary>
public sealed class ChangeFeed(RegistryDbContext db)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    private const string Prefix = "c1:";

    /// <summary>The cursor before the first change.</summary>
    public static readonly string Start = CursorOf(0);

    public static string CursorOf(long seq) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + seq.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The position a cursor stands for; false for anything this feed did not hand out.</summary>
    public static bool TryParseCursor(string? cursor, out long seq)
    {
        seq = 0;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (cursor.Length > 64 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out seq);
    }

    /// <summary>Up to <paramref name="limit"/> changes after <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<FeedEntry>> ReadAsync(long after, int limit, CancellationToken ct) =>
        await (from c in db.PublicChanges.AsNoTracking()
               where c.Seq > after
               join a in db.Agencies on c.AgencyId equals a.Id
               orderby c.Seq
               select new FeedEntry(c, a.Name, a.Province)).Take(limit).ToListAsync(ct);

    /// <summary>One change by its position (a webhook delivery's).</summary>
    public async Task<FeedEntry?> FindAsync(long seq, CancellationToken ct) =>
        await (from c in db.PublicChanges.AsNoTracking()
               where c.Seq == seq
               join a in db.Agencies on c.AgencyId equals a.Id
               select new FeedEntry(c, a.Name, a.Province)).SingleOrDefaultAsync(ct);

    /// <summary>The position of the newest change (0 when there is none).</summary>
    public async Task<long> EndAsync(CancellationToken ct) =>
        await db.PublicChanges.MaxAsync(c => (long?)c.Seq, ct) ?? 0;

    /// <summary>The newest changes, newest first (the Atom feed).</summary>
    public async Task<IReadOnlyList<FeedEntry>> LatestAsync(int count, CancellationToken ct) =>
        await (from c in db.PublicChanges.AsNoTracking()
               join a in db.Agencies on c.AgencyId equals a.Id
               orderby c.Seq descending
               select new FeedEntry(c, a.Name, a.Province)).Take(count).ToListAsync(ct);
}
