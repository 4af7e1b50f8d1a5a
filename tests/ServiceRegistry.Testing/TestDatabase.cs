using Npgsql;

namespace ServiceRegistry.Testing;

/// <summary>
/// Which database the integration tests run on. The README's test command runs the suite twice: on SQLite,
/// and with REGISTRY_TEST_POSTGRES set to a server it started. When that variable is set, every test runs
/// on PostgreSQL (a fresh database per app instance) and fails if the server does not answer: never a silent skip.
/// </summary>
public static class TestDatabase
{
    public static string? PostgresServer => Environment.GetEnvironmentVariable("REGISTRY_TEST_POSTGRES") is { Length: > 0 } s ? s : null;

    public static bool IsPostgres => PostgresServer is not null;

    /// <summary>Creates an empty PostgreSQL database and returns its connection string.</summary>
    public static string CreatePostgresDatabase()
    {
        var name = "sr_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var conn = new NpgsqlConnection(PostgresServer))
        {
            conn.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            cmd.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, Pooling = false }.ConnectionString;
    }

    public static void DropPostgresDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using var conn = new NpgsqlConnection(PostgresServer);
        conn.Open();
        using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        cmd.ExecuteNonQuery();
    }
}
