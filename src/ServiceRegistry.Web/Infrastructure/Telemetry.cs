using System.Data.Common;
using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Imports;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>
/// OpenTelemetry: traces and metrics of ASP.NET Core, outgoing HTTP and Npgsql, plus the registry's own metrics
/// (<see cref="RegistryMetrics"/>). Exported over OTLP only when <c>Telemetry:OtlpEndpoint</c> or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; without one, traces still give every request the trace id that the
/// logs, the error page and every ProblemDetails carry.
/// </summary>
public static class Telemetry
{
    public static IHostApplicationBuilder AddRegistryTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RegistryMetrics>();
        // The catalog index reports its loads as log events; the metrics read them there, so the index needs no meter.
        builder.Services.AddSingleton<ILoggerProvider, CatalogIndexEvents>();
        builder.Logging.AddFilter<CatalogIndexEvents>(typeof(CatalogIndex).FullName, LogLevel.Debug);

        // The SDK (traces of every request and query, metric readers) runs only when something collects it: without an
        // exporter it would cost every request its work and export nothing. The registry's meters, ASP.NET Core's own
        // metrics and the request's trace id (Problems.RequestId) are there either way.
        var endpoint = builder.Configuration["Telemetry:OtlpEndpoint"];
        var standard = builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint) && string.IsNullOrWhiteSpace(standard))
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(
                builder.Configuration["OTEL_SERVICE_NAME"] ?? "service-registry", serviceInstanceId: Environment.MachineName))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(RegistryMetrics.MeterName, "Npgsql", "System.Runtime"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/healthz"))
                .AddHttpClientInstrumentation()
                .AddSource("Npgsql"));
        if (!string.IsNullOrWhiteSpace(endpoint))
        {
            var protocol = builder.Configuration["OTEL_EXPORTER_OTLP_PROTOCOL"] == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
            telemetry.UseOtlpExporter(protocol, new Uri(endpoint));
        }
        else
        {
            telemetry.UseOtlpExporter(); // endpoint, protocol and headers from the standard OTEL_* variables
        }

        return builder;
    }

    /// <summary>Turns the catalog index's load events (its log messages with Count, Stamp and Ms) into metrics.</summary>
    private sealed class CatalogIndexEvents(RegistryMetrics metrics) : ILoggerProvider
    {
        private readonly EventsLogger _logger = new(metrics);

        public ILogger CreateLogger(string categoryName) => categoryName == typeof(CatalogIndex).FullName ? _logger : NullLogger.Instance;

        public void Dispose()
        {
        }

        private sealed class EventsLogger(RegistryMetrics metrics) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (state is not IReadOnlyList<KeyValuePair<string, object?>> values)
                {
                    return;
                }

                long? stamp = null, ms = null;
                foreach (var (key, value) in values)
                {
                    if (key == "Stamp" && value is long s)
                    {
                        stamp = s;
                    }
                    else if (key == "Ms" && value is long m)
                    {
                        ms = m;
                    }
                }

                if (stamp is { } loaded && ms is { } elapsed)
                {
                    metrics.IndexLoaded(loaded, TimeSpan.FromMilliseconds(elapsed), full: logLevel >= LogLevel.Information);
                }
            }
        }
    }

    private sealed class NullLogger : ILogger
    {
        public static readonly NullLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}

/// <summary>
/// The registry's own metrics (meter "ServiceRegistry"): catalog index load time, how far the index is behind the
/// database, the import queue and the cards by status. The gauges read the database at most every 15 s (one small
/// query each), whenever a metrics reader collects; a database that does not answer gives no values, not an error.
/// </summary>
public sealed class RegistryMetrics : IDisposable
{
    public const string MeterName = "ServiceRegistry";

    private readonly Meter _meter;
    private readonly Histogram<double> _indexLoad;
    private readonly IServiceScopeFactory _scopes;
    private readonly Lock _gate = new();
    private long _indexStamp = -1;
    private Reading? _last;

    public RegistryMetrics(IMeterFactory meters, IServiceScopeFactory scopes)
    {
        _scopes = scopes;
        _meter = meters.Create(MeterName);
        _indexLoad = _meter.CreateHistogram<double>("registry.catalog.index.load.duration", "s",
            "Time to bring the catalog index up to date (kind: full load or changed cards)");
        _meter.CreateObservableGauge("registry.catalog.index.lag", () => Lag(), "{change}",
            "Catalog changes in the database that this node's catalog index does not hold yet");
        _meter.CreateObservableGauge("registry.imports.queued", () => Read() is { } r ? [new Measurement<long>(r.Queued)] : Array.Empty<Measurement<long>>(),
            "{file}", "Import files waiting to be read");
        _meter.CreateObservableGauge("registry.cards", () => Read() is { } r
                ? r.ByStatus.Select(s => new Measurement<long>(s.Value, new KeyValuePair<string, object?>("status", s.Key.ToString())))
                : [],
            "{card}", "Service cards by status");
    }

    public void Dispose() => _meter.Dispose();

    internal void IndexLoaded(long stamp, TimeSpan elapsed, bool full)
    {
        Interlocked.Exchange(ref _indexStamp, stamp);
        _indexLoad.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("kind", full ? "full" : "changes"));
    }

    private IEnumerable<Measurement<long>> Lag()
    {
        var index = Interlocked.Read(ref _indexStamp);
        if (index < 0 || Read() is not { } r)
        {
            return [];
        }

        return [new Measurement<long>(Math.Max(0, r.Stamp - index))];
    }

    private sealed record Reading(long Stamp, long Queued, IReadOnlyDictionary<CardStatus, long> ByStatus, long At);

    private Reading? Read()
    {
        lock (_gate)
        {
            if (_last is { } last && Environment.TickCount64 - last.At < 15_000)
            {
                return last;
            }

            try
            {
                using var scope = _scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
                db.Database.SetCommandTimeout(TimeSpan.FromSeconds(5));
                var stamp = db.Database.SqlQueryRaw<long>("""SELECT "Stamp" AS "Value" FROM "CatalogState" WHERE "Id" = 1""").AsEnumerable().FirstOrDefault();
                var queued = db.ImportItems.LongCount(i => i.Status == ImportItemStatus.Queued);
                var byStatus = db.Cards.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.LongCount() })
                    .AsEnumerable().ToDictionary(g => g.Key, g => g.Count);
                _last = new Reading(stamp, queued, byStatus, Environment.TickCount64);
            }
            catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
            {
                _last = null;
            }

            return _last;
        }
    }
}
