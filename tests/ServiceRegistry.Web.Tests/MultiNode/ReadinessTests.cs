using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.MultiNode;

/// <summary>/healthz is liveness; /healthz/ready tells a load balancer the node may take traffic (database answers,
/// catalog index loaded).</summary>
public sealed class ReadinessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_WhileTheCatalogIndexLoads_Is503ThenOnceLoaded200()
    {
        // Arrange: the catalog index's load waits until the test lets it go (as a million-card load would take a while)
        using var loading = new ManualResetEventSlim();
        await using var app = new RegistryApp();
        await using var node = app.WithWebHostBuilder(b => b.ConfigureTestServices(services => services.AddSingleton(sp =>
            new CatalogIndex(new HeldScopes(sp.GetRequiredService<IServiceScopeFactory>(), loading), sp.GetRequiredService<ILogger<CatalogIndex>>()))));
        try
        {
            var client = node.CreateClient();

            // Act
            var live = await client.GetAsync("/healthz", Ct);
            var notReady = await client.GetAsync("/healthz/ready", Ct);
            loading.Set();
            var ready = await PollAsync(client);

            // Assert
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal("application/problem+json", notReady.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.OK, ready);
        }
        finally
        {
            loading.Set();
        }
    }

    private static async Task<HttpStatusCode> PollAsync(HttpClient client)
    {
        var status = HttpStatusCode.ServiceUnavailable;
        for (var i = 0; i < 100 && status != HttpStatusCode.OK; i++)
        {
            await Task.Delay(100, Ct);
            status = (await client.GetAsync("/healthz/ready", Ct)).StatusCode;
        }

        return status;
    }

    /// <summary>Scopes that wait for a signal (only the catalog index gets these).</summary>
    private sealed class HeldScopes(IServiceScopeFactory inner, ManualResetEventSlim open) : IServiceScopeFactory
    {
        public IServiceScope CreateScope()
        {
            open.Wait(TimeSpan.FromMinutes(1));
            return inner.CreateScope();
        }
    }
}
