using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Api;

/// <summary>The REST API under /api/v1, on SQLite and PostgreSQL (the suite runs on both).</summary>
public sealed class ServicesApiTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new() { SeedDemoData = true };
    private HttpClient _client = null!;
    private HttpClient _editor = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = _app.CreateBrowserlessClient();
        _editor = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, "اداره کل آزمایش", "تهران"));
        await _client.GetAsync("/healthz");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> ListAsync(string query)
    {
        var response = await _client.GetAsync("/api/v1/services" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static List<string> Titles(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

    [Fact]
    public async Task List_QueryWithArabicYeh_FindsMunicipalityGrading()
    {
        // Act: «شهرداري» written with Arabic ي
        var list = await ListAsync("?q=" + Uri.EscapeDataString("شهرداري"));

        // Assert
        var titles = Titles(list);
        Assert.Contains("درجه بندی شهرداری ها", titles);
        Assert.DoesNotContain("تهیه حساب های منطقه ای", titles);
        var item = list.GetProperty("items").EnumerateArray().First(i => i.GetProperty("title").GetString() == "درجه بندی شهرداری ها");
        Assert.True(item.GetProperty("id").GetInt32() > 0);
        Assert.Equal("published", item.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(item.GetProperty("agency").GetProperty("name").GetString()));
        Assert.True(item.TryGetProperty("serviceId", out _));
        Assert.Equal(titles.Count, list.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("شهردا")]            // a word prefix
    [InlineData("شهرداری‌ها")]        // with ZWNJ
    [InlineData("درجه  بندي")]        // Arabic yeh, double space
    public async Task List_NormalisedPrefixQueries_FindTheService(string q)
    {
        var titles = Titles(await ListAsync("?q=" + Uri.EscapeDataString(q)));
        Assert.Contains("درجه بندی شهرداری ها", titles);
    }

    [Fact]
    public async Task List_TitleMatches_RankAboveDescriptionMatches()
    {
        // Arrange: the word is only in the description of the first card, in the title of the second
        await _app.SeedAsync(
            new CardBuilder().Titled("ثبت نام آزمون").Described("برای دریافت گواهینامه زنبورداری").Published(),
            new CardBuilder().Titled("صدور گواهینامه زنبورداری").Described("شرح کوتاه").Published());

        // Act
        var titles = Titles(await ListAsync("?q=" + Uri.EscapeDataString("زنبوردار")));

        // Assert
        Assert.Equal(["صدور گواهینامه زنبورداری", "ثبت نام آزمون"], titles);
    }

    [Fact]
    public async Task List_Facets_CountTheResultsAndFilterThem()
    {
        // Arrange
        await _app.SeedAsync(
            new CardBuilder().Titled("خدمت الف کسب").OfAgency("اداره کل الف", "فارس").With(c => { c.ServiceTypes = [ServiceType.G2B]; c.Fees.AmountsRials = [50_000]; }).Published(),
            new CardBuilder().Titled("خدمت ب کسب").OfAgency("اداره کل الف", "فارس").With(c => { c.ServiceTypes = [ServiceType.G2B, ServiceType.G2C]; c.Stages.Informing.Electronic = true; }).Published(),
            new CardBuilder().Titled("خدمت ج کسب").OfAgency("اداره کل ب", "یزد").With(c => c.ServiceTypes = [ServiceType.G2C]).Published(),
            new CardBuilder().Titled("خدمت د کسب").OfAgency("اداره کل ب", "یزد").With(c => c.ServiceTypes = [ServiceType.G2B])); // draft

        // Act
        var all = await ListAsync("?q=" + Uri.EscapeDataString("کسب"));
        var g2b = await ListAsync("?q=" + Uri.EscapeDataString("کسب") + "&type=G2B");
        var yazd = await ListAsync("?q=" + Uri.EscapeDataString("کسب") + "&province=" + Uri.EscapeDataString("یزد"));

        // Assert
        Assert.Equal(3, all.GetProperty("total").GetInt32());
        var facets = all.GetProperty("facets");
        long Count(string facet, string value) => facets.GetProperty(facet).EnumerateArray().Single(f => f.GetProperty("value").GetString() == value).GetProperty("count").GetInt64();
        Assert.Equal(2, Count("type", "G2B"));
        Assert.Equal(2, Count("type", "G2C"));
        Assert.Equal(2, Count("province", "فارس"));
        Assert.Equal(1, Count("province", "یزد"));
        Assert.Equal(1, Count("free", "false"));
        Assert.Equal(2, Count("free", "true"));
        Assert.Equal(1, Count("maturity", "1"));
        Assert.Equal(2, Count("maturity", "0"));
        Assert.Equal(["خدمت الف کسب", "خدمت ب کسب"], Titles(g2b).Order().ToList());
        Assert.Equal(["خدمت ج کسب"], Titles(yazd));
    }

    [Fact]
    public async Task List_UnknownCode_IsAProblemNamingTheParameter()
    {
        var response = await _client.GetAsync("/api/v1/services?type=B2B", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("type", out _));
    }

    [Fact]
    public async Task List_IfNoneMatch_Is304UntilACardChanges()
    {
        // Arrange
        var first = await _client.GetAsync("/api/v1/services", Ct);
        var etag = first.Headers.ETag!;

        // Act
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await _client.SendAsync(again, Ct);
        await _app.SeedAsync(new CardBuilder().Titled("خدمت تازه").Published());
        using var afterChange = new HttpRequestMessage(HttpMethod.Get, "/api/v1/services");
        afterChange.Headers.IfNoneMatch.Add(etag);
        var changed = await _client.SendAsync(afterChange, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("خدمت تازه", Titles(await changed.Content.ReadFromJsonAsync<JsonElement>(Ct)));
    }

    [Fact]
    public async Task List_AfterCardsChangeUnderTheLoadedIndex_ShowsTheChangesExactly()
    {
        // Arrange: the catalog index is loaded, then cards are added, renamed and withdrawn in the database itself
        // (the triggers' change log is the only way the index hears of them)
        var before = (await ListAsync("")).GetProperty("total").GetInt32();
        var cards = await _app.SeedAsync(
            new CardBuilder().Titled("ثبت نام آزمون کارآموزی").Published(),
            new CardBuilder().Titled("صدور کارت بازرگانی").Published());
        Assert.Equal(before + 2, (await ListAsync("")).GetProperty("total").GetInt32());
        Assert.Equal(["ثبت نام آزمون کارآموزی"], Titles(await ListAsync("?q=" + Uri.EscapeDataString("کارآموز"))));

        // Act
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """UPDATE "Cards" SET "Title" = {0}, "TitleKey" = {0}, "SearchText" = {0} WHERE "Id" = {1}""", ["ثبت نام آزمون مهارت", cards[0].Id], Ct));
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            """UPDATE "Cards" SET "Status" = 'Draft' WHERE "Id" = {0}""", [cards[1].Id], Ct));

        // Assert
        Assert.Equal(["ثبت نام آزمون مهارت"], Titles(await ListAsync("?q=" + Uri.EscapeDataString("مهار"))));
        Assert.Empty(Titles(await ListAsync("?q=" + Uri.EscapeDataString("کارآموز"))));
        Assert.Empty(Titles(await ListAsync("?q=" + Uri.EscapeDataString("بازرگانی"))));
        var after = await ListAsync("");
        Assert.Equal(before + 1, after.GetProperty("total").GetInt32());
        var typeCounts = after.GetProperty("facets").GetProperty("type").EnumerateArray().Sum(f => f.GetProperty("count").GetInt32());
        Assert.True(typeCounts >= before + 1, "every published card has at least one service type");
    }

    [Fact]
    public async Task Get_PublishedCard_IsTheSpecJsonWithStateAndComputedFields_AndHonoursIfNoneMatch()
    {
        // Arrange
        var id = (await ListAsync("?q=" + Uri.EscapeDataString("مدارک اقامتی"))).GetProperty("items")[0].GetProperty("id").GetInt32();

        // Act
        var response = await _client.GetAsync($"/api/v1/services/{id}", Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/services/{id}");
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        var notModified = await _client.SendAsync(conditional, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("published", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.InRange(body.GetProperty("computed").GetProperty("maturity").GetInt32(), 0, 4);
        var card = CardJson.Read(body.GetProperty("card").GetRawText());
        Assert.True(card.Ok, string.Join("; ", card.Errors));
        Assert.Equal("صدور مجوز، تمدید و تعویض مدارک اقامتی", card.Content!.Title);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Get_Draft_IsNotFoundForAnonymousReaders_AndAbsentFromLists()
    {
        var draft = (await _app.SeedAsync(new CardBuilder().Titled("پیش‌نویس پنهان"))).Single();
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/v1/services/{draft.Id}", Ct)).StatusCode);
        Assert.Empty(Titles(await ListAsync("?q=" + Uri.EscapeDataString("پنهان"))));
    }

    [Fact]
    public async Task List_MisspeltWords_SuggestAQueryThatFindsSomething_FromPublishedTitlesOnly()
    {
        // Arrange: a published card, and a draft whose title word must never be suggested to the public
        await _app.SeedAsync(
            new CardBuilder().Titled("صدور مجوز زنبورستان").Published(),
            new CardBuilder().Titled("بازرسی شترمرغداری"));

        // Act
        var misspelt = await ListAsync("?q=" + Uri.EscapeDataString("مجوز زنبورستن"));
        var runTogether = await ListAsync("?q=" + Uri.EscapeDataString("مجوززنبور"));
        var draftWord = await ListAsync("?q=" + Uri.EscapeDataString("شترمرغدری"));
        var found = await ListAsync("?q=" + Uri.EscapeDataString("زنبورستان"));
        var filteredAway = await ListAsync("?q=" + Uri.EscapeDataString("زنبورستن") + "&province=" + Uri.EscapeDataString("ایلام"));

        // Assert
        Assert.Equal(0, misspelt.GetProperty("total").GetInt32());
        Assert.Equal("مجوز زنبورستان", misspelt.GetProperty("suggestion").GetProperty("q").GetString());
        Assert.Equal(1, misspelt.GetProperty("suggestion").GetProperty("total").GetInt32());
        Assert.Equal("مجوز زنبور", runTogether.GetProperty("suggestion").GetProperty("q").GetString());
        Assert.Equal(JsonValueKind.Null, draftWord.GetProperty("suggestion").ValueKind);
        Assert.Equal(JsonValueKind.Null, found.GetProperty("suggestion").ValueKind);
        Assert.Equal(JsonValueKind.Null, filteredAway.GetProperty("suggestion").ValueKind); // it would find nothing there either
    }

    [Fact]
    public async Task Post_InvalidCard_IsAValidationProblemKeyedByJsonPath()
    {
        // Act
        var response = await _editor.PostAsync("/api/v1/services",
            new StringContent("""{"title": "خدمت", "levels": ["galactic"], "unknownKey": 1}""", Encoding.UTF8, "application/json"), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var keys = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(keys, k => k.StartsWith("$.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostThenPut_WithIfMatch_UpdatesAndAStaleVersionIs412()
    {
        // Arrange: create a draft from the spec's JSON
        var content = new CardBuilder().Titled("خدمت از راه API").BuildContent();
        var created = await _editor.PostAsync("/api/v1/services", new StringContent(CardJson.Serialize(content), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.ToString();
        var etag = created.Headers.ETag!;
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("draft", body.GetProperty("status").GetString());

        // Act
        content.Title = "خدمت ویرایش شده";
        var noIfMatch = await _editor.PutAsync(location, new StringContent(CardJson.Serialize(content), Encoding.UTF8, "application/json"), Ct);
        using var put = new HttpRequestMessage(HttpMethod.Put, location) { Content = new StringContent(CardJson.Serialize(content), Encoding.UTF8, "application/json") };
        put.Headers.IfMatch.Add(etag);
        var updated = await _editor.SendAsync(put, Ct);
        using var stale = new HttpRequestMessage(HttpMethod.Put, location) { Content = new StringContent(CardJson.Serialize(content), Encoding.UTF8, "application/json") };
        stale.Headers.IfMatch.Add(etag);
        var staleResponse = await _editor.SendAsync(stale, Ct);

        // Assert
        Assert.Equal((HttpStatusCode)428, noIfMatch.StatusCode);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(2, (await updated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32());
        Assert.NotEqual(etag, updated.Headers.ETag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleResponse.StatusCode);
        Assert.Equal("application/problem+json", staleResponse.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_DescribesEveryApiRoute()
    {
        // Arrange: every /api/v1 route the app maps
        var routes = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .Select(e => (Path: "/" + string.Join('/', e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart param => "{" + param.Name + "}",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                _ => "",
            })))), Method: e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single().ToLowerInvariant()))
            .ToList();

        // Act
        var document = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var docs = await _client.GetAsync("/api", Ct);

        // Assert
        Assert.True(routes.Count >= 7);
        var paths = document.GetProperty("paths");
        foreach (var (path, method) in routes)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} missing");
            Assert.True(item.TryGetProperty(method, out _), $"{method} {path} missing");
        }

        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", await docs.Content.ReadAsStringAsync(Ct)); // nothing from elsewhere
    }

    [Fact]
    public async Task AgencyTree_NestsSubServicesUnderTheirParent()
    {
        // Arrange
        await _app.SeedAsync(
            new CardBuilder().Titled("خدمت مادر").OfAgency("اداره درختی").Published("20000000001"),
            new CardBuilder().Titled("زیرخدمت یک").OfAgency("اداره درختی").With(c => c.ParentServiceId = "20000000001").Published("20000000002"));
        var agency = await _app.WithDbAsync(db => Task.FromResult(db.Agencies.Single(a => a.Name == "اداره درختی").Id));

        // Act
        var tree = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/agencies/{agency}/services", Ct);

        // Assert
        var root = Assert.Single(tree.EnumerateArray());
        Assert.Equal("خدمت مادر", root.GetProperty("title").GetString());
        Assert.Equal("زیرخدمت یک", root.GetProperty("children")[0].GetProperty("title").GetString());
    }
}
