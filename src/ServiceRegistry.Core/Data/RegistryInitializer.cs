using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ServiceRegistry.Core.Data;

/// <summary>Brings the database up to date (and seeds the demo cards into an empty one) before the web app serves.</summary>
internal sealed class RegistryInitializer(IServiceProvider services, IOptions<RegistryOptions> options) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) =>
        services.InitializeRegistryAsync(options.Value.SeedDemoData, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
