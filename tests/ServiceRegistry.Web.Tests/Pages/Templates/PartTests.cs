using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;
using ServiceRegistry.Web.Tests.Pages.Cards;

namespace ServiceRegistry.Web.Tests.Pages.Templates;

/// <summary>An instance's parts field by field: inherited (read-only), overridden and local, on the form, the card page and
/// the public page; overriding and reverting a part through HTTP, on SQLite and PostgreSQL.</summary>
public sealed class PartTests : IAsyncLifetime
{
    private const string Ministry = "وزارت نمونه بخش‌های الگو";
    private const string Lorestan = "اداره کل نمونه بخش‌های الگو لرستان";
    private const string Tehran = "اداره کل نمونه بخش‌های الگو تهران";
    private static readonly string[] TemplateDocuments = ["کارت آمایش", "گذرنامه"];
    private readonly RegistryApp _app = new();
    private HttpClient _lorestan = null!;
    private HttpClient _tehran = null!;
    private HttpClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _app.AgencyAsync(Ministry, null);
        await _app.AgencyAsync(Lorestan, "لرستان", Ministry);
        await _app.AgencyAsync(Tehran, "تهران", Ministry);
        _lorestan = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Lorestan, "لرستان"));
        _tehran = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Tehran, "تهران"));
        _admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A published template of the ministry and a draft instance of Lorestan (overriding <paramref name="overridden"/>).</summary>
    private async Task<(int Template, int Instance)> InstanceAsync(Action<CardContent>? local = null, params string[] overridden)
    {
        var template = (await _app.SeedAsync(new CardBuilder().Titled("صدور مدارک اقامتی بخش به بخش").OfAgency(Ministry)
            .With(c => c.RequiredDocuments = [.. TemplateDocuments]).AsTemplate().Published("1" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999))))[0].Id;
        var instance = (await _app.SeedAsync(new CardBuilder().OfAgency(Lorestan, "لرستان").With(local ?? (_ => { })).InstanceOf(template, overridden)))[0].Id;
        return (template, instance);
    }

    private static IElement Part(IDocument page, string key) => page.QuerySelector($".template-part[data-part='{key}']")!;

    private async Task<JsonElement> ApiAsync(int id) =>
        await (await _admin.GetAsync($"/api/v1/services/{id}", Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);

    private static List<string?> Overridden(JsonElement detail) => detail.GetProperty("overridden").EnumerateArray().Select(e => e.GetString()).ToList();

    [Fact]
    public async Task EditForm_Instance_MarksInheritedReadOnly_LocalParts_StandaloneCardUnmarked()
    {
        // Arrange
        var (_, instance) = await InstanceAsync();
        var standalone = (await _app.SeedAsync(new CardBuilder().Titled("خدمت مستقل بخش‌ها").OfAgency(Lorestan, "لرستان")))[0].Id;

        // Act
        var page = await RegistryApp.ParseAsync(await _lorestan.GetAsync($"/cards/{instance}/edit", Ct));
        var plain = await RegistryApp.ParseAsync(await _lorestan.GetAsync($"/cards/{standalone}/edit", Ct));

        // Assert: the documents are the template's, read-only, marked, with an override button named for the part
        var documents = Part(page, "requiredDocuments");
        Assert.Equal("inherited", documents.GetAttribute("data-state"));
        Assert.Equal("از الگوی ملی", documents.QuerySelector(".part-mark")!.TextContent);
        Assert.NotNull(documents.QuerySelector("fieldset[disabled] #Card_RequiredDocuments_0_"));
        Assert.Equal("کارت آمایش", documents.QuerySelector("#Card_RequiredDocuments_0_")!.GetAttribute("value"));
        Assert.Equal("بازنویسی محلی «مدارک لازم»", documents.QuerySelector("button.part-action")!.GetAttribute("aria-label"));
        Assert.Equal("inherited", Part(page, "title").GetAttribute("data-state"));
        foreach (var local in new[] { "provider", "fees", "recipients", "webAddresses", "systemName", "offices", "formFiller" })
        {
            Assert.Equal("local", Part(page, local).GetAttribute("data-state"));
            Assert.Equal("محلی", Part(page, local).QuerySelector(".part-mark")!.TextContent);
            Assert.Null(Part(page, local).QuerySelector("fieldset[disabled]"));
        }

        Assert.NotNull(page.QuerySelector("#template-part-form input[name='Version']"));
        Assert.Empty(plain.QuerySelectorAll(".template-part, .part-mark, #template-part-form"));
    }

    [Fact]
    public async Task Override_InheritedPart_IsInTheApiListAndMarked_ThenTheFormEditsIt()
    {
        // Arrange
        var (_, instance) = await InstanceAsync();
        var form = await HtmlForm.OpenAsync(_lorestan, $"/cards/{instance}/edit", "#template-part-form");

        // Act
        var response = await form.Set("Part", "requiredDocuments").PostAsync(_lorestan, "?handler=override");

        // Assert: stored as an override, audited, in the API's list, marked on the card page and the form
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cards/{instance}/edit#part-requiredDocuments", response.Headers.Location!.OriginalString);
        Assert.Equal(["$.requiredDocuments"], Overridden(await ApiAsync(instance)));
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CardId == instance && a.Action == AuditActions.PartOverridden && a.Detail == "مدارک لازم")));
        var edit = await RegistryApp.ParseAsync(await _lorestan.GetAsync($"/cards/{instance}/edit", Ct));
        Assert.Equal("overridden", Part(edit, "requiredDocuments").GetAttribute("data-state"));
        Assert.Null(Part(edit, "requiredDocuments").QuerySelector("fieldset[disabled]"));
        Assert.Contains(edit.QuerySelectorAll("[role=status]"), e => e.TextContent.Contains("«مدارک لازم» بازنویسی محلی شد", StringComparison.Ordinal));
        var card = await RegistryApp.ParseAsync(await _lorestan.GetAsync($"/cards/{instance}", Ct));
        Assert.Equal("بازنویسی‌شده", card.QuerySelector(".part-mark[data-part='requiredDocuments']")!.TextContent);
        Assert.Equal("inherited", card.QuerySelector(".part-mark[data-part='description']")!.GetAttribute("data-state"));
        Assert.Equal("local", card.QuerySelector(".part-mark[data-part='fees']")!.GetAttribute("data-state"));

        // Act: the editor writes the local documents; the read-only title is posted changed (a hand-made request)
        var save = await HtmlForm.From(edit, $"/cards/{instance}/edit").Set("Card.RequiredDocuments[0]", "کارت آمایش معتبر استان")
            .Set("Card.Title", "عنوان دست‌کاری‌شده").PostAsync(_lorestan);

        // Assert: the override is saved; the inherited title keeps the template's text and is not an override
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);
        var saved = await _app.WithDbAsync(db => db.Cards.SingleAsync(c => c.Id == instance));
        Assert.Equal(["کارت آمایش معتبر استان", "گذرنامه"], saved.Content.RequiredDocuments);
        Assert.Equal("صدور مدارک اقامتی بخش به بخش", saved.Title);
        Assert.Equal(["$.requiredDocuments"], Overridden(await ApiAsync(instance)));
    }

    [Fact]
    public async Task Revert_OverriddenPart_TakesTheTemplatesTextBack_Audited()
    {
        // Arrange: Lorestan's documents are its own
        var (_, instance) = await InstanceAsync(c => c.RequiredDocuments = ["مدرک ویژه لرستان"], "requiredDocuments");
        var edit = await RegistryApp.ParseAsync(await _lorestan.GetAsync($"/cards/{instance}/edit", Ct));
        Assert.Equal("بازگشت به متن الگو «مدارک لازم»", Part(edit, "requiredDocuments").QuerySelector("button.part-action")!.GetAttribute("aria-label"));

        // Act
        var response = await HtmlForm.From(edit, $"/cards/{instance}/edit", "#template-part-form").Set("Part", "requiredDocuments").PostAsync(_lorestan, "?handler=revert");

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var card = await _app.WithDbAsync(db => db.Cards.SingleAsync(c => c.Id == instance));
        Assert.Equal(TemplateDocuments, card.Content.RequiredDocuments);
        Assert.Equal("", card.OverriddenParts);
        Assert.Empty(Overridden(await ApiAsync(instance)));
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CardId == instance && a.Action == AuditActions.PartReverted && a.Detail == "مدارک لازم")));
        var after = await RegistryApp.ParseAsync(await _lorestan.GetAsync($"/cards/{instance}/edit", Ct));
        Assert.Equal("inherited", Part(after, "requiredDocuments").GetAttribute("data-state"));
    }

    [Fact]
    public async Task Override_OnAStaleVersion_Is409InPersian_NothingStored()
    {
        // Arrange: the form is opened; the card is saved meanwhile (a local part) from another form
        var (_, instance) = await InstanceAsync();
        var stale = await HtmlForm.OpenAsync(_lorestan, $"/cards/{instance}/edit", "#template-part-form");
        Assert.Equal(HttpStatusCode.Redirect, (await (await HtmlForm.OpenAsync(_lorestan, $"/cards/{instance}/edit")).Set("Card.Fees.Note", "به نرخ استان").PostAsync(_lorestan)).StatusCode);
        var version = (await ApiAsync(instance)).GetProperty("version").GetInt32();

        // Act
        var page = await stale.Set("Part", "requiredDocuments").PostAsync(_lorestan, "?handler=override");
        var api = await _lorestan.PostAsJsonAsync($"/api/v1/services/{instance}/override", new { part = "$.requiredDocuments", version = version - 1 }, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("تغییر کرده است", (await RegistryApp.ParseAsync(page)).QuerySelector("#part-conflict")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal("شناسنامه در این فاصله تغییر کرده است.", (await api.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
        Assert.Equal("", await _app.WithDbAsync(db => db.Cards.Where(c => c.Id == instance).Select(c => c.OverriddenParts).SingleAsync()));
    }

    [Fact]
    public async Task OverrideAndRevert_ThroughTheApi_ByTheOwnEditor_ByAnotherAgencysEditorNot()
    {
        // Arrange
        var (_, instance) = await InstanceAsync();
        var version = (await ApiAsync(instance)).GetProperty("version").GetInt32();

        // Act
        var stranger = await _tehran.PostAsJsonAsync($"/api/v1/services/{instance}/override", new { part = "requiredDocuments", version }, Ct);
        var notShared = await _lorestan.PostAsJsonAsync($"/api/v1/services/{instance}/override", new { part = "fees", version }, Ct);
        var own = await _lorestan.PostAsJsonAsync($"/api/v1/services/{instance}/override", new { part = "$.laws", version }, Ct);
        var reverted = await _lorestan.PostAsJsonAsync($"/api/v1/services/{instance}/revert", new { part = "laws", version = version + 1 }, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notShared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(["$.laws"], Overridden(await own.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        Assert.Equal(HttpStatusCode.OK, reverted.StatusCode);
        Assert.Empty(Overridden(await reverted.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        Assert.False(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CardId == instance && a.Action == AuditActions.PartOverridden && a.Detail == "مدارک لازم")));
    }

    [Fact]
    public async Task PublicPage_PublishedInstance_MarksItsPartsQuietly()
    {
        // Arrange
        var template = (await _app.SeedAsync(new CardBuilder().Titled("صدور مدارک اقامتی صفحه عمومی").OfAgency(Ministry).AsTemplate().Published()))[0].Id;
        var instance = (await _app.SeedAsync(new CardBuilder().OfAgency(Lorestan, "لرستان").With(c => c.RequiredDocuments = ["مدرک ویژه لرستان"])
            .InstanceOf(template, "requiredDocuments").Published()))[0].Id;

        // Act
        var page = await RegistryApp.ParseAsync(await _app.CreateBrowserlessClient().GetAsync($"/services/{instance}", Ct));
        var national = await RegistryApp.ParseAsync(await _app.CreateBrowserlessClient().GetAsync($"/services/{template}", Ct));

        // Assert
        Assert.Equal("بازنویسی‌شده", page.QuerySelector(".official-card .part-mark[data-part='requiredDocuments']")!.TextContent);
        Assert.Equal("از الگوی ملی", page.QuerySelector(".official-card .part-mark[data-part='title']")!.TextContent);
        Assert.Equal("محلی", page.QuerySelector(".official-card .part-mark[data-part='fees']")!.TextContent);
        Assert.Empty(national.QuerySelectorAll(".part-mark"));
    }
}
