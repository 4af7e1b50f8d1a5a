using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Feeds;

/// <summary>The change feed (GET /api/v1/changes) and /feed.atom: a harvester that reads the feed reproduces the public
/// catalog exactly, also while writers on two nodes (one on SQLite) change it as it reads.</summary>
public sealed class ChangesApiTests : IAsyncLifetime
{
    private const string Agency = "اداره کل ثبت اسناد و املاک یزد";
    private readonly RegistryApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Changes_HarvestedWhileTwoNodesPublishReviseAndArchive_ReproduceTheCatalogInOrder()
    {
        // Arrange: 8 published services and 12 with a service ID waiting to be published; a second node on PostgreSQL
        // (a SQLite file is served by one node: there the second writer is another client of the same node)
        var published = await SeedAsync(8, CardStatus.Published, "منتشر");
        var waiting = await SeedAsync(12, CardStatus.IdIssued, "آماده");
        await using var nodeB = TestDatabase.IsPostgres ? _app.AnotherNode() : null;
        WebApplicationFactory<Program> second = nodeB is null ? _app : nodeB;
        var admin = await _app.UserAsync(Roles.NationalAdmin);
        var editor = await _app.UserAsync(Roles.AgencyEditor, Agency, "یزد");
        var adminA = await _app.ClientAsAsync(admin);
        var adminB = await second.ClientAsAsync(admin);
        var editorB = await second.ClientAsAsync(editor);
        var reader = _app.CreateBrowserlessClient();
        var harvester = new Harvester(reader);

        // Act: writers on both nodes while the harvester reads in small pages
        var writers = Task.WhenAll(
            Task.Run(async () =>
            {
                foreach (var id in waiting.Take(6))
                {
                    await PostOkAsync(adminA, $"/api/v1/services/{id}/publish");
                }

                foreach (var id in published.Take(2))
                {
                    await PostOkAsync(adminA, $"/api/v1/services/{id}/archive");
                }
            }, Ct),
            Task.Run(async () =>
            {
                foreach (var id in waiting.Skip(6))
                {
                    await PostOkAsync(adminB, $"/api/v1/services/{id}/publish");
                }
            }, Ct),
            Task.Run(async () =>
            {
                foreach (var id in published.Skip(2).Take(3))
                {
                    await ReviseAsync(editorB, adminB, id);
                }
            }, Ct));
        while (!writers.IsCompleted)
        {
            await harvester.PullAsync(limit: 3);
        }

        await writers;
        while (await harvester.PullAsync(limit: 3))
        {
        }

        // Assert: the harvested catalog is the public catalog, card for card
        var catalog = await PublicCatalogAsync(reader);
        Assert.Equal(8 - 2 + 12, catalog.Count);
        Assert.Equal(catalog.Keys.Order(), harvester.Catalog.Keys.Order());
        foreach (var (id, item) in catalog)
        {
            var card = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/services/{id}", Ct);
            var harvested = harvester.Catalog[id];
            Assert.Equal(item.GetProperty("title").GetString(), harvested.GetProperty("title").GetString());
            Assert.Equal(item.GetProperty("serviceId").GetString(), harvested.GetProperty("serviceId").GetString());
            Assert.Equal(item.GetProperty("agency").GetProperty("id").GetInt32(), harvested.GetProperty("agency").GetProperty("id").GetInt32());
            Assert.Equal(card.GetProperty("version").GetInt32(), harvested.GetProperty("version").GetInt32());
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(card.GetProperty("card").GetRawText()), JsonNode.Parse(harvested.GetProperty("card").GetRawText())), $"card {id}");
        }

        Assert.Contains(harvester.Catalog.Values, c => c.GetProperty("title").GetString()!.EndsWith("بازنگری‌شده", StringComparison.Ordinal));

        // and what was read while the writers wrote is the feed itself: every change once, in the feed's one order
        var sweep = new Harvester(reader);
        while (await sweep.PullAsync(limit: 1000))
        {
        }

        Assert.Equal(sweep.Cursors, harvester.Cursors);
        Assert.Equal(harvester.Cursors.Count, harvester.Cursors.Distinct().Count());
        Assert.Equal(8 + 12 + 3 + 2, harvester.Cursors.Count); // seeded, published, revised, archived
    }

    [Theory]
    [InlineData("after=not-a-cursor")]
    [InlineData("after=YzE6LTE")] // "c1:-1"
    [InlineData("after=eDE6NQ")] // "x1:5"
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    public async Task Changes_BadCursorOrLimit_IsProblemDetailsInPersian(string query)
    {
        // Act
        var response = await _app.CreateBrowserlessClient().GetAsync($"/api/v1/changes?{query}", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var message = problem.GetProperty("errors").EnumerateObject().Single().Value[0].GetString();
        Assert.Matches("[\u0600-\u06FF]", message);
    }

    [Fact]
    public async Task Changes_AfterTheLastChange_IsEmptyAndKeepsTheCursor()
    {
        // Arrange
        await SeedAsync(2, CardStatus.Published, "تنها");
        var client = _app.CreateBrowserlessClient();
        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/changes", Ct);
        var next = all.GetProperty("next").GetString();

        // Act
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/changes?after={next}", Ct);

        // Assert
        Assert.Equal(2, all.GetProperty("items").GetArrayLength());
        Assert.False(all.GetProperty("more").GetBoolean());
        Assert.Equal(0, after.GetProperty("items").GetArrayLength());
        Assert.Equal(next, after.GetProperty("next").GetString());
    }

    [Fact]
    public async Task FeedAtom_AfterPublishAndArchive_EntriesNewestFirstWithPersianTitles()
    {
        // Arrange
        var ids = await SeedAsync(2, CardStatus.Published, "خبرخوان");
        var admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));
        await PostOkAsync(admin, $"/api/v1/services/{ids[0]}/archive");

        // Act
        var response = await _app.CreateBrowserlessClient().GetAsync("/feed.atom", Ct);

        // Assert
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Root!;
        Assert.Equal(atom + "feed", feed.Name);
        var titles = feed.Elements(atom + "entry").Select(e => e.Element(atom + "title")!.Value).ToList();
        Assert.Equal(["بایگانی: خدمت خبرخوان 1", "انتشار: خدمت خبرخوان 2", "انتشار: خدمت خبرخوان 1"], titles);
        Assert.EndsWith($"/services/{ids[0]}", feed.Elements(atom + "entry").First().Element(atom + "link")!.Attribute("href")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_TemplateArchived_ItsPublishedInstanceHasATemplateChangedChange()
    {
        // Arrange: a ministry's published template and a province's published instance of it
        const string ministry = "وزارت نمونه فهرست تغییرات";
        const string province = "اداره کل نمونه فهرست تغییرات لرستان";
        await _app.AgencyAsync(ministry, null);
        await _app.AgencyAsync(province, "لرستان", ministry);
        var template = (await _app.SeedAsync(new CardBuilder().Titled("الگوی ملی فهرست تغییرات").OfAgency(ministry).AsTemplate().Published("19000000001")))[0].Id;
        var instance = (await _app.SeedAsync(new CardBuilder().OfAgency(province, "لرستان").InstanceOf(template).Published("19000000002")))[0].Id;
        var admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));
        var start = (await _app.CreateBrowserlessClient().GetFromJsonAsync<JsonElement>("/api/v1/changes", Ct)).GetProperty("next").GetString();

        // Act
        await PostOkAsync(admin, $"/api/v1/services/{template}/archive");
        var page = await _app.CreateBrowserlessClient().GetFromJsonAsync<JsonElement>($"/api/v1/changes?after={start}", Ct);

        // Assert: the template left the catalog; its instance stays published, flagged, with the parts that changed
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([(template, "archived"), (instance, "templateChanged")], items.Select(i => (i.GetProperty("id").GetInt32(), i.GetProperty("kind").GetString())).Order());
        var flagged = items.Single(i => i.GetProperty("id").GetInt32() == instance);
        Assert.Equal(["archived"], flagged.GetProperty("changedParts").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(JsonValueKind.Object, flagged.GetProperty("card").ValueKind);
    }

    [Fact]
    public async Task OpenApi_DescribesTheChangeFeed()
    {
        // Act
        var document = await _app.CreateBrowserlessClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);

        // Assert
        var get = document.GetProperty("paths").GetProperty("/api/v1/changes").GetProperty("get");
        var parameters = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        Assert.Equal(["after", "limit"], parameters);
        Assert.True(get.GetProperty("responses").TryGetProperty("400", out _));
        Assert.Contains("cursor", get.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<int>> SeedAsync(int count, CardStatus status, string name) =>
        (await _app.SeedAsync(Enumerable.Range(1, count)
            .Select(i => new CardBuilder().Titled($"خدمت {name} {i}").OfAgency(Agency, "یزد")
                .InStatus(status, status is CardStatus.Published or CardStatus.IdIssued ? $"9{name.GetHashCode(StringComparison.Ordinal) & 0xFFFF:D6}{i:D4}" : null))
            .ToArray())).Select(c => c.Id).ToList();

    internal static async Task<JsonElement> PostOkAsync(HttpClient client, string path, object? body = null)
    {
        var response = await client.PostAsJsonAsync(path, body ?? new { }, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>A revision with a new title, through the whole workflow: revise, edit, submit, approve, publish.</summary>
    internal static async Task ReviseAsync(HttpClient editor, HttpClient admin, int id)
    {
        var revision = (await PostOkAsync(editor, $"/api/v1/services/{id}/revise")).GetProperty("id").GetInt32();
        var response = await editor.GetAsync($"/api/v1/services/{revision}", Ct);
        var detail = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        var card = detail["card"]!;
        card["title"] = card["title"]!.GetValue<string>() + " بازنگری‌شده";
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/services/{revision}") { Content = JsonContent.Create(card) };
        put.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(response.Headers.ETag!.ToString()));
        var saved = await editor.SendAsync(put, Ct);
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync(Ct));
        await PostOkAsync(editor, $"/api/v1/services/{revision}/submit");
        await PostOkAsync(admin, $"/api/v1/services/{revision}/approve");
        await PostOkAsync(admin, $"/api/v1/services/{revision}/publish");
    }

    private static async Task<Dictionary<int, JsonElement>> PublicCatalogAsync(HttpClient client)
    {
        var all = new Dictionary<int, JsonElement>();
        for (var page = 1; ; page++)
        {
            var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/services?pageSize=50&page={page}", Ct);
            foreach (var item in list.GetProperty("items").EnumerateArray())
            {
                all.Add(item.GetProperty("id").GetInt32(), item.Clone());
            }

            if (all.Count >= list.GetProperty("total").GetInt64())
            {
                return all;
            }
        }
    }

    /// <summary>What another system does with the feed: keeps a copy of the public catalog and the cursor it reached.</summary>
    private sealed class Harvester(HttpClient client)
    {
        private string? _cursor;

        public ConcurrentDictionary<int, JsonElement> Catalog { get; } = new();

        public List<string> Cursors { get; } = [];

        /// <summary>Reads one page and applies it; true while more are waiting.</summary>
        public async Task<bool> PullAsync(int limit)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/changes?limit={limit}" + (_cursor is null ? "" : $"&after={_cursor}"), Ct);
            foreach (var change in page.GetProperty("items").EnumerateArray())
            {
                Cursors.Add(change.GetProperty("cursor").GetString()!);
                var id = change.GetProperty("id").GetInt32();
                switch (change.GetProperty("kind").GetString())
                {
                    case "published" or "revised":
                        Catalog[id] = change.Clone();
                        break;
                    case "archived":
                        Catalog.TryRemove(id, out _);
                        break;
                }
            }

            _cursor = page.GetProperty("next").GetString();
            return page.GetProperty("more").GetBoolean();
        }
    }
}
