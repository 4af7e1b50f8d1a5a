using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ServiceRegistry.Core.Data;

/// <summary>
/// Held while a process migrates the database, creates the roles and seeds the demo data, so that several nodes
/// started at once do each of these once. PostgreSQL: a session-level advisory lock on a connection of its own (the
/// server lets it go if the process dies). SQLite: an exclusive lock on a file beside the database (the operating
/// system lets it go if the process dies). Whoever holds it knows that no live process is migrating, so a row left
/// in EF's <c>__EFMigrationsLock</c> table by a process killed mid-migration is stale and is removed (with a log line);
/// without that, EF would wait for it forever.
/// </summary>
internal sealed partial class StartupLock : IAsyncDisposable
{
    /// <summary>The advisory lock's key, the same on every node ("SRSTARTU" as ASCII).</summary>
    internal const long PostgresKey = 0x5352_5354_4152_5455;

    private static readonly TimeSpan RetryEvery = TimeSpan.FromMilliseconds(250);

    private readonly NpgsqlConnection? _connection;
    private readonly FileStream? _file;

    private StartupLock(NpgsqlConnection? connection, FileStream? file)
    {
        _connection = connection;
        _file = file;
    }

    public static async Task<StartupLock> AcquireAsync(RegistryDbContext db, ILogger log, CancellationToken ct)
    {
        var connectionString = db.Database.GetConnectionString() ?? "";
        if (db.Database.IsNpgsql())
        {
            return new StartupLock(await LockPostgresAsync(connectionString, log, ct), null);
        }

        var file = await LockFileAsync(new SqliteConnectionStringBuilder(connectionString), log, ct);
        await RemoveStaleMigrationLockAsync(db, log, ct);
        return new StartupLock(null, file);
    }

    private static async Task<NpgsqlConnection> LockPostgresAsync(string connectionString, ILogger log, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var tryLock = new NpgsqlCommand($"SELECT pg_try_advisory_lock({PostgresKey})", connection);
            if (await tryLock.ExecuteScalarAsync(ct) is not true)
            {
                LogWaiting(log);
                await using var wait = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgresKey})", connection) { CommandTimeout = 0 };
                await wait.ExecuteNonQueryAsync(ct);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>An in-memory database has no file and no other process: nothing to lock.</summary>
    private static async Task<FileStream?> LockFileAsync(SqliteConnectionStringBuilder sqlite, ILogger log, CancellationToken ct)
    {
        if (sqlite.Mode == SqliteOpenMode.Memory || sqlite.DataSource is "" or ":memory:")
        {
            return null;
        }

        var path = Path.GetFullPath(sqlite.DataSource) + ".startup-lock";
        var waiting = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                if (!waiting)
                {
                    LogWaiting(log);
                    waiting = true;
                }

                await Task.Delay(RetryEvery, ct);
            }
        }
    }

    private static async Task RemoveStaleMigrationLockAsync(RegistryDbContext db, ILogger log, CancellationToken ct)
    {
        var exists = await db.Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .ToListAsync(ct);
        if (exists.Single() == 0)
        {
            return;
        }

        var removed = await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"", ct);
        if (removed > 0)
        {
            LogStaleLockRemoved(log);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            // A pooled connection keeps its session (and a session-level lock) when closed: unlock first.
            try
            {
                await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({PostgresKey})", _connection);
                await unlock.ExecuteNonQueryAsync();
            }
            finally
            {
                await _connection.DisposeAsync();
            }
        }

        if (_file is not null)
        {
            await _file.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Start-up: another process is migrating or seeding this database; waiting for it to finish")]
    private static partial void LogWaiting(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Start-up: removed a stale SQLite migration lock (a row in __EFMigrationsLock left by a process that stopped while migrating); migrations run again now")]
    private static partial void LogStaleLockRemoved(ILogger logger);
}
