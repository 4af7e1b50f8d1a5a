using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ServiceRegistry.Core.Exports;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// The workbook agencies download to enter many services at once (bulk entry by spreadsheet): the sheets and columns
/// of <see cref="CardSheets"/> that a person fills (none the registry computes or issues: status, e-readiness level,
/// free or not, the service ID, the importer's leftover text), the national template column beside the title, an
/// example service on every sheet (key <see cref="CardSheets.ExampleKey"/>, shaded; <see cref="ExcelImport"/> skips
/// it), a dropdown on every coded column offering the Persian labels the reader accepts (lists on a hidden sheet), and
/// a Persian guide sheet (<see cref="GuideSheet"/>) naming each column, whether it is required and what it accepts.
/// </summary>
public static partial class EntryWorkbook
{
    public const string GuideSheet = "راهنما";

    /// <summary>The hidden sheet that holds the dropdowns' lists.</summary>
    public const string ListsSheet = "مقادیر";

    private const uint HeaderStyle = 1;
    private const uint ExampleStyle = 2;
    private const uint TitleStyle = 3;

    /// <summary>A column of the entry workbook: its header, the labels it accepts (coded) and whether several may be written.</summary>
    public sealed record EntryColumn(string Header, IReadOnlyList<string>? Choices, bool Many, bool Numeric);

    /// <summary>The services sheet's columns in the entry workbook: the key, the title, the template link, then the
    /// rest of <see cref="CardSheets.Services"/> except what the registry writes itself.</summary>
    public static IReadOnlyList<EntryColumn> ServiceColumns { get; } = BuildServiceColumns();

    /// <summary>The columns of each part sheet (the key first).</summary>
    public static IReadOnlyList<(string Sheet, IReadOnlyList<EntryColumn> Columns)> PartColumns { get; } =
        [.. CardSheets.Parts.Select(p => (p.Name, (IReadOnlyList<EntryColumn>)PartColumnsOf(p)))];

    private static List<EntryColumn> PartColumnsOf(IPartSheet part)
    {
        var columns = new List<EntryColumn> { new(CardSheets.KeyHeader, null, false, true) };
        columns.AddRange(part.Headers.Select((h, i) => new EntryColumn(h, part.ColumnChoices[i].Choices, part.ColumnChoices[i].Many, part.NumericColumns[i])));
        return columns;
    }

    private static List<EntryColumn> BuildServiceColumns()
    {
        var columns = new List<EntryColumn> { new(CardSheets.KeyHeader, null, false, true) };
        foreach (var column in CardSheets.Services.Where(c => c.Header is not (CardSheets.ServiceIdHeader or CardSheets.UnmappedHeader)))
        {
            columns.Add(new EntryColumn(column.Header, column.Choices, column.Many, column.Numeric));
            if (columns.Count == 2)
            {
                columns.Add(new EntryColumn(CardSheets.TemplateHeader, null, false, false)); // beside the title
            }
        }

        return columns;
    }

    /// <summary>Writes the workbook; dropdowns cover the example row and <paramref name="maxRows"/> rows under it.</summary>
    public static void Write(Stream output, int maxRows)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var book = document.AddWorkbookPart();
        book.Workbook = new Workbook(new Sheets());
        var styles = book.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles();

        var lists = new ChoiceLists();
        var lastRow = (uint)maxRows + 2;
        AddSheet(book, GuideSheet, Guide(), [30, 16, 28, 60, 60], headerRows: 0, validations: null);

        var example = ExampleCard();
        var serviceValues = CardSheets.Services.ToDictionary(c => c.Header, c => c.Get(example), StringComparer.Ordinal);
        var serviceRow = ServiceColumns.Select(c => c.Header == CardSheets.KeyHeader ? CardSheets.ExampleKey : serviceValues.GetValueOrDefault(c.Header)).ToArray();
        AddSheet(book, CardSheets.ServicesSheet, [Header(ServiceColumns), Example(serviceRow)], Widths(ServiceColumns), 1,
            Validations(ServiceColumns, lists, lastRow));

        foreach (var (part, (name, columns)) in CardSheets.Parts.Zip(PartColumns))
        {
            var rows = new List<Row> { Header(columns) };
            rows.AddRange(part.RowsOf(example).Select(values => Example([CardSheets.ExampleKey, .. values])));
            AddSheet(book, name, rows, Widths(columns), 1, Validations(columns, lists, lastRow));
        }

        var listSheet = AddSheet(book, ListsSheet, lists.Rows(), [.. lists.Columns.Select(_ => 30d)], 0, null);
        listSheet.State = SheetStateValues.Hidden;
        book.Workbook.Save();
    }

    private static Sheet AddSheet(WorkbookPart book, string name, IEnumerable<Row> rows, IReadOnlyList<double> widths, int headerRows, DataValidations? validations)
    {
        var part = book.AddNewPart<WorksheetPart>();
        var view = new SheetView { RightToLeft = true, WorkbookViewId = 0, TabSelected = name == GuideSheet };
        if (headerRows > 0)
        {
            view.Append(new Pane { VerticalSplit = headerRows, TopLeftCell = $"A{headerRows + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        }

        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true }));
        var data = new SheetData();
        uint number = 0;
        foreach (var row in rows)
        {
            row.RowIndex = ++number;
            var column = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                cell.CellReference = ColumnName(column++) + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            data.Append(row);
        }

        var worksheet = new Worksheet(new SheetViews(view), columns, data);
        if (validations is not null)
        {
            worksheet.Append(validations);
        }

        part.Worksheet = worksheet;
        var sheets = book.Workbook!.Sheets!;
        var sheet = new Sheet { Name = name, SheetId = (uint)sheets.ChildElements.Count + 1, Id = book.GetIdOfPart(part) };
        sheets.Append(sheet);
        return sheet;
    }

    private static double[] Widths(IReadOnlyList<EntryColumn> columns) => [.. columns.Select(c => c.Header == CardSheets.KeyHeader ? 12d : 26d)];

    private static Row Header(IReadOnlyList<EntryColumn> columns) => TextRow(columns.Select(c => c.Header).ToArray(), HeaderStyle);

    private static Row Example(string?[] values) => TextRow(values, ExampleStyle);

    /// <summary>A row of text cells (inline strings, so the file needs no shared-string table), each with a style;
    /// <see cref="AddSheet"/> numbers the rows and cells.</summary>
    internal static Row TextRow(IReadOnlyList<string?> values, uint style)
    {
        var row = new Row();
        for (var i = 0; i < values.Count; i++)
        {
            var cell = new Cell { StyleIndex = style };
            if (!string.IsNullOrEmpty(values[i]))
            {
                cell.DataType = CellValues.InlineString;
                cell.InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(values[i]!) { Space = SpaceProcessingModeValues.Preserve });
            }

            row.Append(cell);
        }

        return row;
    }

    /// <summary>A list validation on every coded column from the example row down: one of the labels, or (a set) any
    /// text, with a warning, because a cell may hold several labels joined by «، ».</summary>
    private static DataValidations? Validations(IReadOnlyList<EntryColumn> columns, ChoiceLists lists, uint lastRow)
    {
        var validations = new DataValidations();
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Choices is not { Count: > 0 } choices)
            {
                continue;
            }

            var column = ColumnName(i);
            validations.Append(new DataValidation
            {
                Type = DataValidationValues.List,
                AllowBlank = true,
                ShowInputMessage = true,
                ShowErrorMessage = true,
                ErrorStyle = columns[i].Many ? DataValidationErrorStyleValues.Warning : DataValidationErrorStyleValues.Stop,
                PromptTitle = Cut(columns[i].Header, 32),
                Prompt = columns[i].Many
                    ? "یکی را از فهرست انتخاب کنید؛ برای چند مقدار، آن‌ها را با «، » جدا بنویسید (مانند «ملی، استانی»)."
                    : "یکی را از فهرست انتخاب کنید.",
                ErrorTitle = "مقدار فهرست نیست",
                Error = columns[i].Many
                    ? "این متن در فهرست نیست. اگر چند مقدار را با «، » جدا کرده‌اید «بله» را بزنید؛ هر مقدار باید یکی از فهرست باشد."
                    : "یکی از مقدارهای فهرست را انتخاب کنید (فهرست کامل در برگه «راهنما» است).",
                SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{column}2:{column}{lastRow}" },
                Formula1 = new Formula1(lists.Reference(choices)),
            });
        }

        if (validations.ChildElements.Count == 0)
        {
            return null;
        }

        validations.Count = (uint)validations.ChildElements.Count;
        return validations;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>Each distinct list once, a column of the hidden sheet.</summary>
    private sealed class ChoiceLists
    {
        public List<IReadOnlyList<string>> Columns { get; } = [];

        public string Reference(IReadOnlyList<string> choices)
        {
            var index = Columns.FindIndex(c => c.SequenceEqual(choices, StringComparer.Ordinal));
            if (index < 0)
            {
                Columns.Add(choices);
                index = Columns.Count - 1;
            }

            var column = ColumnName(index);
            return $"'{ListsSheet}'!${column}$1:${column}${choices.Count}";
        }

        public IEnumerable<Row> Rows()
        {
            var height = Columns.Count == 0 ? 0 : Columns.Max(c => c.Count);
            for (var r = 0; r < height; r++)
            {
                yield return TextRow(Columns.Select(c => r < c.Count ? c[r] : null).ToArray(), 0);
            }
        }
    }

    private static Stylesheet Styles() => new(
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Vazirmatn" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Vazirmatn" }),
            new Font(new Italic(), new FontSize { Val = 11 }, new Color { Rgb = "FF595959" }, new FontName { Val = "Vazirmatn" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Vazirmatn" })) { Count = 4 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFF2CC" }) { PatternType = PatternValues.Solid })) { Count = 4 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, ApplyAlignment = true, Alignment = Wrap() },
            new CellFormat { FontId = 1, FillId = 2, BorderId = 0, ApplyFont = true, ApplyFill = true, ApplyAlignment = true, Alignment = Wrap() },
            new CellFormat { FontId = 2, FillId = 3, BorderId = 0, ApplyFont = true, ApplyFill = true, ApplyAlignment = true, Alignment = Wrap() },
            new CellFormat { FontId = 3, FillId = 0, BorderId = 0, ApplyFont = true },
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0 }) { Count = 5 }); // a guide note: one line, running over the empty cells beside it

    private static Alignment Wrap() => new() { WrapText = true, Vertical = VerticalAlignmentValues.Top };
}
