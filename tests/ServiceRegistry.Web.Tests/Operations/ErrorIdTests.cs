using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Operations;

/// <summary>Every error an operator may be asked about carries the request's trace id: ProblemDetails and the error page.</summary>
public sealed class ErrorIdTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = _app.CreateBrowserlessClient();
        await _client.GetAsync("/healthz", Ct);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>A request that arrives with a W3C traceparent (as from nginx or another service) and its trace id.</summary>
    private static (HttpRequestMessage Request, string TraceId) Traced(string path)
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return (request, traceId);
    }

    /// <summary>Breaks the catalog: every catalog read fails from now on (an unexpected database error, a 500).</summary>
    private Task<int> BreakCatalogAsync() =>
        _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""DROP TABLE "CatalogState" """, Ct));

    [Fact]
    public async Task ApiValidationProblem_CarriesTraceIdOfRequest()
    {
        // Arrange
        var (request, traceId) = Traced("/api/v1/services?sort=nonsense");

        // Act
        var response = await _client.SendAsync(request, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(traceId, problem.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task ApiServerError_IsProblemDetailsWithTraceId()
    {
        // Arrange
        await BreakCatalogAsync();
        var (request, traceId) = Traced("/api/v1/services");

        // Act
        var response = await _client.SendAsync(request, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(traceId, problem.GetProperty("traceId").GetString());
    }

    [Fact]
    public async Task ErrorPage_AfterException_ShowsTraceId()
    {
        // Arrange
        await BreakCatalogAsync();
        var (request, traceId) = Traced("/");

        // Act
        var response = await _client.SendAsync(request, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var page = await RegistryApp.ParseAsync(response);
        Assert.Equal(traceId, page.QuerySelector("[data-request-id]")?.TextContent);
        Assert.Contains("خطایی رخ داد", page.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorPage_NotFound_ShowsRequestId()
    {
        // Act
        var response = await _client.GetAsync("/services/987654", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await RegistryApp.ParseAsync(response);
        Assert.Matches("^[0-9a-f]{32}$", page.QuerySelector("[data-request-id]")?.TextContent ?? "");
    }
}
