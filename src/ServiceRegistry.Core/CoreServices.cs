using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exchange;
using ServiceRegistry.Core.Feeds;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Core.Seeding;

namespace ServiceRegistry.Core;

/// <summary>Registry settings (section "Registry").</summary>
public sealed class RegistryOptions
{
    /// <summary>Where the SQLite database lives when no PostgreSQL connection string is configured.</summary>
    public string DataDirectory { get; set; } = "App_Data";

    /// <summary>Load the demo cards (and the demo accounts) when the web app starts with an empty database.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>How service IDs look: each '#' is a digit of the sequence (default: 11 digits).</summary>
    public string ServiceIdPattern { get; set; } = "1##########";

    /// <summary>Migrate the database (and create the roles) as the web app starts, under a database lock so that several
    /// nodes starting at once do it once. Off: run the <c>migrate</c> command before starting the nodes; a node then
    /// refuses to start while the schema is behind.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>A PKCS#12 (.pfx) file whose certificate encrypts the data-protection keys stored in the database (optional;
    /// every node needs the same file). Without it the keys are stored unencrypted, readable to whoever reads the database.</summary>
    public string? KeyCertificatePath { get; set; }

    /// <summary>The password of <see cref="KeyCertificatePath"/>, if it has one.</summary>
    public string? KeyCertificatePassword { get; set; }

    /// <summary>This node's name in import leases and logs; by default the machine's name and the process id.</summary>
    public string NodeId { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}

public static class CoreServices
{
    /// <summary>
    /// The registry's services. The database is PostgreSQL when <c>ConnectionStrings:Registry</c> is set,
    /// otherwise a SQLite file in <c>Registry:DataDirectory</c> (created on first run).
    /// </summary>
    public static IHostApplicationBuilder AddRegistryCore(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Registry").Get<RegistryOptions>() ?? new RegistryOptions();
        builder.Services.AddOptions<RegistryOptions>().BindConfiguration("Registry");

        var postgres = builder.Configuration.GetConnectionString("Registry");
        string? sqlite = null;
        if (string.IsNullOrWhiteSpace(postgres))
        {
            var dir = Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath);
            Directory.CreateDirectory(dir);
            sqlite = $"Data Source={Path.Combine(dir, "registry.db")}";
        }

        builder.Services.AddDbContext<RegistryDbContext>(db =>
        {
            if (sqlite is not null)
            {
                db.UseSqlite(sqlite);
            }
            else
            {
                db.UseNpgsql(postgres);
            }

            // Migrations are hand-written without a model snapshot; DatabaseSchemaTests checks them against the model.
            db.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
            db.AddInterceptors(PublicChangeRecorder.Instance); // every change to public data, in the card's transaction
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<CardFiles>();
        builder.Services.AddMemoryCache(o => o.SizeLimit = 10_000);
        builder.Services.AddScoped<CatalogQuery>();
        builder.Services.AddSingleton<CatalogIndex>();
        builder.Services.AddScoped<Statistics.Dashboard>();
        builder.Services.AddScoped<DemoData>(); // the start-up seeds an empty registry; the bulk loader is the seed command's alone
        builder.Services.AddScoped<ServiceIdIssuer>();
        builder.Services.AddScoped<UserAccounts>();
        builder.Services.AddScoped<CardWorkflow>();
        builder.Services.AddScoped<ChangeFeed>();
        builder.Services.AddScoped<Figures.ReturnWorkflow>();
        builder.Services.AddScoped<Figures.FiguresQuery>();
        builder.Services.AddScoped<Figures.FiguresDashboard>();
        builder.Services.AddScoped<Templates.TemplateCoverage>();
        builder.Services.AddHostedService<RegistryInitializer>();
        builder.Services.AddOptions<ImportOptions>().BindConfiguration("Imports");
        builder.Services.AddSingleton<ImportQueue>();
        builder.Services.AddHostedService<ImportWorker>(); // after the initializer: the database is migrated first
        builder.Services.AddWebhooks(); // the webhook worker, after the initializer too
        return builder;
    }

    /// <summary>
    /// Applies pending migrations, creates the roles and the first data-protection key; with <paramref name="seedDemo"/>,
    /// loads the demo cards into an empty registry. All of it under <see cref="StartupLock"/>, so nodes starting at once
    /// on one database do each step once (the others wait, then find it done).
    /// </summary>
    public static async Task InitializeRegistryAsync(this IServiceProvider services, bool seedDemo, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var log = scope.ServiceProvider.GetRequiredService<ILogger<StartupLock>>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30)); // a migration may rewrite every card of a large registry
        await using var startup = await StartupLock.AcquireAsync(db, log, ct);
        if (!db.Database.IsNpgsql())
        {
            // WAL: readers (the catalog index's read transaction among them) never block the writer, and the reverse
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", ct);
        }

        await db.Database.MigrateAsync(ct);
        await CatalogIndex.PruneAsync(db, ct);
        await UserAccounts.EnsureRolesAsync(db, ct);
        await CatalogColumns.BackfillAsync(db, ct);
        EnsureDataProtectionKey(scope.ServiceProvider);
        if (seedDemo && !await db.Cards.AnyAsync(ct))
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(ct);
        }
    }

    /// <summary>With <see cref="RegistryOptions.MigrateOnStart"/> off: refuses to serve on a schema the code does not expect.</summary>
    public static async Task RequireCurrentSchemaAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database schema is behind this version ({pending.Count} migration(s) pending: {string.Join(", ", pending)}) and " +
                "Registry:MigrateOnStart is false. Run the 'migrate' command first, or set Registry:MigrateOnStart to true.");
        }
    }

    /// <summary>
    /// The first key ring key is made here, under the start-up lock, so that nodes started at once on an empty database
    /// share one key (each would otherwise make its own, and a cookie made by one would not open on the other until it
    /// reloads its key ring). Later keys are made by data protection itself, days before they are used.
    /// </summary>
    private static void EnsureDataProtectionKey(IServiceProvider services)
    {
        if (services.GetService<IKeyManager>() is not { } keys)
        {
            return;
        }

        var now = TimeProvider.System.GetUtcNow(); // data protection reads the system clock, not the app's TimeProvider
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
        {
            keys.CreateNewKey(now, now.AddDays(90));
        }
    }
}
