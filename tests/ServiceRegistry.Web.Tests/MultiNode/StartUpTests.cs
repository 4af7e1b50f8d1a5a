using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.MultiNode;

/// <summary>Start-up on a shared database: the migrate command, migrate-on-start turned off, a stale SQLite migration lock.</summary>
public sealed class StartUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_WithMigrateOnStartOffOnAnEmptyDatabase_RefusesAndNamesTheMigrateCommand()
    {
        // Arrange
        await using var app = new RegistryApp { MigrateFromEmpty = true }; // not the test run's migrated template
        await using var node = app.AnotherNode("node-a", ("Registry:MigrateOnStart", "false"));

        // Act
        var error = Record.Exception(() => node.CreateClient());

        // Assert
        Assert.NotNull(error);
        Assert.Contains("'migrate' command", error.GetBaseException().Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateCommand_BeforeNodesStartWithMigrateOnStartOff_TheyServe()
    {
        // Arrange
        await using var app = new RegistryApp { MigrateFromEmpty = true }; // not the test run's migrated template
        await using var node = app.AnotherNode("node-a", ("Registry:MigrateOnStart", "false"));

        // Act
        var migrated = await RegistryCommand.RunAsync(app.Settings, "migrate");
        var health = await node.CreateClient().GetAsync("/healthz", Ct);

        // Assert
        Assert.True(migrated.ExitCode == 0, migrated.Error);
        Assert.Contains("up to date", migrated.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Cards.CountAsync(Ct)));
    }

    [Fact]
    public async Task Start_AfterAProcessWasKilledMidMigrationOnSqlite_RemovesTheStaleLockAndSaysSo()
    {
        // Arrange: what a process killed during its first migration leaves (EF takes its lock with this statement and
        // deletes the row when done; a killed process never does). SQLite only, on either test run.
        await using var app = new RegistryApp();
        var file = Path.Combine(app.Settings["Registry:DataDirectory"]!, "registry.db");
        await using (var killed = new SqliteConnection($"Data Source={file};Pooling=false"))
        {
            await killed.OpenAsync(Ct);
            await using var command = killed.CreateCommand();
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
                INSERT OR IGNORE INTO "__EFMigrationsLock"("Id", "Timestamp") VALUES(1, '2026-11-30 10:00:00.0000000+00:00');
                """;
            await command.ExecuteNonQueryAsync(Ct);
        }

        var logs = new LogCollector();
        await using var node = app.WithWebHostBuilder(b => b
            .UseSetting("ConnectionStrings:Registry", "")
            .ConfigureLogging(l => l.AddProvider(logs)));

        // Act: before the fix this start waited for the lock forever
        var client = await Task.Run(node.CreateClient, Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var health = await client.GetAsync("/healthz", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(logs.Messages, m => m.Contains("removed a stale SQLite migration lock", StringComparison.Ordinal));
    }
}

/// <summary>Keeps every log message of a host (tests assert what an operator would read).</summary>
internal sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new Collector(_messages);

    public void Dispose()
    {
    }

    private sealed class Collector(ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));
    }
}
