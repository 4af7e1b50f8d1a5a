using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.FuzzTests;

/// <summary>
/// Generated and mutated requests against the API and pages in process (issue 13): card JSON for POST and PUT,
/// query strings for the list, the export and the dashboard. None may answer 5xx or take longer than
/// <see cref="Fuzz.PerInput"/>, and the app is healthy after each run.
/// </summary>
public sealed class ApiFuzzTests : IAsyncLifetime
{
    private const string Agency = "اداره کل آزمون فاز";
    private readonly RegistryApp _app = new() { SeedDemoData = true };
    private HttpClient _editor = null!;
    private HttpClient _anonymous = null!;
    private ServiceCard _card = null!;

    public async ValueTask InitializeAsync()
    {
        _editor = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Agency, "تهران"));
        _anonymous = _app.CreateBrowserlessClient();
        _card = (await _app.SeedAsync(new CardBuilder().OfAgency(Agency, "تهران").Titled("خدمت آزمون فاز").InStatus(CardStatus.Draft)))[0];
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A valid card in the spec's JSON, the start of every mutation.</summary>
    private static readonly string ValidJson = CardJson.Serialize(new CardBuilder().Titled("صدور پروانه کسب").Described("شرح خدمت آزمون").BuildContent());

    private static readonly Gen<JsonNode?> Values = Gen.OneOf<JsonNode?>(
        Gen.Const(() => (JsonNode?)null),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
        Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l)),
        Gen.Double.Where(double.IsFinite).Select(d => (JsonNode?)JsonValue.Create(d)),
        Fuzz.NastyString.Select(s => (JsonNode?)JsonValue.Create(s)),
        Fuzz.NastyString.Array[0, 5].Select(a => (JsonNode?)new JsonArray([.. a.Select(s => (JsonNode?)JsonValue.Create(s))])),
        Gen.Int[1, 300].Select(Deep),
        Fuzz.NastyString.Select(s => (JsonNode?)new JsonObject { [s] = 1 }));

    /// <summary>Card JSON with values replaced anywhere in the tree (the shape a client gets wrong), then sometimes
    /// byte-mutated too (the syntax a client gets wrong), or an arbitrary JSON value instead of a card.</summary>
    private static readonly Gen<string> CardBodies = Gen.Frequency(
        (6, Gen.Select(Gen.Int[0, 10_000], Values).Array[1, 6].Select(ReplaceNodes)),
        (3, Fuzz.Mutated(Encoding.UTF8.GetBytes(ValidJson)).Select(Encoding.UTF8.GetString)),
        (1, Values.Select(v => v?.ToJsonString() ?? "null")));

    [Fact]
    public async Task PostServices_GeneratedAndMutatedCardJson_NeverAnswers5xx()
    {
        await CardBodies.SampleAsync(async body =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/services") { Content = Json(body) };
            await Fuzz.SendAsync(_editor, request, () => "body (hex) " + Fuzz.Hex(body));
        }, iter: Fuzz.Iterations, threads: 1, seed: Fuzz.Seed, print: Fuzz.Hex);

        await Fuzz.AssertHealthyAsync(_editor);
    }

    [Fact]
    public async Task PutService_GeneratedAndMutatedCardJson_NeverAnswers5xx()
    {
        await Gen.Select(CardBodies, Fuzz.NastyString).SampleAsync(async (body, ifMatch) =>
        {
            var version = await _app.WithDbAsync(db => Task.FromResult(db.Cards.Single(c => c.Id == _card.Id).Version));
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/services/{_card.Id}") { Content = Json(body) };
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch.Length % 3 == 0 ? ifMatch : $"\"{_card.Id}-{version}\"");
            await Fuzz.SendAsync(_editor, request, () => $"If-Match {Fuzz.Hex(ifMatch)}, body (hex) {Fuzz.Hex(body)}");
        }, iter: Fuzz.Iterations, threads: 1, seed: Fuzz.Seed, print: t => Fuzz.Hex(t.Item1) + " / " + Fuzz.Hex(t.Item2));

        await Fuzz.AssertHealthyAsync(_editor);
    }

    private static readonly string[] Keys = ["q", "agency", "province", "type", "level", "lifeEvent", "nature", "maturity", "free", "page", "pageSize", "sort", "format", "id", "parent", "x"];

    private static readonly Gen<string> Value = Gen.OneOf(
        Fuzz.NastyString,
        Gen.OneOf<string>("xlsx", "csv", "json", "jsonld", "pdf", "XLSX", "G2C", "National", "Birth", "true", "false", "title", "-title", "relevance", "0", "-1", "2147483648", "1000000"));

    private static readonly Gen<string> Queries = Gen.Select(Gen.Int[0, Keys.Length - 1], Value).Array[0, 8]
        .Select(pairs => string.Join('&', pairs.Select(p => Uri.EscapeDataString(Keys[p.Item1]) + "=" + Uri.EscapeDataString(p.Item2))));

    [Fact]
    public async Task ListExportDashboard_GeneratedQueryStrings_NeverAnswer5xx()
    {
        string[] paths = ["/api/v1/services", "/api/v1/services/export", "/dashboard", "/", "/api/v1/agencies/1/services"];
        await Gen.Select(Gen.Int[0, paths.Length - 1], Queries, Gen.Bool).SampleAsync(async (path, query, signedIn) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, paths[path] + "?" + query);
            await Fuzz.SendAsync(signedIn ? _editor : _anonymous, request, () => $"{paths[path]}?{query}");
        }, iter: Fuzz.Iterations, threads: 1, seed: Fuzz.Seed, print: t => $"{paths[t.Item1]}?{t.Item2} signed in {t.Item3}");

        await Fuzz.AssertHealthyAsync(_anonymous);
    }

    private static StringContent Json(string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static JsonNode? Deep(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["a"] = node };
        }

        return node;
    }

    /// <summary>Replaces nodes of the valid card (chosen by index in document order) with generated values.</summary>
    private static string ReplaceNodes((int Index, JsonNode? Value)[] replacements)
    {
        var root = JsonNode.Parse(ValidJson)!;
        foreach (var (index, value) in replacements)
        {
            var nodes = Flatten(root).ToList();
            var (parent, key, position) = nodes[index % nodes.Count];
            switch (parent)
            {
                case JsonObject o when key is not null:
                    o[key] = value;
                    break;
                case JsonArray a when position < a.Count:
                    a[position] = value;
                    break;
            }
        }

        return root.ToJsonString();
    }

    private static IEnumerable<(JsonNode Parent, string? Key, int Position)> Flatten(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    yield return (o, key, 0);
                    if (child is not null)
                    {
                        foreach (var inner in Flatten(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, null, i);
                    if (a[i] is { } child)
                    {
                        foreach (var inner in Flatten(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
        }
    }
}
