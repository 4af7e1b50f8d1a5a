using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Review;

namespace ServiceRegistry.Core.Exports;

/// <summary>What became of one row of the services sheet: the draft it made (<c>Id</c>), or why not (<c>Errors</c>).</summary>
public sealed record SpreadsheetRowResult(int Row, string Key, string? Title, int? Id, IReadOnlyList<string> Errors);

/// <summary>
/// Bulk entry by spreadsheet, for the API and the web page alike: every good row of a workbook in the export's
/// layout (<see cref="ExcelImport"/>) becomes a draft of one agency, stored in batches by
/// <see cref="CardWorkflow.CreateDraftsAsync"/>; a bad row is reported and never stops the others, and a row whose
/// title the agency already has (or an earlier row has) is reported with that card's number instead of saved twice.
/// </summary>
public static class SpreadsheetEntry
{
    /// <summary>Why a workbook of <paramref name="rows"/> rows is refused whole, or null when it is within <paramref name="limit"/>.</summary>
    public static string? TooManyRows(int rows, int limit) =>
        rows <= limit ? null
        : $"فایل {Text.PersianText.FormatNumber(rows)} ردیف دارد و در هر بار حداکثر {Text.PersianText.FormatNumber(limit)} ردیف پذیرفته می‌شود؛ ردیف‌ها را در چند فایل بفرستید. هیچ ردیفی ذخیره نشد.";

    public static async Task<IReadOnlyList<SpreadsheetRowResult>> SaveDraftsAsync(
        CardWorkflow workflow, RegistryDbContext db, Actor actor, Agency agency, IReadOnlyList<ImportedRow> rows, CancellationToken ct)
    {
        // A title the agency already has (or an earlier row of this workbook) is reported, not saved again: sending
        // the same workbook twice must not double the agency's cards.
        var titles = await db.Cards.AsNoTracking()
            .Where(c => c.AgencyId == agency.Id && c.Status != CardStatus.Archived)
            .Select(c => new { c.Id, c.TitleKey })
            .ToListAsync(ct);
        var existing = titles.GroupBy(t => t.TitleKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Min(t => t.Id), StringComparer.Ordinal);

        var results = new SpreadsheetRowResult[rows.Count];
        var fresh = new List<(int Index, string TitleKey)>();
        var firstOfTitle = new Dictionary<string, int>(StringComparer.Ordinal);
        var repeats = new List<(int Index, string TitleKey)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!row.Ok)
            {
                results[i] = new SpreadsheetRowResult(row.Row, row.Key, row.Title, null, row.Errors);
                continue;
            }

            var titleKey = SearchTerms.Document(row.Content!.Title);
            if (existing.TryGetValue(titleKey, out var same))
            {
                results[i] = Repeated(row, agency, same);
            }
            else if (!firstOfTitle.TryAdd(titleKey, i))
            {
                repeats.Add((i, titleKey)); // answered once the earlier row has its card number
            }
            else
            {
                fresh.Add((i, titleKey));
            }
        }

        var saved = await workflow.CreateDraftsAsync(agency, fresh.Select(f => rows[f.Index].Content!).ToList(), actor, AuditActions.Imported, ct);
        if (!saved.Ok)
        {
            throw new InvalidOperationException(saved.Reason); // the callers check the agency first
        }

        for (var n = 0; n < fresh.Count; n++)
        {
            var (index, titleKey) = fresh[n];
            var row = rows[index];
            existing[titleKey] = saved.Ids[n];
            results[index] = new SpreadsheetRowResult(row.Row, row.Key, row.Title, saved.Ids[n], []);
        }

        foreach (var (index, titleKey) in repeats)
        {
            results[index] = Repeated(rows[index], agency, existing[titleKey]);
        }

        return results;
    }

    private static SpreadsheetRowResult Repeated(ImportedRow row, Agency agency, int cardId) =>
        new(row.Row, row.Key, row.Title, null,
            [$"«{agency.Name}» خدمتی با همین عنوان دارد (شناسنامه {cardId})؛ ردیف دوباره ذخیره نشد. اگر خدمت دیگری است، عنوانش را دقیق‌تر بنویسید."]);
}
