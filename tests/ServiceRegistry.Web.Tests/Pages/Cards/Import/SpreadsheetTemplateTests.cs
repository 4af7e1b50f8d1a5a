using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards.Import;

/// <summary>
/// Entry paths and national templates (issue 17): a spreadsheet row that names a template, or whose title and parent
/// agency match a published one, becomes its instance; a name that is no published template is the row's Persian
/// error; the .xlsx export carries the link and reads back into an instance.
/// </summary>
public sealed class SpreadsheetTemplateTests : IAsyncLifetime
{
    private const string Ministry = "وزارت کشور";
    private const string Agency = "استانداری لرستان";
    private readonly RegistryApp _app = new();
    private TestUser _editor = null!;
    private HttpClient _client = null!;
    private ServiceCard _residence = null!;
    private ServiceCard _border = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _editor = await _app.UserAsync(Roles.AgencyEditor, Agency, "لرستان");
        _client = await _app.ClientAsAsync(_editor);
        var templates = await _app.SeedAsync(
            new CardBuilder().Titled("صدور گواهی اقامت اتباع").Described("شرح ملی گواهی اقامت").OfAgency(Ministry)
                .With(c => c.RequiredDocuments = ["گذرنامه"]).AsTemplate().Published("12345678901"),
            new CardBuilder().Titled("صدور کارت تردد مرزی").OfAgency(Ministry).AsTemplate().Published("12345678902"));
        (_residence, _border) = (templates[0], templates[1]);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Post_ARowNamingATemplate_BecomesItsInstance_AndANameThatIsNoPublishedTemplateIsTheRowsError()
    {
        // Arrange: row 1 names the template by its service ID (Persian digits), leaves the title and description to it and
        // writes its own documents and fee; row 2 names nothing published
        var workbook = await Workbooks.OfAsync(
            new CardContent { Title = "", RequiredDocuments = ["گذرنامه", "کارت اقامت"], Fees = new Fees { AmountsRials = [250_000] } },
            new CardContent { Title = "خدمت دیگر" });
        workbook = WorkbookCells.Write(workbook, CardSheets.ServicesSheet, 2, new Dictionary<string, string> { [CardSheets.TemplateHeader] = "۱۲۳۴۵۶۷۸۹۰۱" });
        workbook = WorkbookCells.Write(workbook, CardSheets.ServicesSheet, 3, new Dictionary<string, string> { [CardSheets.TemplateHeader] = "99999" });

        // Act
        var page = await RegistryApp.ParseAsync(await UploadAsync(workbook));

        // Assert: the first row is a draft instance of the template, its own parts kept as overrides
        var rows = page.QuerySelectorAll("#import-report tbody tr");
        Assert.Contains("نمونه الگوی ملی", rows[0].TextContent, StringComparison.Ordinal);
        Assert.NotNull(rows[0].QuerySelector($".template-instance a[href='/cards/{_residence.Id}']"));
        var card = await _app.WithDbAsync(db => db.Cards.SingleAsync(c => !c.IsTemplate, Ct));
        Assert.Equal(_residence.Id, card.TemplateId);
        Assert.Equal("صدور گواهی اقامت اتباع", card.Title);
        Assert.Equal("شرح ملی گواهی اقامت", card.Content.Description);
        Assert.Equal(["گذرنامه", "کارت اقامت"], card.Content.RequiredDocuments);
        Assert.Equal([250_000L], card.Content.Fees.AmountsRials);
        Assert.Equal(["$.requiredDocuments"], card.Overrides);

        // …and the second is refused with a Persian reason naming the column and the value
        Assert.Contains("ستون «الگوی ملی»: «", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("» شماره یا شناسه خدمت هیچ الگوی ملی منتشرشده‌ای نیست", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Null(rows[1].QuerySelector("a[href$='/edit']"));
    }

    [Fact]
    public async Task Post_ARowMatchingATemplateByTitleAndParentAgency_BecomesItsInstance_UnlessItAsksForAStandaloneCard()
    {
        // Arrange: row 1 matches the residence template (Arabic ي, the ministry as parent agency) and writes its own description;
        // row 2 has the ministry but a title no template has; row 3 matches the border template but asks for a standalone card
        var workbook = await Workbooks.OfAsync(
            new CardContent { Title = "صدور گواهي اقامت اتباع", Description = "شرح استانی", Provider = new Provider { ParentAgency = Ministry } },
            new CardContent { Title = "تمدید گواهی اقامت", Provider = new Provider { ParentAgency = Ministry } },
            new CardContent { Title = "صدور کارت تردد مرزی", Provider = new Provider { ParentAgency = Ministry } });
        workbook = WorkbookCells.Write(workbook, CardSheets.ServicesSheet, 4, new Dictionary<string, string> { [CardSheets.TemplateHeader] = CardSheets.NoTemplate });

        // Act
        var page = await RegistryApp.ParseAsync(await UploadAsync(workbook));

        // Assert: the report says which row was made an instance, and why
        var rows = page.QuerySelectorAll("#import-report tbody tr");
        Assert.Contains("با الگو یکی بود", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Null(rows[1].QuerySelector(".template-instance"));
        Assert.Null(rows[2].QuerySelector(".template-instance"));
        var cards = await _app.WithDbAsync(db => db.Cards.Where(c => !c.IsTemplate).OrderBy(c => c.Id).ToListAsync(Ct));
        Assert.Equal(3, cards.Count);
        Assert.Equal(_residence.Id, cards[0].TemplateId);
        Assert.Equal("شرح استانی", cards[0].Content.Description);
        Assert.Equal(["$.description"], cards[0].Overrides);
        Assert.Null(cards[1].TemplateId);
        Assert.Null(cards[2].TemplateId);
        Assert.NotEqual(_border.Id, cards[2].TemplateId);
    }

    [Fact]
    public async Task Export_CarriesTheTemplateLink_AndTheExportedRowReadsBackAsAnInstance()
    {
        // Arrange: a published instance of another province
        var tehran = await _app.AgencyAsync("استانداری تهران", "تهران");
        var instance = (await _app.SeedAsync(new CardBuilder().OfAgency("استانداری تهران", "تهران").InstanceOf(_residence.Id).Published("12345678999")))[0];

        // Act: export that province's card, then upload the file as this province's editor
        var response = await _app.CreateBrowserlessClient().GetAsync($"/api/v1/services/export?format=xlsx&agency={tehran}", Ct);
        var exported = await response.Content.ReadAsByteArrayAsync(Ct);
        var page = await RegistryApp.ParseAsync(await UploadAsync(exported));

        // Assert: the export names the template; the upload made an instance of it
        var row = Assert.Single(WorkbookCells.Read(exported, CardSheets.ServicesSheet));
        Assert.Equal(instance.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Cells[CardSheets.KeyHeader]);
        Assert.Equal(_residence.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), row.Cells[CardSheets.TemplateHeader]);
        Assert.NotNull(page.QuerySelector($"#import-report .template-instance a[href='/cards/{_residence.Id}']"));
        var draft = await _app.WithDbAsync(db => db.Cards.SingleAsync(c => c.AgencyId == _editor.AgencyId, Ct));
        Assert.Equal(_residence.Id, draft.TemplateId);
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
        content.Add(file, "File", "services.xlsx");
        return await _client.PostAsync("/cards/import/spreadsheet", content, Ct);
    }
}
