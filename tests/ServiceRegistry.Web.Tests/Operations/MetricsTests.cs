using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Testing;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Tests.Operations;

/// <summary>The registry's own metrics (meter "ServiceRegistry") are published and measure the registry.</summary>
public sealed class MetricsTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();
    private readonly ConcurrentBag<(string Name, double Value, string? Status)> _measured = [];
    private MeterListener _listener = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        var meters = _app.Services.GetRequiredService<IMeterFactory>(); // starts the app
        _listener = new MeterListener
        {
            // only this app's meter (other tests run other apps in this process at the same time)
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == RegistryMetrics.MeterName && instrument.Meter.Scope == meters)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => _measured.Add((i.Name, v, Status(tags))));
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => _measured.Add((i.Name, v, Status(tags))));
        _listener.Start();
        return ValueTask.CompletedTask;
    }

    private static string? Status(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "status")
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task CatalogAndCards_AreMeasured()
    {
        // Arrange
        await _app.SeedAsync(new CardBuilder().Titled("خدمت سنجش یک").Published(), new CardBuilder().Titled("خدمت سنجش دو").Published(),
            new CardBuilder().Titled("پیش‌نویس سنجش"));
        var client = _app.CreateBrowserlessClient();

        // Act: a search brings the catalog index up to date; then a reader collects the gauges
        (await client.GetAsync("/api/v1/services", Ct)).EnsureSuccessStatusCode();
        _listener.RecordObservableInstruments();

        // Assert
        Assert.Contains(_measured, m => m.Name == "registry.catalog.index.load.duration" && m.Value >= 0);
        Assert.Contains(_measured, m => m.Name == "registry.catalog.index.lag" && m.Value == 0);
        Assert.Contains(_measured, m => m.Name == "registry.cards" && m.Status == "Published" && m.Value == 2);
        Assert.Contains(_measured, m => m.Name == "registry.cards" && m.Status == "Draft" && m.Value == 1);
        Assert.Contains(_measured, m => m.Name == "registry.imports.queued" && m.Value == 0);
    }
}
