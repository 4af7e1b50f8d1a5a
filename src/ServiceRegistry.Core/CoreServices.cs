using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exchange;
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
        builder.Services.AddHostedService<RegistryInitializer>();
        builder.Services.AddOptions<ImportOptions>().BindConfiguration("Imports");
        builder.Services.AddSingleton<ImportQueue>();
        builder.Services.AddHostedService<ImportWorker>(); // after the initializer: the database is migrated first
        return builder;
    }

    /// <summary>Applies pending migrations; with <paramref name="seedDemo"/>, loads the demo cards into an empty registry.</summary>
    public static async Task InitializeRegistryAsync(this IServiceProvider services, bool seedDemo, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30)); // a migration may rewrite every card of a large registry
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
        if (seedDemo && !await db.Cards.AnyAsync(ct))
        {
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(ct);
        }
    }
}
