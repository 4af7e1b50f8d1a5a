using System.Net.Http.Headers;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards.Import;

/// <summary>
/// The workbook agencies download for bulk entry (issue 14, finding 11): an example row the upload skips, a Persian
/// guide sheet, a dropdown on every coded column offering what the upload accepts, and no column the registry computes.
/// </summary>
public sealed class EntryWorkbookTests : IAsyncLifetime
{
    private const string Agency = "شرکت آب منطقه‌ای آزمایش";
    private readonly RegistryApp _app = new();
    private TestUser _editor = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The coded columns of each sheet: each must carry a list validation with exactly these labels.</summary>
    private static readonly (string Sheet, string Header)[] CodedColumns =
    [
        (CardSheets.ServicesSheet, "نوع خدمت"), (CardSheets.ServicesSheet, "ماهیت خدمت"), (CardSheets.ServicesSheet, "سطح خدمت"),
        (CardSheets.ServicesSheet, "رویداد مرتبط با"), (CardSheets.ServicesSheet, "نحوه آغاز خدمت"), (CardSheets.ServicesSheet, "خدمت گیرندگان در"),
        (CardSheets.ServicesSheet, "مدت (واحد)"), (CardSheets.ServicesSheet, "یکبار برای همیشه"), (CardSheets.ServicesSheet, "تواتر (در)"),
        (CardSheets.ServicesSheet, "پرداخت بصورت الکترونیک"), (CardSheets.ServicesSheet, "بدون هزینه"), (CardSheets.ServicesSheet, "استان"),
        ("مراحل", "مرحله"), ("مراحل", "الکترونیکی"), ("مراحل", "رسانه ارتباطی خدمت"), ("مراحل", "مراجعه حضوری"),
        ("مراحل", "ضرورت مراجعه حضوری"), ("مراحل", "مراجعه به دستگاه"),
        ("ارتباطات", "نوع ارتباط"), ("ارتباطات", "نوع استعلام"), ("ارتباطات", "استعلام غیر الکترونیکی توسط"),
        ("مجوزها", "نوع مجوز"), ("مجوزها", "متقاضی مجوز"), ("مجوزها", "الکترونیکی"),
        ("استعلام‌های مجوز", "الکترونیکی"), ("محل‌های ارائه خدمت", "استان"),
    ];

    public async ValueTask InitializeAsync()
    {
        _editor = await _app.UserAsync(Roles.AgencyEditor, Agency, "لرستان");
        _client = await _app.ClientAsAsync(_editor);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<byte[]> TemplateAsync()
    {
        var response = await _client.GetAsync("/cards/import/spreadsheet?handler=template", Ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    [Fact]
    public async Task GetTemplate_HasAMarkedExampleRowOnEverySheet_ThatTheUploadSkips()
    {
        // Act
        var workbook = await TemplateAsync();

        // Assert: row 2 of the services sheet is the example service, keyed «نمونه», every coded column filled
        var example = Assert.Single(WorkbookCells.Read(workbook, CardSheets.ServicesSheet));
        Assert.Equal(2, example.Row);
        Assert.Equal(CardSheets.ExampleKey, example.Cells[CardSheets.KeyHeader]);
        Assert.Equal(EntryWorkbook.ExampleCard().Title, example.Cells["عنوان خدمت"]);
        Assert.Equal("خدمت به شهروندان (G2C)، خدمت به کسب و کار (G2B)", example.Cells["نوع خدمت"]);
        foreach (var sheet in CardSheets.Parts.Select(p => p.Name))
        {
            Assert.All(WorkbookCells.Read(workbook, sheet), r => Assert.Equal(CardSheets.ExampleKey, r.Cells[CardSheets.KeyHeader]));
            Assert.NotEmpty(WorkbookCells.Read(workbook, sheet));
        }

        // …and the upload reads nothing from it
        Assert.Empty(ExcelImport.Read(workbook, Ct));
    }

    [Fact]
    public async Task GetTemplate_HasAPersianGuideNamingEveryColumn_RequiredOnes_AndAcceptedValues()
    {
        // Act
        var workbook = await TemplateAsync();

        // Assert: the guide is the first sheet, a row per column of every sheet
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        Assert.Equal(EntryWorkbook.GuideSheet, document.WorkbookPart!.Workbook!.Sheets!.Elements<Sheet>().First().Name!.Value);
        var text = string.Join("\n", WorkbookCells.Part(document, EntryWorkbook.GuideSheet).Worksheet!.Descendants<Row>()
            .Select(r => string.Join(" | ", r.Elements<Cell>().Select(c => c.InnerText))));
        Assert.Contains("راهنمای فایل ورود شناسنامه‌های خدمت", text, StringComparison.Ordinal);
        Assert.Contains("رقم فارسی (۱۲۳) یا لاتین (123)", text, StringComparison.Ordinal);
        Assert.Contains($"«{CardSheets.ExampleKey}» نمونه‌اند و خوانده نمی‌شوند", text, StringComparison.Ordinal);
        foreach (var header in EntryWorkbook.ServiceColumns.Select(c => c.Header))
        {
            Assert.Contains($"{header} | {CardSheets.ServicesSheet} |", text, StringComparison.Ordinal);
        }

        Assert.Contains($"عنوان خدمت | {CardSheets.ServicesSheet} | بله", text, StringComparison.Ordinal);
        Assert.Contains(string.Join("، ", Enum.GetValues<Nature>().Select(v => Labels.Of(v))), text, StringComparison.Ordinal);
        Assert.Contains($"مرحله | مراحل | بله", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTemplate_EveryCodedColumnHasADropdownOfItsPersianLabels()
    {
        // Arrange
        var workbook = await TemplateAsync();
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook), false);
        foreach (var (sheet, header) in CodedColumns)
        {
            AssertDropdown(workbook, document, sheet, header);
        }

        Assert.Contains(document.WorkbookPart!.Workbook!.Sheets!.Elements<Sheet>(), s => s.Name == EntryWorkbook.ListsSheet && s.State?.Value == SheetStateValues.Hidden);
    }

    private static void AssertDropdown(byte[] workbook, SpreadsheetDocument document, string sheet, string header)
    {
        var column = EntryWorkbook.ColumnName(WorkbookCells.Headers(workbook, sheet).ToList().IndexOf(header));
        var expected = EntryWorkbook.ServiceColumns.Concat(EntryWorkbook.PartColumns.SelectMany(p => p.Columns))
            .First(c => c.Header == header).Choices!;

        var validation = WorkbookCells.Part(document, sheet).Worksheet!.Descendants<DataValidation>()
            .SingleOrDefault(v => v.SequenceOfReferences!.InnerText == $"{column}2:{column}5002");

        // a list whose cells (on the hidden lists sheet) are the labels the upload accepts
        Assert.True(validation is not null, $"no dropdown on «{header}» of «{sheet}»");
        Assert.Equal(DataValidationValues.List, validation.Type!.Value);
        var reference = validation.Formula1!.Text; // 'مقادیر'!$C$1:$C$5
        Assert.StartsWith($"'{EntryWorkbook.ListsSheet}'!", reference, StringComparison.Ordinal);
        var listColumn = reference.Split('!')[1].Split(':')[0].Trim('$').Split('$')[0];
        var listed = WorkbookCells.Part(document, EntryWorkbook.ListsSheet).Worksheet!.Descendants<Cell>()
            .Where(c => c.CellReference!.Value!.StartsWith(listColumn, StringComparison.Ordinal) && char.IsAsciiDigit(c.CellReference.Value[listColumn.Length]))
            .Select(c => c.InnerText).Where(t => t.Length > 0).ToList();
        Assert.Equal(expected, listed);
    }

    [Fact]
    public async Task GetTemplate_HasNoColumnTheRegistryComputesOrIssues()
    {
        // Act
        var workbook = await TemplateAsync();

        // Assert
        var headers = new[] { CardSheets.ServicesSheet }.Concat(CardSheets.Parts.Select(p => p.Name)).SelectMany(s => WorkbookCells.Headers(workbook, s)).ToList();
        string[] computed = [.. CardSheets.ComputedHeaders, CardSheets.ServiceIdHeader, CardSheets.UnmappedHeader, "کامل بودن اطلاعات"];
        Assert.Empty(headers.Intersect(computed));
        Assert.Contains(CardSheets.TemplateHeader, headers);
    }

    [Fact]
    public async Task Post_TheTemplateFilledWithTheExampleInTwoRows_MakesTwoDraftsWithTheRightCodes()
    {
        // Arrange: the example copied into rows 3 and 4 (keys 1 and 2), with their part rows; the second row's numbers in Persian digits
        var workbook = await TemplateAsync();
        var example = WorkbookCells.Read(workbook, CardSheets.ServicesSheet).Single().Cells;
        var first = new Dictionary<string, string>(example) { [CardSheets.KeyHeader] = "1" };
        var second = new Dictionary<string, string>(example)
        {
            [CardSheets.KeyHeader] = "2",
            ["عنوان خدمت"] = example["عنوان خدمت"] + " (کف‌شکنی)",
            ["آمار تعداد خدمت گیرندگان"] = "۱۲۰۰",
        };
        workbook = WorkbookCells.Write(WorkbookCells.Write(workbook, CardSheets.ServicesSheet, 3, first), CardSheets.ServicesSheet, 4, second);
        foreach (var sheet in CardSheets.Parts.Select(p => p.Name))
        {
            var rows = WorkbookCells.Read(workbook, sheet);
            var next = rows.Max(r => r.Row) + 1;
            foreach (var key in new[] { "1", "2" })
            {
                foreach (var (_, cells) in rows)
                {
                    workbook = WorkbookCells.Write(workbook, sheet, next++, new Dictionary<string, string>(cells) { [CardSheets.KeyHeader] = key });
                }
            }
        }

        // Act
        var response = await UploadAsync(workbook);
        var page = await RegistryApp.ParseAsync(response);

        // Assert: two drafts, neither from the example row, each with the example's codes
        Assert.Equal(2, page.QuerySelectorAll("#import-report tbody tr a[href$='/edit']").Length);
        var cards = await _app.WithDbAsync(db => db.Cards.OrderBy(c => c.Id).ToListAsync(Ct));
        Assert.Equal(2, cards.Count);
        var expected = EntryWorkbook.ExampleCard();
        Assert.All(cards, card =>
        {
            var c = card.Content;
            Assert.Equal(CardStatus.Draft, card.Status);
            Assert.Equal(expected.ServiceTypes, c.ServiceTypes);
            Assert.Equal(Nature.Sovereign, c.Nature);
            Assert.Equal(expected.Levels, c.Levels);
            Assert.Equal(expected.LifeEvents, c.LifeEvents);
            Assert.Equal(expected.Triggers, c.Triggers);
            Assert.Equal(1200, c.Recipients.Count);
            Assert.Equal(Period.Year, c.Recipients.Period);
            Assert.Equal(DurationUnit.Month, c.AverageDuration.Unit);
            Assert.True(c.Frequency.OnceForever);
            Assert.True(c.Fees.ElectronicPayment);
            Assert.Equal([1_500_000L], c.Fees.AmountsRials);
            Assert.Equal([Channel.Website, Channel.CounterOffice], c.Stages.Request.Channels);
            Assert.Equal([VisitLevel.County], c.Stages.Production.VisitLevels);
            Assert.Equal(InquiryMode.Online, Assert.Single(c.ExternalAgencyLinks).Inquiry);
            Assert.Equal(PermitKind.Issue, Assert.Single(c.Permits).Kind);
            Assert.Equal(expected.Permits[0].ApplicantTypes, c.Permits[0].ApplicantTypes);
            Assert.Equal("لرستان", Assert.Single(c.Offices).Province);
            Assert.Equal(expected.ProcessSteps, c.ProcessSteps);
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(expected.Stages, CardJson.Options), System.Text.Json.JsonSerializer.Serialize(c.Stages, CardJson.Options));
        });
        Assert.Equal(expected.Title, cards[0].Title);
    }

    private async Task<HttpResponseMessage> UploadAsync(byte[] bytes)
    {
        var token = await _client.AntiforgeryTokenAsync("/cards/import/spreadsheet");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(_editor.AgencyId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), "AgencyId" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "File", "entry.xlsx");
        return await _client.PostAsync("/cards/import/spreadsheet", content, Ct);
    }
}
