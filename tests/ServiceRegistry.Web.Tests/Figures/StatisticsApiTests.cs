using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Figures;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Figures;

/// <summary>The quarterly figures API (issue 18) on SQLite and PostgreSQL: writing a return, idempotency, concurrency,
/// the reviewer's lock, who sees drafts, and the sums over a province checked against hand-worked values.</summary>
public sealed class StatisticsApiTests : IAsyncLifetime
{
    private const string Agency = "اداره کل آمار فارس";
    private readonly RegistryApp _app = new();
    private HttpClient _editor = null!;
    private HttpClient _reviewer = null!;
    private HttpClient _public = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _editor = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Agency, "فارس"));
        _reviewer = await _app.ClientAsAsync(await _app.UserAsync(Roles.ProvincialReviewer, province: "فارس"));
        _public = _app.CreateBrowserlessClient();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<int> PublishedCardAsync(string title) =>
        (await _app.SeedAsync(new CardBuilder().Titled(title).OfAgency(Agency, "فارس").Published("4" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999))))[0].Id;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, int id, string period, string json, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/services/{id}/statistics/{period}") { Content = Json(json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request, Ct);
    }

    private const string Autumn = """
        { "requests": { "website": 600, "mobileApp": 150, "email": 0, "sms": 0, "callCenter": 0, "counterOffice": 150, "post": 0, "other": 0, "inPerson": 100 },
          "completed": 900, "rejected": 50, "processingDays": { "average": 4.5, "p90": 12 }, "feesCollectedRials": 45000000,
          "satisfaction": { "satisfiedShare": 0.8, "answers": 200 }, "status": "submitted" }
        """;

    [Fact]
    public async Task Put_NewQuarter_IsCreated_AndTheSameBodyAgainChangesNothing()
    {
        // Arrange
        var id = await PublishedCardAsync("خدمت آمار ۱");

        // Act
        var first = await PutAsync(_editor, id, "1404-Q3", Autumn);
        var again = await PutAsync(_editor, id, "1404-Q3", Autumn);

        // Assert: created, then 200 with the same version (nothing new kept)
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.Headers.ETag!.Tag, again.Headers.ETag!.Tag);
        Assert.Equal($"\"{id}-1404-Q3-1\"", first.Headers.ETag.Tag);
        var item = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("1404-Q3", item.GetProperty("period").GetString());
        Assert.Equal("پاییز ۱۴۰۴", item.GetProperty("periodLabel").GetString());
        Assert.Equal("submitted", item.GetProperty("status").GetString());
        Assert.Equal(1, item.GetProperty("version").GetInt32());
        // take-up (600 + 150) / 1000 = 0.75; assisted 150 / 1000; cost 45,000,000 / 900 = 50,000
        Assert.Equal(0.75, item.GetProperty("derived").GetProperty("digitalTakeUp").GetDouble(), 6);
        Assert.Equal(0.15, item.GetProperty("derived").GetProperty("assistedShare").GetDouble(), 6);
        Assert.Equal(50_000, item.GetProperty("derived").GetProperty("costPerTransaction").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("complaints").ValueKind);
        var (versions, audits) = await _app.WithDbAsync(async db => (
            await db.ReturnVersions.CountAsync(v => db.QuarterlyReturns.Any(r => r.Id == v.ReturnId && r.CardId == id), Ct),
            await db.AuditEntries.CountAsync(a => a.CardId == id && a.Action == ReturnAudit.Submitted, Ct)));
        Assert.Equal(1, versions);
        Assert.Equal(1, audits);
    }

    [Fact]
    public async Task Put_ExistingReturn_NeedsIfMatch_RefusesStale_KeepsEveryVersion()
    {
        // Arrange
        var id = await PublishedCardAsync("خدمت آمار ۲");
        var created = await PutAsync(_editor, id, "1404-Q2", """{ "completed": 10 }""");
        var etag = created.Headers.ETag!.Tag;

        // Act
        var without = await PutAsync(_editor, id, "1404-Q2", """{ "completed": 11 }""");
        var right = await PutAsync(_editor, id, "1404-Q2", """{ "completed": 11 }""", etag);
        var stale = await PutAsync(_editor, id, "1404-Q2", """{ "completed": 12 }""", etag);
        var byVersion = await PutAsync(_editor, id, "1404-Q2", """{ "completed": 12 }""", "2");

        // Assert
        Assert.Equal(HttpStatusCode.PreconditionRequired, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, byVersion.StatusCode);
        var kept = await _app.WithDbAsync(async db => await db.ReturnVersions
            .Where(v => db.QuarterlyReturns.Any(r => r.Id == v.ReturnId && r.CardId == id)).OrderBy(v => v.Version).Select(v => v.Figures).ToListAsync(Ct));
        Assert.Equal([10L, 11L, 12L], kept.Select(j => FiguresJson.ReadStored(j).Completed!.Value));
    }

    [Theory]
    [InlineData("1404-Q5", "{}", "period")]
    [InlineData("1404-Q3", """{ "requests": { "website": -1 } }""", "$.requests.website")]
    [InlineData("1404-Q3", """{ "requests": { "fax": 1 } }""", "$.requests")]
    [InlineData("1404-Q3", """{ "period": "1404-Q2" }""", "$.period")]
    [InlineData("1404-Q3", """{ "status": "locked" }""", "$.status")]
    [InlineData("1404-Q3", """{ "requests": { "website": 5, "mobileApp": 0, "email": 0, "sms": 0, "callCenter": 0, "counterOffice": 0, "post": 0, "other": 0, "inPerson": 0 }, "completed": 6 }""", "$.completed")]
    [InlineData("1404-Q3", """{ "satisfaction": { "satisfiedShare": 80, "answers": 3 } }""", "$.satisfaction.satisfiedShare")]
    public async Task Put_BadInput_IsAProblemNamingTheKey(string period, string json, string key)
    {
        // Arrange
        var id = await PublishedCardAsync("خدمت آمار نادرست");

        // Act
        var response = await PutAsync(_editor, id, period, json);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.StartsWith(key, StringComparison.Ordinal));
        Assert.Equal(0, await _app.WithDbAsync(db => db.QuarterlyReturns.CountAsync(r => r.CardId == id, Ct)));
    }

    [Fact]
    public async Task Lock_ByTheProvincesReviewer_StopsFurtherWrites_AndADraftIsNotLocked()
    {
        // Arrange
        var id = await PublishedCardAsync("خدمت آمار قفل");
        await PutAsync(_editor, id, "1404-Q3", Autumn);
        await PutAsync(_editor, id, "1404-Q4", """{ "completed": 3 }""");

        // Act
        var byEditor = await _editor.PostAsync($"/api/v1/services/{id}/statistics/1404-Q3/lock", Json("{}"), Ct);
        var locked = await _reviewer.PostAsync($"/api/v1/services/{id}/statistics/1404-Q3/lock", Json("{}"), Ct);
        var write = await PutAsync(_editor, id, "1404-Q3", """{ "completed": 1 }""", "2");
        var draft = await _reviewer.PostAsync($"/api/v1/services/{id}/statistics/1404-Q4/lock", Json("{}"), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal("locked", (await locked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, write.StatusCode);
        Assert.Contains("قفل", await write.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, draft.StatusCode);
        Assert.Equal(1, await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.CardId == id && a.Action == ReturnAudit.Locked, Ct)));
    }

    [Fact]
    public async Task Get_Drafts_OnlyForTheAgencyAndItsReviewer()
    {
        // Arrange
        var id = await PublishedCardAsync("خدمت آمار پیش‌نویس");
        await PutAsync(_editor, id, "1404-Q3", Autumn);
        await PutAsync(_editor, id, "1404-Q4", """{ "completed": 3 }""");

        // Act
        var forPublic = await _public.GetFromJsonAsync<JsonElement>($"/api/v1/services/{id}/statistics", Ct);
        var forEditor = await _editor.GetFromJsonAsync<JsonElement>($"/api/v1/services/{id}/statistics", Ct);

        // Assert: newest first
        Assert.Equal(["1404-Q3"], forPublic.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("period").GetString()));
        Assert.Equal(["1404-Q4", "1404-Q3"], forEditor.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("period").GetString()));
    }

    [Fact]
    public async Task Aggregate_Province_SumsWhatIsReported_AndKeepsUnknownApart()
    {
        // Arrange: three published services in a province of their own; two report 1404-Q3, one reports nothing;
        // a draft and another quarter do not count
        const string agency = "اداره کل آمار سمنان";
        var ids = new List<int>();
        foreach (var title in new[] { "جمع ۱", "جمع ۲", "جمع ۳", "جمع ۴" })
        {
            // the second lists the post among its request channels, so its unknown post count makes its take-up unknown
            ids.Add((await _app.SeedAsync(new CardBuilder().Titled(title).OfAgency(agency, "سمنان")
                .With(c => c.Stages.Request.Channels.AddRange(title == "جمع ۲" ? [Channel.Website, Channel.Post] : [Channel.Website]))
                .Published("5" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999))))[0].Id);
        }

        await _app.SeedReturnAsync(ids[0], "1404-Q3", new() { Requests = Returns.Requests(300, 100, 50, 50), Completed = 450, Satisfaction = new() { SatisfiedShare = 0.9, Answers = 100 } });
        await _app.SeedReturnAsync(ids[1], "1404-Q3", new() { Requests = Returns.Requests(20, 0, 30, 50) with { Post = null }, Completed = 90, Complaints = 4, Satisfaction = new() { SatisfiedShare = 0.5, Answers = 300 } }, ReturnStatus.Locked);
        await _app.SeedReturnAsync(ids[2], "1404-Q3", new() { Completed = 1000 }, ReturnStatus.Draft);
        await _app.SeedReturnAsync(ids[2], "1404-Q2", new() { Completed = 7 });

        // Act
        var a = await _public.GetFromJsonAsync<JsonElement>("/api/v1/statistics?period=1404-Q3&province=" + Uri.EscapeDataString("سمنان"), Ct);

        // Assert (by hand): 4 services, 2 reported → coverage 0.5; website 300 + 20 = 320 (2 reporting); post only the first
        // reports (0); completed 450 + 90 = 540; complaints 4 (1 reporting); satisfaction (0.9×100 + 0.5×300) / 400 = 0.6;
        // take-up only over the first (the second's card lists the post, whose count is unknown): 400 / 500 = 0.8, assisted 50 / 500
        Assert.Equal(4, a.GetProperty("services").GetInt32());
        Assert.Equal(2, a.GetProperty("reporting").GetInt32());
        Assert.Equal(0.5, a.GetProperty("coverage").GetDouble(), 6);
        Assert.Equal(320, a.GetProperty("requests").GetProperty("website").GetProperty("sum").GetInt64());
        Assert.Equal(2, a.GetProperty("requests").GetProperty("website").GetProperty("reporting").GetInt32());
        Assert.Equal(1, a.GetProperty("requests").GetProperty("post").GetProperty("reporting").GetInt32());
        Assert.Equal(540, a.GetProperty("completed").GetProperty("sum").GetInt64());
        Assert.Equal(4, a.GetProperty("complaints").GetProperty("sum").GetInt64());
        Assert.Equal(JsonValueKind.Null, a.GetProperty("rejected").GetProperty("sum").ValueKind);
        Assert.Equal(0.6, a.GetProperty("satisfiedShare").GetDouble(), 6);
        Assert.Equal(0.8, a.GetProperty("digitalTakeUp").GetDouble(), 6);
        Assert.Equal(0.1, a.GetProperty("assistedShare").GetDouble(), 6);
        Assert.Equal("پاییز ۱۴۰۴", a.GetProperty("periodLabel").GetString());
    }

    [Fact]
    public async Task Export_OneQuarter_CsvNeutralisesFormulas_JsonAndXlsxCarryTheServiceIds()
    {
        // Arrange: a title a spreadsheet would read as a formula; an unknown figure
        var serviceId = "8" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999);
        var id = (await _app.SeedAsync(new CardBuilder().Titled("=HYPERLINK(\"x\")").OfAgency("اداره کل صادرات آمار", "بوشهر").Published(serviceId)))[0].Id;
        await _app.SeedReturnAsync(id, "1403-Q2", new() { Requests = Returns.Requests(30, 10, 0, 60), Completed = 80, FeesCollectedRials = 800_000 });
        var query = "?period=1403-Q2&province=" + Uri.EscapeDataString("بوشهر");

        // Act
        var csv = await _public.GetStringAsync("/api/v1/statistics/export" + query, Ct);
        var json = await _public.GetFromJsonAsync<JsonElement>("/api/v1/statistics/export" + query + "&format=json", Ct);
        var xlsx = await _public.GetAsync("/api/v1/statistics/export" + query + "&format=xlsx", Ct);

        // Assert
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("serviceId,id,title,agency,province,period,status,requests.website", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{serviceId},{id},\"'=HYPERLINK(\"\"x\"\")\",", lines[1], StringComparison.Ordinal);
        Assert.Contains(",1403-Q2,submitted,30,10,0,0,0,0,0,0,60,80,,", lines[1], StringComparison.Ordinal); // rejected unknown: empty
        Assert.EndsWith(",0.4,0,10000", lines[1], StringComparison.Ordinal); // take-up 40 / 100, assisted 0, 800,000 / 80
        var item = Assert.Single(json.GetProperty("items").EnumerateArray().ToList());
        Assert.Equal(serviceId, item.GetProperty("serviceId").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("rejected").ValueKind);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct)), false);
        Assert.Contains(serviceId, workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aggregate_BadPeriod_IsAValidationProblem()
    {
        var response = await _public.GetAsync("/api/v1/statistics?period=1404-3", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task OpenApi_DescribesTheStatisticsEndpoints()
    {
        var doc = await _public.GetStringAsync("/openapi/v1.json", Ct);
        Assert.Contains("/api/v1/services/{id}/statistics/{period}", doc, StringComparison.Ordinal);
        Assert.Contains("\"/api/v1/statistics\"", doc, StringComparison.Ordinal);
        Assert.Contains("/api/v1/services/{id}/statistics\"", doc, StringComparison.Ordinal);
    }
}
