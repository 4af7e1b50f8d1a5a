using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Exports;

namespace ServiceRegistry.Testing;

/// <summary>Test workbooks in the catalog export's layout (what bulk entry by spreadsheet reads).</summary>
public static class Workbooks
{
    /// <summary>An .xlsx with one services row per content (keys 1…n) and their part rows.</summary>
    public static async Task<byte[]> OfAsync(params CardContent[] contents)
    {
        async IAsyncEnumerable<ServiceCard> Cards()
        {
            for (var i = 0; i < contents.Length; i++)
            {
                var card = ServiceCard.FromFile(1, contents[i], CardStatus.Draft, DateTimeOffset.UnixEpoch);
                typeof(ServiceCard).GetProperty(nameof(ServiceCard.Id))!.SetValue(card, i + 1); // the workbook's row key
                yield return card;
            }

            await Task.CompletedTask;
        }

        using var file = new MemoryStream();
        await ExcelExport.WriteAsync(Cards(), file);
        return file.ToArray();
    }
}

/// <summary>Reading and filling workbooks as a person would in Excel: rows as header → text, cells written by header.</summary>
public static class WorkbookCells
{
    /// <summary>The rows of a sheet under its header row: row number → (header → text); empty cells are absent.</summary>
    public static IReadOnlyList<(int Row, Dictionary<string, string> Cells)> Read(byte[] workbook, string sheet)
    {
        using var stream = new MemoryStream(workbook, writable: false);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, isEditable: false);
        var part = Part(document, sheet);
        var rows = part.Worksheet!.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
        var headers = Texts(rows[0]);
        return Numbered(rows).Skip(1)
            .Select(r => (r.Number, Texts(r.Row).Where(c => headers.ContainsKey(c.Key)).ToDictionary(c => headers[c.Key], c => c.Value)))
            .Where(r => r.Item2.Count > 0)
            .ToList();
    }

    /// <summary>The header row of a sheet, in column order.</summary>
    public static IReadOnlyList<string> Headers(byte[] workbook, string sheet)
    {
        using var stream = new MemoryStream(workbook, writable: false);
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, isEditable: false);
        var first = Part(document, sheet).Worksheet!.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().First();
        return [.. Texts(first).OrderBy(c => c.Key).Select(c => c.Value)];
    }

    /// <summary>A copy of the workbook with row <paramref name="row"/> of <paramref name="sheet"/> holding these texts, by header.</summary>
    public static byte[] Write(byte[] workbook, string sheet, int row, IReadOnlyDictionary<string, string> cells)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(stream, isEditable: true))
        {
            var part = Part(document, sheet);
            var data = part.Worksheet!.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.SheetData>()!;
            var rows = Numbered(data.Elements<DocumentFormat.OpenXml.Spreadsheet.Row>()).ToList();
            foreach (var (number, r) in rows)
            {
                r.RowIndex = (uint)number;
            }

            var headers = Texts(rows[0].Row).ToDictionary(c => c.Value, c => c.Key, StringComparer.Ordinal);
            var target = rows.FirstOrDefault(r => r.Number == row).Row;
            if (target is null)
            {
                target = new DocumentFormat.OpenXml.Spreadsheet.Row { RowIndex = (uint)row };
                var after = rows.LastOrDefault(r => r.Number < row).Row;
                if (after is null) { data.PrependChild(target); } else { data.InsertAfter(target, after); }
            }

            var existing = new Dictionary<int, DocumentFormat.OpenXml.Spreadsheet.Cell>();
            var position = -1;
            foreach (var cell in target.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>())
            {
                position = cell.CellReference?.Value is { } at ? Column(at) : position + 1;
                cell.CellReference = Core.Imports.EntryWorkbook.ColumnName(position) + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
                existing[position] = cell;
            }

            foreach (var (header, text) in cells)
            {
                var column = headers[header];
                var reference = Core.Imports.EntryWorkbook.ColumnName(column) + row.ToString(System.Globalization.CultureInfo.InvariantCulture);
                existing[column] = new DocumentFormat.OpenXml.Spreadsheet.Cell
                {
                    CellReference = reference,
                    DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString,
                    InlineString = new DocumentFormat.OpenXml.Spreadsheet.InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)),
                };
            }

            target.RemoveAllChildren();
            foreach (var (_, cell) in existing.OrderBy(c => c.Key))
            {
                target.Append(cell.CloneNode(true));
            }
        }

        return stream.ToArray();
    }

    public static DocumentFormat.OpenXml.Packaging.WorksheetPart Part(DocumentFormat.OpenXml.Packaging.SpreadsheetDocument document, string sheet)
    {
        var book = document.WorkbookPart!;
        var id = book.Workbook!.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single(s => s.Name == sheet).Id!.Value!;
        return (DocumentFormat.OpenXml.Packaging.WorksheetPart)book.GetPartById(id);
    }

    private static IEnumerable<(int Number, DocumentFormat.OpenXml.Spreadsheet.Row Row)> Numbered(IEnumerable<DocumentFormat.OpenXml.Spreadsheet.Row> rows)
    {
        var number = 0;
        foreach (var row in rows)
        {
            number = row.RowIndex?.Value is { } index ? (int)index : number + 1;
            yield return (number, row);
        }
    }

    private static Dictionary<int, string> Texts(DocumentFormat.OpenXml.Spreadsheet.Row row)
    {
        var texts = new Dictionary<int, string>();
        var column = -1;
        foreach (var cell in row.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>())
        {
            column = cell.CellReference?.Value is { } reference ? Column(reference) : column + 1;
            var text = cell.InlineString?.InnerText ?? cell.CellValue?.Text ?? "";
            if (text.Length > 0)
            {
                texts[column] = text;
            }
        }

        return texts;
    }

    private static int Column(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetterUpper))
        {
            index = (index * 26) + (c - 'A' + 1);
        }

        return index - 1;
    }
}
