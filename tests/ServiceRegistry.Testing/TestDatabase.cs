using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using ServiceRegistry.Core;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Testing;

/// <summary>
/// Which database the integration tests run on. The README's test command runs the suite twice: on SQLite,
/// and with REGISTRY_TEST_POSTGRES set to a server it started. When that variable is set, every test runs
/// on PostgreSQL (a fresh database per app instance) and fails if the server does not answer: never a silent skip.
/// <para>
/// The migrations run once per test run, into a template: a SQLite file, or a PostgreSQL database that each app's
/// database is created from (<c>CREATE DATABASE … TEMPLATE</c>). An app's start-up then finds no pending migration
/// and does the rest of its work (roles, backfill, catalog index, demo data) on its own copy.
/// </para>
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string? PostgresServer => Environment.GetEnvironmentVariable("REGISTRY_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public static bool IsPostgres => PostgresServer is not null;

    /// <summary>A new PostgreSQL database name (the database is made by <see cref="CreatePostgresDatabase"/>). Opening a
    /// connection may wait up to a minute: the suites run side by side on two cores and, unpooled, open many.</summary>
    public static string NewPostgresConnectionString() =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "sr_test_" + Guid.NewGuid().ToString("N")[..16], Pooling = false, Timeout = 60 }.ConnectionString;

    /// <summary>Creates the database of <paramref name="connectionString"/>: empty, or a copy of the migrated template.</summary>
    public static void CreatePostgresDatabase(string connectionString, bool migrated)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        var template = migrated ? $" TEMPLATE \"{new NpgsqlConnectionStringBuilder(Template.Value).Database}\"" : "";
        Execute($"CREATE DATABASE \"{name}\"{template}");
    }

    public static void DropPostgresDatabase(string connectionString) =>
        Execute($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(connectionString).Database}\" WITH (FORCE)");

    /// <summary>Puts a copy of the migrated template SQLite database into <paramref name="dataDirectory"/>.</summary>
    public static void CopySqliteTemplate(string dataDirectory)
    {
        foreach (var file in Directory.GetFiles(Template.Value))
        {
            File.Copy(file, Path.Combine(dataDirectory, Path.GetFileName(file)));
        }
    }

    /// <summary>Migrates an empty database with the app's own database settings (<see cref="CoreServices.AddRegistryCore"/>):
    /// a SQLite data directory, or a PostgreSQL database dropped when the test process ends.</summary>
    private static string CreateTemplate()
    {
        var postgres = IsPostgres ? NewPostgresConnectionString() : null;
        var directory = Directory.CreateTempSubdirectory("sr-template-").FullName;
        if (postgres is not null)
        {
            CreatePostgresDatabase(postgres, migrated: false);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (postgres is not null)
            {
                DropPostgresDatabase(postgres);
            }

            Directory.Delete(directory, recursive: true);
        };

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Registry:DataDirectory"] = directory,
            ["ConnectionStrings:Registry"] = postgres ?? "",
        });
        builder.AddRegistryCore();
        using (var host = builder.Build())
        using (var scope = host.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.Migrate();
        }

        // Every connection closed, so the SQLite file is complete on its own and PostgreSQL lets the template be copied.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return postgres ?? directory;
    }

    private static void Execute(string sql)
    {
        using var conn = new NpgsqlConnection(PostgresServer);
        conn.Open();
        using var cmd = new NpgsqlCommand(sql, conn);
        cmd.ExecuteNonQuery();
    }
}
