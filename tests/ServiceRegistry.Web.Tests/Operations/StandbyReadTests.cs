using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Testing;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Tests.Operations;

/// <summary>
/// Reads from a standby (<see cref="ReadRouting"/>), PostgreSQL only. The "primary" is the test database behind a
/// <see cref="TcpForwarder"/> that the test stops; the "standby" is the same database on its real port, second in the
/// read connection string's host list (<c>Target Session Attributes=prefer-primary</c>), as scripts/cluster.sh sets
/// it up with a real streaming standby. With the primary gone, public reads still answer and writes answer 503.
/// </summary>
public sealed class StandbyReadTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();
    private TcpForwarder? _primary;
    private WebApplicationFactory<Program> _node = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, "reads from a standby need PostgreSQL (REGISTRY_TEST_POSTGRES)");
        var database = new NpgsqlConnectionStringBuilder(_app.Settings["ConnectionStrings:Registry"]);
        _primary = new TcpForwarder(database.Host!, database.Port);
        var primary = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = _primary.Port, Timeout = 5 };
        var read = new NpgsqlConnectionStringBuilder(primary.ConnectionString)
        {
            Host = $"127.0.0.1:{_primary.Port},{database.Host}:{database.Port}",
            TargetSessionAttributes = "prefer-primary",
        };
        _node = _app.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Registry", primary.ConnectionString)
            .UseSetting("ConnectionStrings:" + ReadRouting.ConnectionName, read.ConnectionString));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_primary is not null)
        {
            await _node.DisposeAsync();
            await _primary.DisposeAsync();
        }

        await _app.DisposeAsync();
    }

    private async Task<int> SeedPublishedAsync()
    {
        await using var scope = _node.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Core.Data.RegistryDbContext>();
        var card = await new CardBuilder().Titled("صدور پروانه آزمون پشتیبان").Published().SaveAsync(db, _app.Clock.GetUtcNow());
        return card.Id;
    }

    [Fact]
    public async Task PrimaryDown_PublicReadsAnswer_WritesAre503()
    {
        // Arrange: a published card, a signed-in editor, the catalog read once; then the primary stops
        var id = await SeedPublishedAsync();
        var editor = await _node.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, "اداره کل پشتیبان", "تهران"));
        var anonymous = _node.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/v1/services", Ct)).StatusCode);
        await _primary!.StopAsync();

        // Act
        var list = await anonymous.GetAsync("/api/v1/services", Ct);
        var catalog = await anonymous.GetAsync("/", Ct);
        var card = await anonymous.GetAsync($"/services/{id}", Ct);
        var apiCard = await anonymous.GetAsync($"/api/v1/services/{id}", Ct);
        var ready = await anonymous.GetAsync("/healthz/ready", Ct);
        var apiWrite = await editor.PostAsJsonAsync("/api/v1/services", new { title = "خدمت تازه" }, Ct);
        var staffPage = await editor.GetAsync("/cards", Ct);

        // Assert: reads from the standby
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(1, (await list.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.OK, catalog.StatusCode);
        Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        Assert.Equal(HttpStatusCode.OK, apiCard.StatusCode);
        // the node can serve the public catalog, so the load balancer keeps it
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        // writes (and signed-in work, which reads its own writes) need the primary: 503 with a Persian reason, never 500
        Assert.Equal(HttpStatusCode.ServiceUnavailable, apiWrite.StatusCode);
        var problem = await apiWrite.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(Problems.DatabaseUnavailableTitle, problem.GetProperty("title").GetString());
        Assert.Matches("^[0-9a-f]{32}$", problem.GetProperty("traceId").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, staffPage.StatusCode);
        var page = await RegistryApp.ParseAsync(staffPage);
        Assert.Equal(Problems.DatabaseUnavailableTitle, page.QuerySelector("h1")?.TextContent);
    }
}
