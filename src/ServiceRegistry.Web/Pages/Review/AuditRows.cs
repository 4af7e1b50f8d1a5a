using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Review;

/// <summary>Audit entries as people read them: the card by its title, the step in Persian, the detail in Persian
/// digits where it is our own phrase (a version, a count) and as written where it is a code (a service ID, a file name), and a return
/// with the comments it sent.</summary>
public sealed record AuditRow(AuditEntry Entry, string? CardTitle, string Action, string Detail, string? Code)
{
    /// <summary>The rows of <paramref name="entries"/> (already filtered, ordered and paged).</summary>
    public static async Task<IReadOnlyList<AuditRow>> LoadAsync(RegistryDbContext db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var cardIds = entries.Where(e => e.CardId is not null).Select(e => e.CardId!.Value).Distinct().ToList();
        var titles = await db.Cards.AsNoTracking().Where(c => cardIds.Contains(c.Id)).Select(c => new { c.Id, c.Title }).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        var returnedCards = entries.Where(e => e.Action == AuditActions.Returned && e.CardId is not null).Select(e => e.CardId!.Value).Distinct().ToList();
        var comments = returnedCards.Count == 0 ? [] : await db.ReviewComments.AsNoTracking()
            .Where(c => returnedCards.Contains(c.CardId) && c.ReplyToId == null).ToListAsync(ct);
        return entries.Select(e => Describe(e, e.CardId is { } id && titles.TryGetValue(id, out var t) ? t : null, comments)).ToList();
    }

    private static AuditRow Describe(AuditEntry e, string? title, IReadOnlyList<ReviewComment> comments)
    {
        var action = AuditActions.Label(e.Action);
        return e.Action switch
        {
            AuditActions.Returned => new(e, title, action, string.Join("؛ ", comments.Where(c => c.CardId == e.CardId && c.At == e.At)
                .Select(c => (c.FieldPath is null ? "" : CardFields.LabelOf(c.FieldPath) + ": ") + c.Text)) is { Length: > 0 } texts ? texts : Fa.Digits(e.Detail), null),
            AuditActions.ServiceIdIssued => new(e, title, action, "", e.Detail),
            AuditActions.Published when e.Detail is { } d && d.All(char.IsAsciiDigit) => new(e, title, action, "", d),
            // Our own phrases ("نسخه 5", "بازنگری 12", "منتشر شد در 12"): Persian digits. Anything else (file names,
            // token hints) is shown as written.
            AuditActions.Edited or AuditActions.Published or AuditActions.Archived => new(e, title, action, Fa.Digits(e.Detail), null),
            _ => new(e, title, action, "", e.Detail),
        };
    }
}
