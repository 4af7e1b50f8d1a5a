using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Catalog;

/// <summary>
/// Keeps the in-memory <see cref="CatalogSnapshot"/> of every card's catalog columns in step with the database: one
/// full load, then only the cards the change log (<c>CatalogChanges</c>, written by the same triggers that bump the
/// catalog stamp) names since the snapshot's stamp. Reads of the stamp, the log and the rows happen in one read
/// transaction, so a snapshot holds exactly the data at its stamp. One refresh at a time; concurrent callers wait
/// for it and share the result.
/// </summary>
public sealed partial class CatalogIndex(IServiceScopeFactory scopes, ILogger<CatalogIndex> log) : IDisposable
{
    /// <summary>More changed cards than this since the last snapshot: load everything again instead.</summary>
    public const int MaxIncremental = 20_000;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private CatalogSnapshot? _current;

    public void Dispose() => _gate.Dispose();

    /// <summary>A snapshot has been loaded (the node's readiness, /healthz/ready).</summary>
    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    /// <summary>Registries with more published cards than this rebuild the "did you mean" words at most once a minute.</summary>
    public const int SpellingRebuiltEveryChange = 50_000;

    private SpellingHeld? _spelling;

    /// <summary>
    /// The words of published titles for "did you mean" (<see cref="SearchSpelling"/>), as of this snapshot; in a large
    /// registry they may be up to a minute older (a build reads every title: about half a second for a million different titles).
    /// </summary>
    internal SearchSpelling Spelling(CatalogSnapshot snapshot)
    {
        var held = Volatile.Read(ref _spelling);
        if (held is not null && (held.Stamp == snapshot.Stamp
            || (held.Stamp < snapshot.Stamp && held.Words.Titles > SpellingRebuiltEveryChange && Environment.TickCount64 - held.BuiltAt < 60_000)))
        {
            return held.Words;
        }

        held = new SpellingHeld(snapshot.Stamp, SearchSpelling.Build(snapshot.PublishedTitles()), Environment.TickCount64);
        Volatile.Write(ref _spelling, held);
        return held.Words;
    }

    private sealed record SpellingHeld(long Stamp, SearchSpelling Words, long BuiltAt);

    /// <summary>A snapshot at <paramref name="stamp"/> or later.</summary>
    internal async Task<CatalogSnapshot> AtLeastAsync(long stamp, CancellationToken ct)
    {
        var snapshot = Volatile.Read(ref _current);
        if (snapshot is not null && snapshot.Stamp >= stamp)
        {
            return snapshot;
        }

        await _gate.WaitAsync(ct);
        try
        {
            snapshot = _current;
            if (snapshot is not null && snapshot.Stamp >= stamp)
            {
                return snapshot;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            snapshot = await RefreshAsync(db, snapshot, ct);
            Volatile.Write(ref _current, snapshot);
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Loads the snapshot ahead of the first search (start-up, in the background). A failure is logged; the
    /// first search then loads it, and reports its own error.</summary>
    public async Task WarmAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var catalog = scope.ServiceProvider.GetRequiredService<CatalogQuery>();
            await AtLeastAsync(await catalog.StampAsync(ct), ct);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or ObjectDisposedException)
        {
            LogWarmFailed(e);
        }
    }

    /// <summary>How many of the newest change-log entries start-up keeps; a snapshot older than them loads in full.</summary>
    public const int KeptChanges = 100_000;

    /// <summary>Drops change-log entries older than the newest <see cref="KeptChanges"/> (start-up).</summary>
    public static Task<int> PruneAsync(RegistryDbContext db, CancellationToken ct) => CatalogSql.For(db).PruneChangesAsync(KeptChanges, ct);

    private async Task<CatalogSnapshot> RefreshAsync(RegistryDbContext db, CatalogSnapshot? previous, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var sql = CatalogSql.For(db);
        await using var transaction = await sql.ReadTransactionAsync(ct);
        var stamp = await sql.StampInTransactionAsync(ct);

        CatalogSnapshot snapshot;
        var changes = previous is null ? null : await ChangesAsync(sql, previous.Stamp, stamp, ct);
        if (previous is null || changes is null)
        {
            var rows = await Rows(db.Cards.AsNoTracking()).ToListAsync(ct);
            snapshot = CatalogSnapshot.Build(stamp, rows);
            LogFullLoad(rows.Count, stamp, clock.ElapsedMilliseconds);
        }
        else
        {
            var rows = new List<CatalogRow>(changes.Count);
            foreach (var chunk in changes.Chunk(1000))
            {
                rows.AddRange(await Rows(db.Cards.AsNoTracking().Where(c => chunk.Contains(c.Id))).ToListAsync(ct));
            }

            var found = rows.Select(r => r.Id).ToHashSet();
            snapshot = previous.With(stamp, rows, changes.Where(id => !found.Contains(id)).ToList());
            LogRefresh(changes.Count, stamp, clock.ElapsedMilliseconds);
        }

        await transaction.CommitAsync(ct);
        return snapshot;
    }

    /// <summary>The ids changed after <paramref name="from"/> up to <paramref name="to"/>; null when everything must be
    /// read again (a bulk load's marker, too many changes, or log entries already pruned).</summary>
    private static async Task<List<int>?> ChangesAsync(CatalogSql sql, long from, long to, CancellationToken ct)
    {
        if (to == from)
        {
            return [];
        }

        var ids = await sql.ChangedIdsAsync(from, to, MaxIncremental + 1, ct);
        var first = await sql.FirstChangeAfterAsync(from, ct);
        if (ids.Count > MaxIncremental || ids.Contains(0) || first != from + 1)
        {
            return null;
        }

        return ids.Distinct().ToList();
    }

    private static IQueryable<CatalogRow> Rows(IQueryable<Cards.ServiceCard> cards) =>
        cards.Select(c => new CatalogRow(c.Id, c.Status, c.AgencyId, c.Province, c.Types, c.Levels, c.LifeEvents, c.Nature,
            c.Maturity, c.IsFree, c.TitleKey, c.UpdatedAt, c.TemplateId ?? (c.IsTemplate ? c.RevisionOfId ?? c.Id : 0), c.IsTemplate && c.RevisionOfId == null));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog index: loading at start-up failed; the first search will load it")]
    private partial void LogWarmFailed(Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog index: loaded {Count} cards at stamp {Stamp} in {Ms} ms")]
    private partial void LogFullLoad(int count, long stamp, long ms);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Catalog index: {Count} changed cards applied at stamp {Stamp} in {Ms} ms")]
    private partial void LogRefresh(int count, long stamp, long ms);
}
