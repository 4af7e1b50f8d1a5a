using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Figures;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Figures;

/// <summary>The quarterly return as a workbook (/figures/returns/workbook): the template of an agency's quarter, and its
/// upload, checked whole (every problem with sheet, row and column) and saved all or nothing; a row changed or locked
/// since the template was made refuses the upload.</summary>
public sealed class WorkbookTests : IAsyncLifetime
{
    private const string Agency = "اداره کل کار آمار اکسل";
    private const string Period = "1404-Q3";
    private readonly RegistryApp _app = new();
    private HttpClient _editor = null!;
    private int _agencyId;
    private int _first;
    private int _second;
    private int _draft;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Page => $"/figures/returns/workbook?agency={_agencyId}&period={Period}";

    public async ValueTask InitializeAsync()
    {
        var editor = await _app.UserAsync(Roles.AgencyEditor, Agency, "کرمان");
        _agencyId = editor.AgencyId!.Value;
        _editor = await _app.ClientAsAsync(editor);
        var cards = await _app.SeedAsync(
            new CardBuilder().Titled("الف خدمت اکسل").OfAgency(Agency, "کرمان").Published("71" + Random.Shared.NextInt64(100_000_000, 999_999_999)),
            new CardBuilder().Titled("ب خدمت اکسل").OfAgency(Agency, "کرمان").Published("72" + Random.Shared.NextInt64(100_000_000, 999_999_999)),
            new CardBuilder().Titled("ج پیش‌نویس اکسل").OfAgency(Agency, "کرمان"),
            new CardBuilder().Titled("د خدمت دستگاه دیگر").OfAgency("اداره کل دیگر کرمان", "کرمان").Published("73" + Random.Shared.NextInt64(100_000_000, 999_999_999)));
        (_first, _second, _draft) = (cards[0].Id, cards[1].Id, cards[2].Id);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<byte[]> TemplateAsync()
    {
        var response = await _editor.GetAsync(Page + "&handler=template", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    private async Task<HttpResponseMessage> UploadAsync(byte[] bytes)
    {
        var token = await _editor.AntiforgeryTokenAsync(Page);
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "File", "return.xlsx");
        return await _editor.PostAsync(Page, content, Ct);
    }

    private static (string, string)[] Channels(string website, string inPerson, string completed) =>
    [
        ("درخواست اینترنتی", website), ("درخواست تلفن همراه", "۰"), ("درخواست پست الکترونیک", "0"), ("درخواست پیام کوتاه", "0"), ("درخواست مرکز تماس", "0"),
        ("درخواست دفاتر پیشخوان", "0"), ("درخواست پستی", "0"), ("درخواست سایر مجراها", "0"), ("درخواست حضوری", inPerson), ("انجام‌شده", completed),
    ];

    private async Task<List<string>> ProblemsAsync(HttpResponseMessage response) =>
        (await RegistryApp.ParseAsync(response)).QuerySelectorAll("#workbook-problems li").Select(li => li.TextContent.Trim()).ToList();

    [Fact]
    public async Task GetTemplate_ListsThePublishedServicesWithPersianHeadersGuideAndValidation_AndNoComputedColumn()
    {
        // Act
        var bytes = await TemplateAsync();

        // Assert
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var book = document.WorkbookPart!;
        var sheets = book.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal([ReturnWorkbook.DataSheet, ReturnWorkbook.GuideSheet], sheets.Select(s => s.Name!.Value));
        var data = ((WorksheetPart)book.GetPartById(sheets[0].Id!)).Worksheet;
        var rows = data.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(ReturnWorkbook.Headers, rows[0]);
        Assert.Contains("درخواست دفاتر پیشخوان", rows[0]);
        Assert.DoesNotContain(rows[0], h => h.Contains("سهم", StringComparison.Ordinal) || h.Contains("هزینه هر", StringComparison.Ordinal));
        Assert.Equal([_first.ToString(CultureInfo.InvariantCulture), _second.ToString(CultureInfo.InvariantCulture)], rows.Skip(1).Select(r => r[0]));
        Assert.Equal("الف خدمت اکسل", rows[1][2]);
        Assert.Empty(data.Descendants<CellFormula>());
        var validations = data.Descendants<DataValidation>().ToList();
        Assert.Equal(ReturnColumns.All.Count + 1, validations.Count);
        Assert.Contains(validations, v => v.Type!.Value == DataValidationValues.Whole && v.SequenceOfReferences!.InnerText == "E2:E3");
        Assert.Contains(validations, v => v.Type!.Value == DataValidationValues.List && v.Formula1!.Text == "\"بله,خیر\"");
        Assert.True(data.Descendants<SheetView>().Single().RightToLeft!.Value);
        var guide = string.Join("\n", ((WorksheetPart)book.GetPartById(sheets[1].Id!)).Worksheet.Descendants<Row>().Select(r => string.Join("|", r.Elements<Cell>().Select(c => c.InnerText))));
        Assert.Contains("دوره|1404-Q3", guide, StringComparison.Ordinal);
        Assert.Contains("پاییز ۱۴۰۴", guide, StringComparison.Ordinal);
        Assert.Contains("نامعلوم", guide, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_FilledTemplate_SavesEveryRow_InPersianOrLatinDigits()
    {
        // Arrange: the first service in Persian digits and submitted; the second kept as a draft with only fees
        var template = await TemplateAsync();
        var filled = ReturnWorkbooks.Fill(template,
        [
            (_first, [.. Channels("۳۰۰", "۱۰۰", "۳۹۰"), ("درصد راضیان", "۸۰٪"), ("تعداد پاسخ رضایت", "۵۰"), (ReturnWorkbook.SubmitHeader, "بله")]),
            (_second, [("هزینه دریافتی (ریال)", "2,500,000")]),
        ]);

        // Act
        var response = await UploadAsync(filled);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var returns = await _app.WithDbAsync(db => db.QuarterlyReturns.AsNoTracking().Where(r => r.CardId == _first || r.CardId == _second).OrderBy(r => r.CardId).ToListAsync(Ct));
        Assert.Equal(2, returns.Count);
        Assert.Equal((ReturnStatus.Submitted, 300L, 100L, 390L, 0.8, 50L), (returns[0].Status, returns[0].RequestsWebsite!.Value, returns[0].RequestsInPerson!.Value,
            returns[0].Completed!.Value, Math.Round(returns[0].SatisfiedShare!.Value, 6), returns[0].SatisfactionAnswers!.Value));
        Assert.Equal(0.75, returns[0].TakeUp!.Value, 6);
        Assert.Equal((ReturnStatus.Draft, 2_500_000L), (returns[1].Status, returns[1].FeesCollectedRials!.Value));
        Assert.Null(returns[1].RequestsWebsite);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.CardId == _first).Select(a => a.Detail).ToListAsync(Ct));
        Assert.Contains(audit, d => d!.Contains("1404-Q3", StringComparison.Ordinal) && d.Contains("اکسل", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_BadCells_ReportsSheetRowAndColumnInPersian_AndSavesNothing()
    {
        // Arrange: row 2 is right; row 3 has a word for a number, completed above its requests, and a bad «ارسال»
        var template = await TemplateAsync();
        var filled = ReturnWorkbooks.Fill(template,
        [
            (_first, [.. Channels("10", "0", "10")]),
            (_second, [.. Channels("10", "0", "12"), ("مراجعات حضوری", "دوازده"), (ReturnWorkbook.SubmitHeader, "شاید")]),
        ]);

        // Act
        var response = await UploadAsync(filled);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problems = await ProblemsAsync(response);
        Assert.Contains(problems, p => p.StartsWith("برگه «آمار فصلی»، ردیف ۳، ستون «مراجعات حضوری»", StringComparison.Ordinal) && p.Contains("«دوازده»", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("برگه «آمار فصلی»، ردیف ۳، ستون «ارسال»", StringComparison.Ordinal));
        Assert.Equal(2, problems.Count);
        var fixedWord = ReturnWorkbooks.Fill(filled, _second, ("مراجعات حضوری", ""), (ReturnWorkbook.SubmitHeader, "خیر"));
        var second = await ProblemsAsync(await UploadAsync(fixedWord));
        Assert.Contains(second, p => p.StartsWith("برگه «آمار فصلی»، ردیف ۳، ستون «انجام‌شده»", StringComparison.Ordinal) && p.Contains("بیش از", StringComparison.Ordinal));
        Assert.Equal(0, await _app.WithDbAsync(db => db.QuarterlyReturns.CountAsync(r => r.CardId == _first || r.CardId == _second, Ct)));
    }

    [Fact]
    public async Task Upload_AfterTheQuarterWasLocked_IsRefusedClearly_AndChangesNothing()
    {
        // Arrange: a submitted return is in the template; the reviewer locks it before the agency uploads its edit
        await _app.SeedReturnAsync(_first, Period, new QuarterFigures { Requests = Returns.Requests(50, 0, 0, 50), Completed = 100 });
        var template = await TemplateAsync();
        var reviewer = await _app.ClientAsAsync(await _app.UserAsync(Roles.ProvincialReviewer, province: "کرمان"));
        var locked = await reviewer.PostFormAsync($"/figures/returns?agency={_agencyId}&period={Period}", $"/figures/returns?handler=lock&period={Period}",
            new Dictionary<string, string> { ["cardId"] = _first.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, locked.StatusCode);
        var filled = ReturnWorkbooks.Fill(template, [(_first, Channels("60", "50", "110")), (_second, Channels("5", "5", "10"))]);

        // Act
        var response = await UploadAsync(filled);

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = Assert.Single(await ProblemsAsync(response));
        Assert.Contains("ردیف ۲", problem, StringComparison.Ordinal);
        Assert.Contains("قفل شده است", problem, StringComparison.Ordinal);
        Assert.Contains("پاییز ۱۴۰۴", problem, StringComparison.Ordinal);
        var stored = await _app.WithDbAsync(db => db.QuarterlyReturns.AsNoTracking().Where(r => r.CardId == _first || r.CardId == _second).ToListAsync(Ct));
        var only = Assert.Single(stored);
        Assert.Equal((ReturnStatus.Locked, 50L), (only.Status, only.RequestsWebsite!.Value));
    }

    [Fact]
    public async Task Upload_ARowChangedSinceTheTemplate_IsRefusedAsStale_AndAnUnchangedLockedRowIsLeftAlone()
    {
        // Arrange: the template holds a draft at version 1; someone saves it again through the API (version 2)
        await _app.SeedReturnAsync(_second, Period, new QuarterFigures { Completed = 5 }, ReturnStatus.Draft);
        var template = await TemplateAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/services/{_second}/statistics/{Period}")
        {
            Content = new StringContent("""{ "completed": 7 }""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{_second}-{Period}-1\"");
        Assert.Equal(HttpStatusCode.OK, (await _editor.SendAsync(request, Ct)).StatusCode);
        var filled = ReturnWorkbooks.Fill(template, [(_first, Channels("1", "1", "2")), (_second, [("انجام‌شده", "9")])]);

        // Act
        var response = await UploadAsync(filled);

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = Assert.Single(await ProblemsAsync(response));
        Assert.StartsWith("برگه «آمار فصلی»، ردیف ۳، ستون «نسخه آمار»", problem, StringComparison.Ordinal);
        Assert.Contains("تغییر کرده است", problem, StringComparison.Ordinal);
        Assert.Equal(7L, await _app.WithDbAsync(db => db.QuarterlyReturns.Where(r => r.CardId == _second).Select(r => r.Completed).SingleAsync(Ct)));
        Assert.False(await _app.WithDbAsync(db => db.QuarterlyReturns.AnyAsync(r => r.CardId == _first, Ct)));
    }

    [Fact]
    public async Task Upload_TheTemplateOfAnotherQuarter_IsRefused()
    {
        // Arrange
        var other = await (await _editor.GetAsync($"/figures/returns/workbook?handler=template&agency={_agencyId}&period=1404-Q2", Ct)).Content.ReadAsByteArrayAsync(Ct);
        var filled = ReturnWorkbooks.Fill(other, _first, Channels("1", "1", "2"));

        // Act
        var response = await UploadAsync(filled);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("تابستان ۱۴۰۴", Assert.Single(await ProblemsAsync(response)), StringComparison.Ordinal);
        Assert.False(await _app.WithDbAsync(db => db.QuarterlyReturns.AnyAsync(r => r.CardId == _first, Ct)));
    }

    [Fact]
    public async Task GetTemplate_ByAReviewer_IsForbidden_AndAnotherAgencyIsNotFound()
    {
        var reviewer = await _app.ClientAsAsync(await _app.UserAsync(Roles.ProvincialReviewer, province: "کرمان"));
        var other = await _app.AgencyAsync("اداره کل دیگر کرمان", "کرمان");
        var denied = await reviewer.GetAsync(Page + "&handler=template", Ct);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _editor.GetAsync($"/figures/returns/workbook?handler=template&agency={other}&period={Period}", Ct)).StatusCode);
        Assert.NotEqual(_draft, _first);
    }
}
