using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Core.Review;

namespace ServiceRegistry.Core.Imports;

/// <summary>What became of one row of the services sheet: the draft it made (<c>Id</c>), or why not (<c>Errors</c>);
/// when the draft is an instance, its template (<c>TemplateId</c>, <c>TemplateTitle</c>) and whether the row named it or
/// matched it by title and parent agency (<c>TemplateMatched</c>).</summary>
public sealed record SpreadsheetRowResult(
    int Row, string Key, string? Title, int? Id, IReadOnlyList<string> Errors,
    int? TemplateId = null, string? TemplateTitle = null, bool TemplateMatched = false);

/// <summary>
/// Bulk entry by spreadsheet, for the API and the web page alike: every good row of a workbook in the export's
/// layout (<see cref="ExcelImport"/>) becomes a draft of one agency, stored in batches by
/// <see cref="CardWorkflow.CreateDraftsAsync"/>; a bad row is reported and never stops the others, and a row whose
/// title the agency already has (or an earlier row has) is reported with that card's number instead of saved twice.
/// A row that names a national template (<see cref="CardSheets.TemplateHeader"/>) becomes its instance, and so does a
/// row that names none whose title and parent agency match a published template (<see cref="TemplateMatch"/>) unless
/// it asks for a standalone card (<see cref="CardSheets.NoTemplate"/>); a name that is no published template is the
/// row's error.
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
        var (templates, templateErrors) = await TemplatesAsync(db, rows, ct);

        // The content each good row would store (an instance's effective content), for the duplicate rule.
        var effective = new CardContent?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Ok && templateErrors[i] is null)
            {
                effective[i] = templates[i] is { } t ? TemplateMatch.InstanceContent(t.Template.Content, rows[i].Content!) : rows[i].Content!;
            }
        }

        // A card the agency already has (the shared rule, SameService) or an earlier row of this workbook is reported,
        // not saved again: sending the same workbook twice must not double the agency's cards.
        var existing = await SameService.LookupAsync(db.Cards, agency.Id, effective.OfType<CardContent>(), ct);

        var results = new SpreadsheetRowResult[rows.Count];
        var fresh = new List<int>();
        var repeats = new List<int>();
        var inWorkbook = SameService.Lookup.Empty();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (effective[i] is not { } content)
            {
                results[i] = new SpreadsheetRowResult(row.Row, row.Key, row.Title, null, templateErrors[i] is { } e ? [e] : row.Errors);
                continue;
            }

            if (existing.Find(content) is { } same)
            {
                results[i] = Repeated(row, content, agency, same.Id);
            }
            else if (inWorkbook.Find(content) is not null)
            {
                repeats.Add(i); // answered once the earlier row has its card number
            }
            else
            {
                inWorkbook.Add(0, content);
                fresh.Add(i);
            }
        }

        var saved = await workflow.CreateDraftsAsync(
            agency, fresh.Select(f => rows[f].Content!).ToList(), actor, AuditActions.Imported, fresh.Select(f => templates[f]?.Template).ToList(), ct);
        if (!saved.Ok)
        {
            throw new InvalidOperationException(saved.Reason); // the callers check the agency first
        }

        for (var n = 0; n < fresh.Count; n++)
        {
            var (row, content, template) = (rows[fresh[n]], effective[fresh[n]]!, templates[fresh[n]]);
            existing.Add(saved.Ids[n], content);
            results[fresh[n]] = new SpreadsheetRowResult(row.Row, row.Key, content.Title, saved.Ids[n], [],
                template?.Template.Id, template?.Template.Title, template?.Matched ?? false);
        }

        foreach (var index in repeats)
        {
            results[index] = Repeated(rows[index], effective[index]!, agency, existing.Find(effective[index]!)!.Id);
        }

        return results;
    }

    /// <summary>Per row, the published template its draft follows (named in the row, or matched by title and parent
    /// agency) or null; and per row, the error when the row names a template that is not a published one.</summary>
    private static async Task<((ServiceCard Template, bool Matched)?[] Templates, string?[] Errors)> TemplatesAsync(
        RegistryDbContext db, IReadOnlyList<ImportedRow> rows, CancellationToken ct)
    {
        var named = await TemplateMatch.NamedAsync(db.Cards, rows.Where(r => r.Ok).Select(r => r.NamedTemplate).OfType<string>(), ct);
        var matches = await TemplateMatch.LookupAsync(db.Cards, rows.Where(r => r.Ok && r.TemplateLink is null).Select(r => r.Content!), ct);
        var templates = new (ServiceCard, bool)?[rows.Count];
        var errors = new string?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (!row.Ok || row.Standalone)
            {
                continue;
            }

            if (row.NamedTemplate is { } link)
            {
                if (named.TryGetValue(link.Trim(), out var template))
                {
                    templates[i] = (template, false);
                }
                else
                {
                    errors[i] = $"ستون «{CardSheets.TemplateHeader}»: «{link}» شماره یا شناسه خدمت هیچ الگوی ملی منتشرشده‌ای نیست. "
                        + $"شماره الگو را از صفحه الگو بردارید، یا ستون را خالی بگذارید (برای شناسنامه مستقل: «{CardSheets.NoTemplate}»).";
                }
            }
            else if (matches.Find(row.Content!) is { } matched)
            {
                templates[i] = (matched, true);
            }
        }

        return (templates, errors);
    }

    private static SpreadsheetRowResult Repeated(ImportedRow row, CardContent content, Agency agency, int cardId) =>
        new(row.Row, row.Key, content.Title, null,
            [$"«{agency.Name}» خدمتی با همین عنوان دارد (شناسنامه {cardId})؛ ردیف دوباره ذخیره نشد. اگر خدمت دیگری است، عنوانش را دقیق‌تر بنویسید."]);
}
