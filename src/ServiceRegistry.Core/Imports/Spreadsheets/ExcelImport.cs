using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Imports;

/// <summary>One service row of an imported workbook: the card read from it (with its part rows), or why not.
/// <paramref name="TemplateLink"/> is what the row wrote in <see cref="CardSheets.TemplateHeader"/> (Latin digits), null
/// when blank; <see cref="Standalone"/> when it wrote <see cref="CardSheets.NoTemplate"/>.</summary>
public sealed record ImportedRow(int Row, string Key, string? Title, CardContent? Content, IReadOnlyList<string> Errors, string? TemplateLink = null)
{
    public bool Ok => Content is not null && Errors.Count == 0;

    /// <summary>The row asks for a standalone card even when a template matches it.</summary>
    public bool Standalone => TemplateLink is not null && PersianText.Normalize(TemplateLink) == PersianText.Normalize(CardSheets.NoTemplate);

    /// <summary>The template the row names, when it names one.</summary>
    public string? NamedTemplate => TemplateLink is null || Standalone ? null : TemplateLink;
}

/// <summary>
/// Reads a workbook in the <see cref="CardSheets"/> layout (what <see cref="ExcelExport"/> writes, possibly edited
/// in Excel or LibreOffice) back into card contents: one per row of the services sheet, with the rows of the part
/// sheets that carry its key. Columns are found by their Persian header, so their order does not matter; unknown
/// and computed columns are ignored, and so are the entry workbook's example rows (key <see cref="CardSheets.ExampleKey"/>).
/// Every problem names the sheet, the row and the column.
/// </summary>
public static class ExcelImport
{
    /// <summary>Largest part of the workbook that is read (the sheets of ten thousand cards are well under it).</summary>
    public const long MaxPartBytes = 64L * 1024 * 1024;

    /// <summary>The rows of a workbook; a file that is not a readable .xlsx (or is a zip bomb) is an <see cref="InvalidDataException"/> with a Persian message.</summary>
    public static IReadOnlyList<ImportedRow> Read(byte[] workbook, CancellationToken ct = default) =>
        WorkbookFile.Read(workbook, MaxPartBytes, Read, ct);

    private static List<ImportedRow> Read(SpreadsheetDocument document)
    {
        var book = document.WorkbookPart ?? throw new InvalidDataException("فایل کارپوشه اکسل نیست.");
        var shared = WorkbookFile.SharedStrings(book);

        // A damaged workbook may name a sheet twice, point at a part that is not a sheet, or have no workbook XML at all.
        var sheets = new Dictionary<string, WorksheetPart>(StringComparer.Ordinal);
        foreach (var sheet in book.Workbook?.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Id?.Value is { } id && book.TryGetPartById(id, out var part) && part is WorksheetPart { Worksheet: not null } worksheet)
            {
                sheets.TryAdd(sheet.Name?.Value ?? "", worksheet);
            }
        }
        if (!sheets.TryGetValue(CardSheets.ServicesSheet, out var servicesPart))
        {
            throw new InvalidDataException($"برگه «{CardSheets.ServicesSheet}» در فایل نیست.");
        }

        var rows = new List<(int Row, string Key, CardContent Content, List<string> Errors, string? Link)>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (rowNumber, cells) in Rows(servicesPart, shared))
        {
            if (CardSheets.IsExample(cells))
            {
                continue;
            }

            var content = new CardContent();
            var errors = new List<string>();
            foreach (var column in CardSheets.Services)
            {
                if (column.Set is not null && cells.TryGetValue(column.Header, out var value) && value.Length > 0 && column.Set(content, value) is { } error)
                {
                    errors.Add($"ستون «{column.Header}»: {error}");
                }
            }

            var key = cells.GetValueOrDefault(CardSheets.KeyHeader, "").Trim();
            if (key.Length == 0)
            {
                key = $"row:{rowNumber}";
            }
            else if (byKey.ContainsKey(key))
            {
                errors.Add($"ستون «{CardSheets.KeyHeader}»: مقدار {key} در ردیف دیگری هم آمده است.");
            }

            var link = cells.GetValueOrDefault(CardSheets.TemplateHeader) is { Length: > 0 } written ? PersianText.ToLatinDigits(written) : null;
            if (string.IsNullOrWhiteSpace(content.Title) && link is null)
            {
                errors.Add("ستون «عنوان خدمت» خالی است.");
            }

            byKey.TryAdd(key, rows.Count);
            rows.Add((rowNumber, key, content, errors, link));
        }

        foreach (var sheet in CardSheets.Parts)
        {
            if (!sheets.TryGetValue(sheet.Name, out var part))
            {
                continue; // a workbook may carry only the services sheet
            }

            foreach (var (rowNumber, cells) in Rows(part, shared))
            {
                if (CardSheets.IsExample(cells))
                {
                    continue;
                }

                var key = cells.GetValueOrDefault(CardSheets.KeyHeader, "").Trim();
                if (!byKey.TryGetValue(key, out var index))
                {
                    var first = rows.Count > 0 ? rows[0].Errors : null;
                    first?.Add($"برگه «{sheet.Name}»، ردیف {rowNumber}: «{CardSheets.KeyHeader}» {key} در برگه «{CardSheets.ServicesSheet}» نیست.");
                    continue;
                }

                var target = rows[index];
                foreach (var error in sheet.Read(target.Content, cells))
                {
                    target.Errors.Add($"برگه «{sheet.Name}»، ردیف {rowNumber}، {error}");
                }
            }
        }

        return rows.Select(r => new ImportedRow(r.Row, r.Key, r.Content.Title, r.Errors.Count == 0 ? r.Content : null, r.Errors, r.Link)).ToList();
    }

    /// <summary>The data rows of a sheet as header → text, with their 1-based row numbers; blank rows are skipped.</summary>
    private static IEnumerable<(int Row, Dictionary<string, string> Cells)> Rows(WorksheetPart part, IReadOnlyList<string> shared)
    {
        string[]? headers = null;
        foreach (var (rowNumber, values) in WorkbookFile.Rows(part, cell => Text(cell, shared)))
        {
            if (headers is null)
            {
                headers = new string[values.Count == 0 ? 0 : values.Keys.Max() + 1];
                foreach (var (i, text) in values)
                {
                    headers[i] = text.Trim();
                }

                continue;
            }

            if (values.Count == 0)
            {
                continue;
            }

            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (i, text) in values)
            {
                if (i < headers.Length && headers[i] is { Length: > 0 } header)
                {
                    cells[header] = text.Trim();
                }
            }

            yield return (rowNumber, cells);
        }
    }

    private static string Text(Cell cell, IReadOnlyList<string> shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        var value = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString && int.TryParse(value, out var index) && index >= 0 && index < shared.Count)
        {
            return shared[index];
        }

        if (cell.DataType?.Value == CellValues.Boolean)
        {
            return value == "1" ? "بله" : "خیر";
        }

        return value;
    }
}
