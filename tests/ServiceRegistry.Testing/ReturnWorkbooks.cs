using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ServiceRegistry.Core.Figures;

namespace ServiceRegistry.Testing;

/// <summary>Fills a downloaded quarterly return template as a person does in Excel: typed text in the cells of a service's row.</summary>
public static class ReturnWorkbooks
{
    /// <summary>A copy of <paramref name="template"/> with the given cells of the row whose system id is <paramref name="cardId"/>
    /// set to text (headers of <see cref="ReturnWorkbook.Headers"/>); an empty value clears the cell.</summary>
    public static byte[] Fill(byte[] template, int cardId, params (string Header, string Value)[] cells) =>
        Fill(template, [(cardId, cells)]);

    public static byte[] Fill(byte[] template, IEnumerable<(int CardId, (string Header, string Value)[] Cells)> rows)
    {
        using var memory = new MemoryStream();
        memory.Write(template);
        using (var document = SpreadsheetDocument.Open(memory, isEditable: true))
        {
            var book = document.WorkbookPart!;
            var sheet = book.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == ReturnWorkbook.DataSheet);
            var data = ((WorksheetPart)book.GetPartById(sheet.Id!)).Worksheet.GetFirstChild<SheetData>()!;
            var header = data.Elements<Row>().First();
            var columns = header.Elements<Cell>().Select((c, i) => (c.InnerText, i)).ToDictionary(p => p.InnerText, p => p.i, StringComparer.Ordinal);
            foreach (var (cardId, values) in rows)
            {
                var row = data.Elements<Row>().Skip(1).Single(r => r.Elements<Cell>().First().InnerText == cardId.ToString(System.Globalization.CultureInfo.InvariantCulture));
                var cells = row.Elements<Cell>().ToList();
                foreach (var (name, value) in values)
                {
                    var replacement = new Cell(new InlineString(new Text(value))) { DataType = CellValues.InlineString };
                    row.ReplaceChild(replacement, cells[columns[name]]);
                    cells[columns[name]] = replacement;
                }
            }

            book.Workbook.Save();
            foreach (var part in book.WorksheetParts)
            {
                part.Worksheet.Save();
            }
        }

        return memory.ToArray();
    }
}
