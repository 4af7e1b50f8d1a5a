using AngleSharp;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Testing;

/// <summary>
/// The web app in-process, on its own database (a SQLite file in a temp folder, or a PostgreSQL database when
/// <see cref="TestDatabase.IsPostgres"/>). The database is a copy of one migrated once per test run
/// (<see cref="TestDatabase"/>), unless <see cref="MigrateFromEmpty"/> or a command got it first; either way the
/// app's own start-up runs (pending migrations, roles, backfill, catalog index, demo data). Tests go through HTTP.
/// </summary>
public class RegistryApp : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("sr-test-").FullName;
    private readonly string? _postgres = TestDatabase.IsPostgres ? TestDatabase.NewPostgresConnectionString() : null;
    private readonly Lock _gate = new();
    private bool _created;

    /// <summary>Load the demo cards on start (off by default: tests seed what they need).</summary>
    public bool SeedDemoData { get; init; }

    /// <summary>Start on an empty database that the app migrates itself (for tests of the migrations).</summary>
    public bool MigrateFromEmpty { get; init; }

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 3, 21, 8, 0, 0, TimeSpan.Zero));

    /// <summary>Configuration for a command run against this app's database (same as the web host's). A command run
    /// before the web host starts finds an empty database and migrates it itself, as it would in production.</summary>
    public IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            CreateDatabase(migrated: false);
            return new Dictionary<string, string?>
            {
                ["Registry:DataDirectory"] = _dataDirectory,
                ["Registry:SeedDemoData"] = SeedDemoData ? "true" : "false",
                ["ConnectionStrings:Registry"] = _postgres ?? "",
            };
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        CreateDatabase(migrated: !MigrateFromEmpty);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // Test accounts sign in hundreds of times a run; the production cost of a hash (100,000 rounds) buys nothing here.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        });
    }

    /// <summary>Makes this app's database once: a copy of the migrated template, or empty.</summary>
    private void CreateDatabase(bool migrated)
    {
        lock (_gate)
        {
            if (_created)
            {
                return;
            }

            if (_postgres is not null)
            {
                TestDatabase.CreatePostgresDatabase(_postgres, migrated);
            }
            else if (migrated)
            {
                TestDatabase.CopySqliteTemplate(_dataDirectory);
            }

            _created = true;
        }
    }

    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Stores cards directly (test arrangement), returning them with their ids.</summary>
    public async Task<IReadOnlyList<ServiceCard>> SeedAsync(params CardBuilder[] cards)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var built = new List<ServiceCard>();
        foreach (var builder in cards)
        {
            built.Add(await builder.SaveAsync(db, Clock.GetUtcNow()));
        }

        return built;
    }

    public async Task<T> WithDbAsync<T>(Func<RegistryDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<RegistryDbContext>());
    }

    /// <summary>A card as stored now (untracked): its status and version after a request.</summary>
    public Task<ServiceCard> CardAsync(int id) => WithDbAsync(db => db.Cards.AsNoTracking().SingleAsync(c => c.Id == id));

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        if (_postgres is not null && _created)
        {
            TestDatabase.DropPostgresDatabase(_postgres);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A clock tests can move.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
