using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Figures;

/// <summary>A service as the return template lists it: what identifies it, the version of its return when the template
/// was made (null: none yet) and the figures already stored (so a partly entered quarter is continued, not retyped).</summary>
public sealed record WorkbookService(int CardId, string? ServiceId, string Title, int? Version, ReturnStatus? Status, QuarterFigures? Figures);

/// <summary>
/// The quarterly return as an .xlsx for one agency and quarter: sheet «آمار فصلی» has a row per published service (system
/// id, service ID, title, the version it was made from) and a column per figure of <see cref="ReturnColumns"/> (the
/// grid's columns, Persian headers), then «ارسال»; sheet «راهنما» says how to fill it and carries the agency and quarter it
/// belongs to. Entered figures only: nothing is computed in the sheet (take-up and the rest are derived on upload).
/// Cells carry data validation (whole numbers ≥ 0, days ≥ 0, percent 0–100, بله/خیر) as a warning, not a stop, so text
/// typed in Persian digits is still accepted by Excel and read on upload like the grid reads it.
/// </summary>
public static partial class ReturnWorkbook
{
    public const string DataSheet = "آمار فصلی";
    public const string GuideSheet = "راهنما";
    public const string IdHeader = "شناسه سامانه";
    public const string ServiceIdHeader = "شناسه خدمت";
    public const string TitleHeader = "عنوان خدمت";
    public const string VersionHeader = "نسخه آمار";
    public const string SubmitHeader = "ارسال";
    public const string PeriodLabel = "دوره";
    public const string AgencyIdLabel = "شناسه دستگاه";
    public const string Yes = "بله";
    public const string No = "خیر";

    /// <summary>The data sheet's headers in order: four identifying columns, the figures, «ارسال».</summary>
    public static IReadOnlyList<string> Headers { get; } =
        [IdHeader, ServiceIdHeader, TitleHeader, VersionHeader, .. ReturnColumns.All.Select(c => c.Header), SubmitHeader];

    private const int FirstFigure = 4;

    /// <summary>The file's name for an agency and quarter.</summary>
    public static string FileName(int agencyId, Quarter period) => string.Create(CultureInfo.InvariantCulture, $"quarterly-return-{agencyId}-{period}.xlsx");

    public static void Write(Stream output, string agency, int agencyId, Quarter period, IReadOnlyList<WorkbookService> services)
    {
        using var memory = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook))
        {
            var book = document.AddWorkbookPart();
            book.Workbook = new Workbook(new Sheets());
            var styles = book.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheets = book.Workbook.Sheets!;

            var data = book.AddNewPart<WorksheetPart>();
            data.Worksheet = DataWorksheet(services);
            sheets.Append(new Sheet { Id = book.GetIdOfPart(data), SheetId = 1, Name = DataSheet });

            var guide = book.AddNewPart<WorksheetPart>();
            guide.Worksheet = GuideWorksheet(agency, agencyId, period);
            sheets.Append(new Sheet { Id = book.GetIdOfPart(guide), SheetId = 2, Name = GuideSheet });
            book.Workbook.Save();
        }

        memory.Position = 0;
        memory.CopyTo(output);
    }

    private static Worksheet DataWorksheet(IReadOnlyList<WorkbookService> services)
    {
        var rows = new SheetData();
        rows.Append(new Row(Headers.Select(h => Text(h, style: 1))) { RowIndex = 1 });
        var index = 2u;
        foreach (var s in services)
        {
            var cells = new List<Cell>
            {
                Number(s.CardId.ToString(CultureInfo.InvariantCulture)), Text(s.ServiceId ?? ""), Text(s.Title),
                s.Version is { } v ? Number(v.ToString(CultureInfo.InvariantCulture)) : Text(""),
            };
            var figures = s.Figures is null ? ReturnColumns.All.Select(_ => "").ToList() : ReturnColumns.ToCells(s.Figures);
            cells.AddRange(figures.Select(f => f.Length == 0 ? Text("") : Number(f)));
            cells.Add(Text(s.Status is ReturnStatus.Submitted or ReturnStatus.Locked ? Yes : No));
            rows.Append(new Row(cells) { RowIndex = index++ });
        }

        var last = Math.Max(2, services.Count + 1);
        var sheet = new Worksheet(
            new SheetViews(new SheetView(new Pane { VerticalSplit = 1, HorizontalSplit = 3, TopLeftCell = "D2", ActivePane = PaneValues.BottomRight, State = PaneStateValues.Frozen })
                { RightToLeft = true, WorkbookViewId = 0, TabSelected = true }),
            new Columns(
                new Column { Min = 1, Max = 2, Width = 14, CustomWidth = true },
                new Column { Min = 3, Max = 3, Width = 40, CustomWidth = true },
                new Column { Min = 4, Max = (uint)Headers.Count, Width = 14, CustomWidth = true }),
            rows);
        sheet.Append(Validations(last));
        return sheet;
    }

    private static DataValidations Validations(int lastRow)
    {
        var list = new List<DataValidation>();
        for (var i = 0; i < ReturnColumns.All.Count; i++)
        {
            var column = ReturnColumns.All[i];
            var range = $"{Letter(FirstFigure + i)}2:{Letter(FirstFigure + i)}{lastRow}";
            var (type, op, max, message) = column.Kind switch
            {
                ColumnKind.Count => (DataValidationValues.Whole, DataValidationOperatorValues.GreaterThanOrEqual, (string?)null, "عدد صحیح نامنفی بنویسید؛ خانه خالی یعنی نامعلوم."),
                ColumnKind.Days => (DataValidationValues.Decimal, DataValidationOperatorValues.GreaterThanOrEqual, null, "تعداد روز (نامنفی، اعشار مجاز) بنویسید."),
                _ => (DataValidationValues.Decimal, DataValidationOperatorValues.Between, "100", "درصد بین ۰ و ۱۰۰ بنویسید."),
            };
            var validation = new DataValidation
            {
                Type = type, Operator = op, AllowBlank = true, ShowErrorMessage = true, ShowInputMessage = true,
                ErrorStyle = DataValidationErrorStyleValues.Warning, ErrorTitle = column.Header, Error = message, PromptTitle = column.Header, Prompt = message,
                SequenceOfReferences = new ListValue<StringValue> { InnerText = range },
            };
            validation.Append(new Formula1("0"));
            if (max is not null)
            {
                validation.Append(new Formula2(max));
            }

            list.Add(validation);
        }

        var submit = Letter(Headers.Count - 1);
        var yesNo = new DataValidation
        {
            Type = DataValidationValues.List, AllowBlank = true, ShowErrorMessage = true, ErrorTitle = SubmitHeader,
            Error = $"«{Yes}» (ارسال برای بررسی) یا «{No}» (پیش‌نویس) بنویسید.",
            SequenceOfReferences = new ListValue<StringValue> { InnerText = $"{submit}2:{submit}{lastRow}" },
        };
        yesNo.Append(new Formula1($"\"{Yes},{No}\""));
        list.Add(yesNo);
        return new DataValidations(list) { Count = (uint)list.Count };
    }

    private static Worksheet GuideWorksheet(string agency, int agencyId, Quarter period)
    {
        string[] lines =
        [
            $"این فایل الگوی آمار عملکرد فصلی «{agency}» برای {period.Label} است. هر ردیف برگه «{DataSheet}» یک خدمت منتشرشده است.",
            $"ستون‌های «{IdHeader}»، «{ServiceIdHeader}»، «{TitleHeader}» و «{VersionHeader}» را تغییر ندهید؛ ردیف خدمتی را که آماری ندارد می‌توانید خالی بگذارید یا حذف کنید.",
            "خانه خالی یعنی «نامعلوم»، نه صفر. اعداد را با رقم فارسی یا لاتین بنویسید؛ جداکننده هزارگان (٬ یا ,) مجاز است.",
            "جمع «انجام‌شده» و «ردشده» نباید از جمع درخواست‌های همه مجراها بیشتر باشد. «درصد راضیان» عددی بین ۰ و ۱۰۰ است.",
            $"در ستون «{SubmitHeader}» «{Yes}» یعنی آمار برای بررسی استان فرستاده شود و «{No}» یعنی پیش‌نویس بماند.",
            "سهم الکترونیکی و دیگر شاخص‌ها را سامانه حساب می‌کند؛ ستونی برای آن‌ها نیست.",
            "اگر خطایی در فایل باشد هیچ ردیفی ذخیره نمی‌شود و گزارش، برگه و ردیف و ستون هر خطا را می‌گوید.",
            "اگر آمار خدمتی پس از دریافت این الگو تغییر کرده یا قفل شده باشد، بارگذاری پذیرفته نمی‌شود؛ الگوی تازه را دریافت کنید.",
        ];
        var rows = new SheetData(
            new Row(Text("دستگاه", 1), Text(agency)) { RowIndex = 1 },
            new Row(Text(AgencyIdLabel, 1), Number(agencyId.ToString(CultureInfo.InvariantCulture))) { RowIndex = 2 },
            new Row(Text(PeriodLabel, 1), Text(period.ToString())) { RowIndex = 3 },
            new Row(Text("فصل", 1), Text(period.Label)) { RowIndex = 4 });
        var index = 6u;
        foreach (var line in lines)
        {
            rows.Append(new Row(Text(PersianText.ToPersianDigits((index - 5).ToString(CultureInfo.InvariantCulture))), Text(line)) { RowIndex = index++ });
        }

        return new Worksheet(
            new SheetViews(new SheetView { RightToLeft = true, WorkbookViewId = 0 }),
            new Columns(new Column { Min = 1, Max = 1, Width = 16, CustomWidth = true }, new Column { Min = 2, Max = 2, Width = 120, CustomWidth = true }),
            rows);
    }

    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });

    private static Cell Text(string text, uint style = 0) =>
        new(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text))) { DataType = CellValues.InlineString, StyleIndex = style == 0 ? null : style };

    private static Cell Number(string value) => new(new CellValue(value)) { DataType = CellValues.Number };

    /// <summary>The column letter of a 0-based index (0 → A, 26 → AA).</summary>
    internal static string Letter(int index)
    {
        var letters = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            letters = (char)('A' + ((i - 1) % 26)) + letters;
        }

        return letters;
    }
}
