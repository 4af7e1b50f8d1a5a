using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Review;

namespace ServiceRegistry.Core.Imports;

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
        // A card the agency already has (the shared rule, SameService) or an earlier row of this workbook is reported,
        // not saved again: sending the same workbook twice must not double the agency's cards.
        var good = rows.Where(r => r.Ok).Select(r => r.Content!).ToList();
        var existing = await SameService.LookupAsync(db.Cards, agency.Id, good, ct);

        var results = new SpreadsheetRowResult[rows.Count];
        var fresh = new List<int>();
        var repeats = new List<int>();
        var inWorkbook = SameService.Lookup.Empty();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!row.Ok)
            {
                results[i] = new SpreadsheetRowResult(row.Row, row.Key, row.Title, null, row.Errors);
                continue;
            }

            if (existing.Find(row.Content!) is { } same)
            {
                results[i] = Repeated(row, agency, same.Id);
            }
            else if (inWorkbook.Find(row.Content!) is not null)
            {
                repeats.Add(i); // answered once the earlier row has its card number
            }
            else
            {
                inWorkbook.Add(0, row.Content!);
                fresh.Add(i);
            }
        }

        var saved = await workflow.CreateDraftsAsync(agency, fresh.Select(f => rows[f].Content!).ToList(), actor, AuditActions.Imported, ct);
        if (!saved.Ok)
        {
            throw new InvalidOperationException(saved.Reason); // the callers check the agency first
        }

        for (var n = 0; n < fresh.Count; n++)
        {
            var row = rows[fresh[n]];
            existing.Add(saved.Ids[n], row.Content!);
            results[fresh[n]] = new SpreadsheetRowResult(row.Row, row.Key, row.Title, saved.Ids[n], []);
        }

        foreach (var index in repeats)
        {
            results[index] = Repeated(rows[index], agency, existing.Find(rows[index].Content!)!.Id);
        }

        return results;
    }

    private static SpreadsheetRowResult Repeated(ImportedRow row, Agency agency, int cardId) =>
        new(row.Row, row.Key, row.Title, null,
            [$"«{agency.Name}» خدمتی با همین عنوان دارد (شناسنامه {cardId})؛ ردیف دوباره ذخیره نشد. اگر خدمت دیگری است، عنوانش را دقیق‌تر بنویسید."]);
}
