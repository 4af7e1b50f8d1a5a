using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages;

/// <summary>The API guide at /api (issue 14, finding 11): inside the site's layout, every operation of the OpenAPI
/// document described in Persian and English (written once, on the endpoint), the lifecycle with examples, tokens and
/// problem details.</summary>
public sealed partial class ApiGuideTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [GeneratedRegex(@"\p{IsArabic}")]
    private static partial Regex PersianLetters();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex EnglishWords();

    private async Task<IReadOnlyList<(string Key, string Summary, string Description)>> OperationsAsync()
    {
        var document = await _app.CreateBrowserlessClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var list = new List<(string, string, string)>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _)))
            {
                list.Add((operation.Name.ToUpperInvariant() + " " + path.Name,
                    operation.Value.TryGetProperty("summary", out var s) ? s.GetString() ?? "" : "",
                    operation.Value.TryGetProperty("description", out var d) ? d.GetString() ?? "" : ""));
            }
        }

        return list;
    }

    [Fact]
    public async Task OpenApi_EveryOperation_HasAnEnglishSummaryAndAPersianDescription()
    {
        // Act
        var operations = await OperationsAsync();

        // Assert: a new endpoint without both (ApiText.Describe) fails here
        Assert.True(operations.Count >= 24, $"{operations.Count} operations");
        Assert.Empty(operations.Where(o => !EnglishWords().IsMatch(o.Summary) || PersianLetters().IsMatch(o.Summary)).Select(o => o.Key + ": summary «" + o.Summary + "»"));
        Assert.Empty(operations.Where(o => !PersianLetters().IsMatch(o.Description)).Select(o => o.Key + ": description «" + o.Description + "»"));
    }

    [Fact]
    public async Task Get_Api_IsAPageOfTheSiteDescribingEveryOperationAndTheLifecycleWithExamples()
    {
        // Arrange
        var operations = await OperationsAsync();

        // Act
        var response = await _app.CreateBrowserlessClient().GetAsync("/api", Ct);
        var page = await RegistryApp.ParseAsync(response);

        // Assert: the site's layout, with its header and the footer's link
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("header.site-header"));
        Assert.Equal("/api", page.QuerySelector("footer a#footer-api")?.GetAttribute("href"));
        Assert.Equal("/openapi/v1.json", page.QuerySelector("#h-start ~ p a")?.GetAttribute("href"));

        // …every operation with both its descriptions, as the document has them
        foreach (var (key, summary, description) in operations)
        {
            var article = page.QuerySelectorAll("article.api-operation").SingleOrDefault(a => a.GetAttribute("data-operation") == key);
            Assert.True(article is not null, key + " is not in the guide");
            Assert.Equal(description, article.QuerySelector(".api-fa")?.TextContent);
            Assert.Equal(summary, article.QuerySelector(".api-en")?.TextContent);
        }

        // …the lifecycle: each step with a request and an answer
        var steps = page.QuerySelectorAll("#lifecycle article.api-step");
        Assert.Equal(["submit", "return", "approve", "issueid", "publish", "revise", "archive"], steps.Select(s => s.Id!["step-".Length..]));
        foreach (var step in steps)
        {
            var examples = step.QuerySelectorAll("pre").Select(p => p.TextContent).ToList();
            Assert.Equal(2, examples.Count);
            Assert.StartsWith("POST /api/v1/services/42/", examples[0], StringComparison.Ordinal);
            Assert.Contains("Authorization: Bearer sr_", examples[0], StringComparison.Ordinal);
            Assert.StartsWith("200 OK", examples[1], StringComparison.Ordinal);
            Assert.Contains("\"status\":", examples[1], StringComparison.Ordinal);
        }

        Assert.Contains("\"comments\"", steps[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"published\"", steps[4].TextContent, StringComparison.Ordinal);

        // …tokens and problem details
        Assert.Contains("Authorization: Bearer sr_", page.QuerySelector("#auth")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#auth a[href='/admin/api-tokens']"));
        var problem = JsonDocument.Parse(page.QuerySelector("#example-problem")!.TextContent).RootElement;
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("traceId", out _));
        var validation = JsonDocument.Parse(page.QuerySelector("#example-validation")!.TextContent).RootElement;
        Assert.True(validation.GetProperty("errors").TryGetProperty("$.title", out _));
    }
}
