using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ServiceRegistry.Core.Catalog;

namespace ServiceRegistry.Core.Statistics;

/// <summary>One sheet of a small workbook: its name, headers and rows (numbers stay numbers, null is an empty cell).</summary>
public sealed record Sheet(string Name, IReadOnlyList<string> Headers, IEnumerable<object?[]> Rows);

/// <summary>
/// A dashboard view as an .xlsx workbook (right-to-left sheets, Persian headers): summary, services by each facet,
/// agencies, provinces, the largest in-person burdens, services with their level and reasons, and completeness when
/// the viewer may see it. Every set here is bounded (agencies, provinces, a capped list of services), so the workbook is
/// built in memory with the Open XML SDK.
/// </summary>
public static class DashboardWorkbook
{
    /// <summary>Unknown figures (the card did not say enough) are written as this, never as 0.</summary>
    public const string UnknownText = "نامعلوم";

    public static IReadOnlyList<Sheet> Sheets(string title, string generatedAt, DashboardFigures figures, IReadOnlyList<ServiceRow> services, IReadOnlyList<CompletenessRow>? completeness)
    {
        var t = figures.Total;
        var sheets = new List<Sheet>
        {
            new("خلاصه", ["شاخص", "مقدار", "خدمات بدون آمار"],
            [
                ["گزارش", title, null],
                ["تاریخ تهیه", generatedAt, null],
                ["تعداد خدمات منتشر شده", t.Services, null],
                ["خدمات تمام‌الکترونیکی (سطح ۴)", t.FullyElectronic, null],
                ["سهم خدمات تمام‌الکترونیکی (درصد)", Math.Round(t.FullyElectronicPercent, 1), null],
                ["خدمت گیرندگان در سال", t.RecipientsPerYear.Sum, t.RecipientsPerYear.Unknown],
                ["مراجعه حضوری در سال", t.VisitsPerYear.Sum, t.VisitsPerYear.Unknown],
                ["استعلام‌هایی که مراجعه‌کننده دستی می‌برد (در سال)", t.InquiriesByHandPerYear.Sum, t.InquiriesByHandPerYear.Unknown],
                ["مراجعه قابل حذف در سال", t.AvoidableVisitsPerYear.Sum, t.AvoidableVisitsPerYear.Unknown],
                ["هزینه دریافتی در سال (ریال)", t.FeesPerYear.Sum, t.FeesPerYear.Unknown],
            ]),
            new("توزیع خدمات", ["دسته", "مقدار", "تعداد خدمات"], Distributions(figures)),
            new("دستگاه‌ها", GroupHeaders("دستگاه اجرایی"), DashboardFigures.ByElectronicShare(figures.Agencies).Select(GroupRow)),
            new("استان‌ها", GroupHeaders("استان"), DashboardFigures.ByElectronicShare(figures.Provinces).Select(GroupRow)),
            new("بیشترین بار حضوری", ["ردیف خدمت", "عنوان خدمت", "دستگاه اجرایی", "استان", "سطح آمادگی", "خدمت گیرندگان در سال", "مراجعه حضوری در سال", "استعلام دستی در سال", "مراجعه قابل حذف در سال"],
                figures.LargestBurden.Select(b => new object?[] { b.Id, b.Title, b.Agency, b.Province, b.Maturity, b.RecipientsPerYear, b.VisitsPerYear, b.InquiriesByHandPerYear, b.AvoidableVisitsPerYear })),
            new("خدمات", ["ردیف خدمت", "عنوان خدمت", "دستگاه اجرایی", "استان", "سطح آمادگی", "دلایل", "خدمت گیرندگان در سال", "مراجعه حضوری در سال", "استعلام دستی در سال", "هزینه در سال (ریال)"],
                services.Select(s => new object?[]
                {
                    s.Id, s.Title, s.Agency, s.Province, s.Maturity.Level, string.Join("\n", s.Maturity.Reasons),
                    Known(s.Burden.RecipientsPerYear), Known(s.Burden.VisitsPerYear), Known(s.Burden.InquiriesByHandPerYear), Known(s.Burden.FeesPerYear),
                })),
        };
        if (completeness is not null)
        {
            sheets.Add(new("کامل بودن اطلاعات", ["دستگاه اجرایی", "استان", "شناسنامه‌ها", "فیلدهای لازم تکمیل شده", "فیلدهای لازم", "درصد تکمیل", "پیش‌نویس یا برگشتی", "هرگز بررسی نشده"],
                completeness.Select(c => new object?[] { c.Agency, c.Province, c.Cards, c.FieldsFilled, c.FieldsExpected, Math.Round(c.FilledPercent, 1), c.Drafts, c.NeverReviewed })));
        }

        return sheets;
    }

    public static void Write(Stream output, IEnumerable<Sheet> sheets)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets());
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Vazirmatn" }), new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Vazirmatn" })),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            new CellFormats(
                new CellFormat { ApplyAlignment = true, Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top } },
                new CellFormat { FontId = 1, ApplyFont = true }));

        uint id = 1;
        foreach (var sheet in sheets)
        {
            var part = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(new Row(sheet.Headers.Select(h => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(h)), StyleIndex = 1 })));
            foreach (var row in sheet.Rows)
            {
                data.Append(new Row(row.Select(Cell)));
            }

            part.Worksheet = new Worksheet(
                new SheetViews(new SheetView { RightToLeft = true, WorkbookViewId = 0 }),
                new Columns(sheet.Headers.Select((_, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = i == 0 ? 28 : 20, CustomWidth = true })),
                data);
            workbook.Workbook.Sheets!.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = sheet.Name });
        }

        workbook.Workbook.Save();
    }

    private static Cell Cell(object? value) => value switch
    {
        null => new Cell(),
        int or long or double or decimal => new Cell { CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!), DataType = CellValues.Number },
        _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "") { Space = SpaceProcessingModeValues.Preserve }) },
    };

    private static object Known(long? value) => value is { } v ? v : UnknownText;

    private static string[] GroupHeaders(string name) =>
    [
        name, "تعداد خدمات", "تمام‌الکترونیکی", "سهم تمام‌الکترونیکی (درصد)", "خدمت گیرندگان در سال", "بدون آمار خدمت گیرنده",
        "مراجعه حضوری در سال", "بدون آمار مراجعه", "استعلام دستی در سال", "مراجعه قابل حذف در سال", "بدون آمار مراجعه قابل حذف", "هزینه در سال (ریال)", "بدون آمار هزینه",
    ];

    private static object?[] GroupRow(GroupFigures g) =>
    [
        g.Name, g.Services, g.FullyElectronic, Math.Round(g.FullyElectronicPercent, 1), g.RecipientsPerYear.Sum, g.RecipientsPerYear.Unknown,
        g.VisitsPerYear.Sum, g.VisitsPerYear.Unknown, g.InquiriesByHandPerYear.Sum, g.AvoidableVisitsPerYear.Sum, g.AvoidableVisitsPerYear.Unknown,
        g.FeesPerYear.Sum, g.FeesPerYear.Unknown,
    ];

    private static IEnumerable<object?[]> Distributions(DashboardFigures figures)
    {
        foreach (var (dimension, values) in DashboardFacets.All(figures))
        {
            foreach (var v in values)
            {
                yield return [dimension, v.Label, v.Count];
            }
        }
    }
}

/// <summary>The distributions a dashboard shows, in order, with their Persian titles (the catalog's facets').</summary>
public static class DashboardFacets
{
    public static IReadOnlyList<(string Title, IReadOnlyList<FacetValue> Values)> All(DashboardFigures f) =>
    [
        (Facets.Maturity.Title, f.Maturity),
        .. new Facet[] { Facets.Type, Facets.Level, Facets.LifeEvent, Facets.Nature, Facets.Free }.Select(facet => (facet.Title, facet.ValuesOf(f.Facets))),
    ];
}
