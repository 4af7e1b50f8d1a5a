using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Catalog;

namespace ServiceRegistry.Core.Data;

/// <summary>Brings the database up to date (and seeds the demo cards into an empty one) before the web app serves;
/// with Registry:MigrateOnStart off, only checks that someone did (the <c>migrate</c> command).</summary>
internal sealed class RegistryInitializer(IServiceProvider services, IOptions<RegistryOptions> options, CatalogIndex catalog) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => options.Value.MigrateOnStart
        ? services.InitializeRegistryAsync(options.Value.SeedDemoData, cancellationToken)
        : services.RequireCurrentSchemaAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    /// <summary>Loads the catalog index in the background once the app serves, so the first search does not wait for it
    /// (a search that comes first waits for the same load).</summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => catalog.WarmAsync(CancellationToken.None), CancellationToken.None);
        return Task.CompletedTask;
    }
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
