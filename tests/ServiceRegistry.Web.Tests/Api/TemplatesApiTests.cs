using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Api;

/// <summary>National templates and their instances through the API, on SQLite and PostgreSQL.</summary>
public sealed class TemplatesApiTests : IAsyncLifetime
{
    private const string Ministry = "وزارت نمونه الگو";
    private const string Lorestan = "اداره کل نمونه الگو لرستان";
    private const string Tehran = "اداره کل نمونه الگو تهران";
    private readonly RegistryApp _app = new();
    private HttpClient _public = null!;
    private HttpClient _admin = null!;
    private HttpClient _ministry = null!;
    private HttpClient _lorestan = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _app.AgencyAsync(Ministry, null);
        await _app.AgencyAsync(Lorestan, "لرستان", Ministry);
        await _app.AgencyAsync(Tehran, "تهران", Ministry);
        _public = _app.CreateBrowserlessClient();
        _admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));
        _ministry = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Ministry));
        _lorestan = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Lorestan, "لرستان"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static CardBuilder Template() => new CardBuilder().Titled("صدور مدارک اقامتی نمونه").OfAgency(Ministry)
        .With(c => c.RequiredDocuments = ["کارت آمایش", "گذرنامه"]).AsTemplate();

    private async Task<(int Template, int Lorestan, int Tehran)> PublishedTemplateWithInstancesAsync()
    {
        var template = (await _app.SeedAsync(Template().Published("1" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999))))[0].Id;
        var instances = await _app.SeedAsync(
            new CardBuilder().OfAgency(Lorestan, "لرستان").With(c => c.Fees.AmountsRials = [500000]).InstanceOf(template).Published(),
            new CardBuilder().OfAgency(Tehran, "تهران").With(c => c.RequiredDocuments = ["مدرک ویژه تهران"]).InstanceOf(template, "requiredDocuments"));
        return (template, instances[0].Id, instances[1].Id);
    }

    private async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static StringContent Json(CardContent content) => new(CardJson.Serialize(content), Encoding.UTF8, "application/json");

    [Fact]
    public async Task Get_Instance_CarriesItsTemplateOverridesAndEffectiveContent()
    {
        // Arrange
        var (template, lorestan, tehran) = await PublishedTemplateWithInstancesAsync();

        // Act
        var instance = await GetAsync(_admin, $"/api/v1/services/{tehran}");
        var published = await GetAsync(_public, $"/api/v1/services/{lorestan}");

        // Assert: the link, the overridden part, the effective content
        Assert.Equal(template, instance.GetProperty("template").GetProperty("id").GetInt32());
        Assert.Equal("صدور مدارک اقامتی نمونه", instance.GetProperty("template").GetProperty("title").GetString());
        Assert.True(instance.GetProperty("template").GetProperty("version").GetInt32() > 0);
        Assert.Equal(["$.requiredDocuments"], instance.GetProperty("overridden").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(JsonValueKind.Null, instance.GetProperty("templateChanged").ValueKind);
        Assert.Equal("مدرک ویژه تهران", instance.GetProperty("card").GetProperty("requiredDocuments")[0].GetString());
        Assert.Equal("صدور مدارک اقامتی نمونه", instance.GetProperty("card").GetProperty("title").GetString());
        Assert.Equal(2, published.GetProperty("card").GetProperty("requiredDocuments").GetArrayLength());
        Assert.Equal(500000, published.GetProperty("card").GetProperty("fees").GetProperty("amountsRials")[0].GetInt64());
        Assert.Empty(published.GetProperty("overridden").EnumerateArray());
    }

    [Fact]
    public async Task Get_Template_ListsTheInstancesThePersonMaySee()
    {
        // Arrange
        var (template, lorestan, tehran) = await PublishedTemplateWithInstancesAsync();

        // Act
        var asAdmin = await GetAsync(_admin, $"/api/v1/services/{template}");
        var asPublic = await GetAsync(_public, $"/api/v1/services/{template}");

        // Assert: the draft instance of Tehran is not public
        var all = asAdmin.GetProperty("instances").EnumerateArray().ToList();
        Assert.Equal([lorestan, tehran], all.Select(i => i.GetProperty("id").GetInt32()).Order());
        var first = all.Single(i => i.GetProperty("id").GetInt32() == lorestan);
        Assert.Equal(Lorestan, first.GetProperty("agency").GetString());
        Assert.Equal("لرستان", first.GetProperty("province").GetString());
        Assert.Equal("published", first.GetProperty("status").GetString());
        Assert.Equal([lorestan], asPublic.GetProperty("instances").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        Assert.Equal(JsonValueKind.Null, asPublic.GetProperty("template").ValueKind);
    }

    [Fact]
    public async Task Coverage_EveryProvinceWithPublishedDraftOrNone()
    {
        // Arrange
        var (template, lorestan, tehran) = await PublishedTemplateWithInstancesAsync();

        // Act
        var asAdmin = await GetAsync(_admin, $"/api/v1/templates/{template}/coverage");
        var asPublic = await GetAsync(_public, $"/api/v1/templates/{template}/coverage");
        var notATemplate = await _public.GetAsync($"/api/v1/templates/{lorestan}/coverage", Ct);

        // Assert
        Assert.Equal(template, asAdmin.GetProperty("template").GetProperty("id").GetInt32());
        var provinces = asAdmin.GetProperty("provinces").EnumerateArray().ToDictionary(p => p.GetProperty("province").GetString()!);
        Assert.Equal(31, provinces.Count);
        Assert.Equal("published", provinces["لرستان"].GetProperty("status").GetString());
        Assert.Equal([lorestan], provinces["لرستان"].GetProperty("instances").EnumerateArray().Select(i => i.GetInt32()));
        Assert.Equal("draft", provinces["تهران"].GetProperty("status").GetString());
        Assert.Equal([tehran], provinces["تهران"].GetProperty("instances").EnumerateArray().Select(i => i.GetInt32()));
        Assert.Equal("none", provinces["فارس"].GetProperty("status").GetString());
        var publicTehran = asPublic.GetProperty("provinces").EnumerateArray().Single(p => p.GetProperty("province").GetString() == "تهران");
        Assert.Equal("none", publicTehran.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, notATemplate.StatusCode);
    }

    [Fact]
    public async Task CreateTemplate_ByProvincialStaff_IsForbidden_ByTheMinistrysStaff_IsADraftTemplate()
    {
        // Arrange
        var content = Template().BuildContent();

        // Act
        var provincial = await _lorestan.PostAsync("/api/v1/templates", Json(content), Ct);
        var national = await _ministry.PostAsync("/api/v1/templates", Json(content), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, provincial.StatusCode);
        Assert.Equal(HttpStatusCode.Created, national.StatusCode);
        var created = await national.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("draft", created.GetProperty("status").GetString());
        Assert.Empty(created.GetProperty("instances").EnumerateArray());
        var id = created.GetProperty("id").GetInt32();
        Assert.True(await _app.WithDbAsync(db => db.Cards.AnyAsync(c => c.Id == id && c.IsTemplate)));
    }

    [Fact]
    public async Task CreateInstance_OfAPublishedTemplate_TakesItsPartsAndTheLocalOnes_OfADraft_IsRefused()
    {
        // Arrange
        var template = (await _app.SeedAsync(Template().Published("1" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999))))[0].Id;
        var draft = (await _app.SeedAsync(Template().Titled("الگوی پیش‌نویس")))[0].Id;
        var local = new CardContent { Title = "-", Fees = new Fees { AmountsRials = [250000] }, Offices = [new Office { Name = "دفتر اتباع خرم‌آباد", County = "خرم‌آباد" }] };

        // Act
        var created = await _lorestan.PostAsync($"/api/v1/templates/{template}/instances", Json(local), Ct);
        var ofDraft = await _lorestan.PostAsync($"/api/v1/templates/{draft}/instances", null, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var card = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("card");
        Assert.Equal("صدور مدارک اقامتی نمونه", card.GetProperty("title").GetString());
        Assert.Equal(250000, card.GetProperty("fees").GetProperty("amountsRials")[0].GetInt64());
        Assert.Equal("دفتر اتباع خرم‌آباد", card.GetProperty("offices")[0].GetProperty("name").GetString());
        Assert.Equal(Lorestan, card.GetProperty("provider").GetProperty("agency").GetString());
        Assert.NotEqual(HttpStatusCode.Created, ofDraft.StatusCode);
    }

    [Fact]
    public async Task PublishedTemplateChange_FlagsEveryInstanceWithTheChangedParts_AndTheEditorAcceptsIt()
    {
        // Arrange: a revision of the template changes the documents and only the spacing and digits of the description
        var (template, lorestan, tehran) = await PublishedTemplateWithInstancesAsync();
        var revise = await _ministry.PostAsJsonAsync($"/api/v1/services/{template}/revise", new { }, Ct);
        var revised = await revise.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var revision = revised.GetProperty("id").GetInt32();
        var content = Template().BuildContent();
        content.Description = "شرح   خدمت آزمایشی";
        content.RequiredDocuments = ["کارت آمایش", "گذرنامه", "عکس ۳×۴"];
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/services/{revision}") { Content = Json(content) };
        put.Headers.TryAddWithoutValidation("If-Match", revised.GetProperty("version").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, (await _ministry.SendAsync(put, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _ministry.PostAsJsonAsync($"/api/v1/services/{revision}/submit", new { }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.PostAsJsonAsync($"/api/v1/services/{revision}/approve", new { }, Ct)).StatusCode);

        // Act
        var publish = await _admin.PostAsJsonAsync($"/api/v1/services/{revision}/publish", new { }, Ct);

        // Assert: both instances flagged with the documents only, and audited
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        foreach (var id in new[] { lorestan, tehran })
        {
            var instance = await GetAsync(_admin, $"/api/v1/services/{id}");
            Assert.Equal(["$.requiredDocuments"], instance.GetProperty("templateChanged").EnumerateArray().Select(e => e.GetString()));
        }

        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CardId == lorestan && a.Action == "templateChanged")));

        // Act: the Lorestan editor accepts the new documents in one action
        var before = await GetAsync(_admin, $"/api/v1/services/{lorestan}");
        var answer = await _lorestan.PostAsJsonAsync($"/api/v1/services/{lorestan}/template-change",
            new { accept = new[] { "$.requiredDocuments" }, version = before.GetProperty("version").GetInt32() }, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var after = await GetAsync(_public, $"/api/v1/services/{lorestan}");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("templateChanged").ValueKind);
        Assert.Equal(3, after.GetProperty("card").GetProperty("requiredDocuments").GetArrayLength());
        Assert.Equal(500000, after.GetProperty("card").GetProperty("fees").GetProperty("amountsRials")[0].GetInt64());
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CardId == lorestan && a.Action == "templateAnswered")));
        var stranger = await _lorestan.PostAsJsonAsync($"/api/v1/services/{tehran}/template-change", new { accept = Array.Empty<string>() }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Fact]
    public async Task JsonLd_Instance_LinksToItsTemplate_TemplateIsMarked()
    {
        // Arrange
        var (template, lorestan, _) = await PublishedTemplateWithInstancesAsync();

        // Act
        var graph = (await GetAsync(_public, "/api/v1/services/export?format=jsonld")).GetProperty("@graph").EnumerateArray().ToList();

        // Assert
        var instance = graph.Single(n => n.GetProperty("@id").GetString()!.EndsWith($"/services/{lorestan}", StringComparison.Ordinal));
        Assert.EndsWith($"/services/{template}", instance.GetProperty("source").GetString(), StringComparison.Ordinal);
        var national = graph.Single(n => n.GetProperty("@id").GetString()!.EndsWith($"/services/{template}", StringComparison.Ordinal));
        Assert.True(national.GetProperty("isTemplate").GetBoolean());
    }

    [Fact]
    public async Task Put_InstanceEditedBeforeItsTemplateChanged_Is409WithAPersianReason_TheCurrentVersionSaves()
    {
        // Arrange: the Lorestan editor opened version N-1; the template's documents changed since, which moved it to N
        var template = (await _app.SeedAsync(Template().Published("1" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999))))[0].Id;
        var instance = (await _app.SeedAsync(new CardBuilder().OfAgency(Lorestan, "لرستان").InstanceOf(template).WithTemplateChange("requiredDocuments")))[0].Id;
        var current = (await GetAsync(_admin, $"/api/v1/services/{instance}")).GetProperty("version").GetInt32();
        var content = Template().OfAgency(Lorestan, "لرستان").With(c => c.Fees.AmountsRials = [700000]).BuildContent();

        // Act
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/services/{instance}") { Content = Json(content) };
        stale.Headers.TryAddWithoutValidation("If-Match", $"\"{instance}-{current - 1}\"");
        var refused = await _lorestan.SendAsync(stale, Ct);
        using var fresh = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/services/{instance}") { Content = Json(content) };
        fresh.Headers.TryAddWithoutValidation("If-Match", $"\"{instance}-{current}\"");
        var saved = await _lorestan.SendAsync(fresh, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("الگوی ملی این شناسنامه تغییر کرده است.", problem.GetProperty("title").GetString());
        Assert.Contains("مدارک لازم", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["$.requiredDocuments"], problem.GetProperty("templateChanged").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal($"/api/v1/services/{instance}/template-change", problem.GetProperty("answer").GetString());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }

    [Fact]
    public async Task ArchivedTemplate_FlagsItsInstances()
    {
        // Arrange
        var (template, lorestan, _) = await PublishedTemplateWithInstancesAsync();

        // Act
        var archive = await _admin.PostAsJsonAsync($"/api/v1/services/{template}/archive", new { }, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, archive.StatusCode);
        var instance = await GetAsync(_public, $"/api/v1/services/{lorestan}");
        Assert.Equal(["archived"], instance.GetProperty("templateChanged").EnumerateArray().Select(e => e.GetString()));
    }
}
