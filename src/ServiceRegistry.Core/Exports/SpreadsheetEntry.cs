using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Review;

namespace ServiceRegistry.Core.Exports;

/// <summary>What became of one row of the services sheet: the draft it made (<c>Id</c>), or why not (<c>Errors</c>).</summary>
public sealed record SpreadsheetRowResult(int Row, string Key, string? Title, int? Id, IReadOnlyList<string> Errors);

/// <summary>
/// Bulk entry by spreadsheet, for the API and the web page alike: every good row of a workbook in the export's
/// layout (<see cref="ExcelImport"/>) becomes a draft of one agency, saved row by row, so a bad row is reported and
/// never stops or half-saves the others; a row whose title the agency already has is reported instead of saved twice.
/// </summary>
public static class SpreadsheetEntry
{
    public static async Task<IReadOnlyList<SpreadsheetRowResult>> SaveDraftsAsync(
        RegistryDbContext db, Actor actor, Agency agency, IReadOnlyList<ImportedRow> rows, TimeProvider time, CancellationToken ct)
    {
        // A title the agency already has (or an earlier row of this workbook) is reported, not saved again: sending
        // the same workbook twice must not double the agency's cards.
        var titles = await db.Cards.AsNoTracking()
            .Where(c => c.AgencyId == agency.Id && c.Status != CardStatus.Archived)
            .Select(c => new { c.Id, c.TitleKey })
            .ToListAsync(ct);
        var existing = titles.GroupBy(t => t.TitleKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(t => t.Id), StringComparer.Ordinal);
        var results = new List<SpreadsheetRowResult>(rows.Count);
        foreach (var row in rows)
        {
            if (!row.Ok)
            {
                results.Add(new SpreadsheetRowResult(row.Row, row.Key, row.Title, null, row.Errors));
                continue;
            }

            var titleKey = SearchTerms.Document(row.Content!.Title);
            if (existing.TryGetValue(titleKey, out var same))
            {
                results.Add(new SpreadsheetRowResult(row.Row, row.Key, row.Title, null,
                    [$"«{agency.Name}» خدمتی با همین عنوان دارد (شناسنامه {same})؛ ردیف دوباره ذخیره نشد. اگر خدمت دیگری است، عنوانش را دقیق‌تر بنویسید."]));
                continue;
            }

            var now = time.GetUtcNow();
            var card = ServiceCard.NewDraft(agency.Id, row.Content!, now, actor.Name);
            card.RecordCreated(actor, now, AuditActions.Imported);
            db.Cards.Add(card);
            await db.SaveChangesAsync(ct);
            existing[titleKey] = card.Id;
            results.Add(new SpreadsheetRowResult(row.Row, row.Key, row.Title, card.Id, []));
        }

        return results;
    }
}
