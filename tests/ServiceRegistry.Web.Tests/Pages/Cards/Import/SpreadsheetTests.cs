using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards.Import;

/// <summary>Bulk entry by spreadsheet in the browser (/cards/import/spreadsheet): drafts from good rows, a report for every row.</summary>
public sealed class SpreadsheetTests : IAsyncLifetime
{
    private const string Agency = "اداره کل آزمایش اکسل";
    private readonly RegistryApp _app = new();
    private TestUser _editor = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _editor = await _app.UserAsync(Roles.AgencyEditor, Agency, "فارس");
        _client = await _app.ClientAsAsync(_editor);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> UploadAsync(byte[] bytes, int? agencyId = null, string name = "services.xlsx")
    {
        var token = await _client.AntiforgeryTokenAsync("/cards/import/spreadsheet");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent((agencyId ?? _editor.AgencyId!.Value).ToString(System.Globalization.CultureInfo.InvariantCulture)), "AgencyId" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "File", name);
        return await _client.PostAsync("/cards/import/spreadsheet", content, Ct);
    }

    [Fact]
    public async Task Post_AWorkbookWithABadRow_MakesDraftsOfTheGoodRows_AndReportsEveryRow()
    {
        // Arrange: two services, the second without a title
        var bytes = await Workbooks.OfAsync(
            new CardContent { Title = "صدور مجوز نصب تابلو", Description = "برای تابلوهای تبلیغاتی", ServiceTypes = [ServiceType.G2B], Fees = new Fees { AmountsRials = [250_000] } },
            new CardContent { Title = "", Description = "بی‌عنوان" });

        // Act
        var response = await UploadAsync(bytes);
        var page = await RegistryApp.ParseAsync(response);

        // Assert: the report
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = page.QuerySelectorAll("#import-report tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains("پیش‌نویس شد", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("عنوان خدمت", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("خالی است", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("۱", page.QuerySelector("#import-report [role=status]")!.TextContent, StringComparison.Ordinal);

        // Assert: one draft, in the editor's agency, with its fee, audited as imported
        var stored = await _app.WithDbAsync(db => db.Cards.Include(c => c.Agency).ToListAsync(Ct));
        var card = Assert.Single(stored);
        Assert.Equal(CardStatus.Draft, card.Status);
        Assert.Equal(Agency, card.Agency!.Name);
        Assert.Equal([250_000L], card.Content.Fees.AmountsRials);
        var link = rows[0].QuerySelector("a")!.GetAttribute("href");
        Assert.Equal($"/cards/{card.Id}/edit", link);
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CardId == card.Id && a.Action == AuditActions.Imported, Ct)));
    }

    [Fact]
    public async Task Post_TheSameWorkbookTwice_DoesNotDoubleTheCards_AndSaysWhichCardHasTheTitle()
    {
        // Arrange: two rows, the second repeating the first's title (with Arabic ي)
        var bytes = await Workbooks.OfAsync(new CardContent { Title = "صدور مجوز حفاری" }, new CardContent { Title = "صدور مجوز حفاري" });

        // Act
        var first = await RegistryApp.ParseAsync(await UploadAsync(bytes));
        var second = await RegistryApp.ParseAsync(await UploadAsync(bytes));

        // Assert
        var id = await _app.WithDbAsync(db => db.Cards.Select(c => c.Id).SingleAsync(Ct));
        Assert.Contains("همین عنوان", first.QuerySelectorAll("#import-report tbody tr")[1].TextContent, StringComparison.Ordinal);
        Assert.All(second.QuerySelectorAll("#import-report tbody tr"), r => Assert.Contains($"شناسنامه {Fa(id)}", r.TextContent, StringComparison.Ordinal));
    }

    private static string Fa(int n) => string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => (char)('۰' + (c - '0'))));

    [Theory]
    [InlineData("not-a-workbook", "اکسل (.xlsx) نیست")]
    [InlineData("no-rows", "ردیفی ندارد")]
    [InlineData("other-agency", "در فهرست دستگاه‌های شما نیست")]
    public async Task Post_WhatCannotBeImported_SaysWhyInPersian_AndStoresNothing(string kind, string expected)
    {
        // Arrange
        var otherAgency = await _app.AgencyAsync("اداره کل دیگر", "تهران");
        var (bytes, agencyId) = kind switch
        {
            "not-a-workbook" => ("عنوان خدمت,شرح"u8.ToArray(), (int?)null),
            "no-rows" => (await Workbooks.OfAsync(), null),
            _ => (await Workbooks.OfAsync(new CardContent { Title = "خدمت" }), otherAgency),
        };

        // Act
        var response = await UploadAsync(bytes, agencyId);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Contains(expected, page.QuerySelector("#upload-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#import-report"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Cards.CountAsync(Ct)));
    }

    [Fact]
    public async Task Post_OverTheLimit_SaysSoInPersian()
    {
        // Act
        var response = await UploadAsync(new byte[(int)Web.Pages.Cards.Import.SpreadsheetModel.MaxBytes + 1024]);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("بیش از ۲۰ مگابایت", page.QuerySelector("#upload-problem")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTemplate_IsAnEmptyWorkbookInTheImportsLayout()
    {
        // Act
        var response = await _client.GetAsync("/cards/import/spreadsheet?handler=template", Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);

        // Assert: it reads back (every sheet, no rows)
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Empty(ExcelImport.Read(bytes, Ct));
    }
}
