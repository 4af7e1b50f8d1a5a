using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using ServiceRegistry.Core;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Core.Seeding;

namespace ServiceRegistry.Benchmarks;

/// <summary>
/// Bulk entry by spreadsheet end to end, on a fresh database: N rows (the five demo cards with numbered titles, every
/// part sheet filled) written as a workbook, read back (<see cref="ExcelImport"/>) and stored as drafts
/// (<see cref="SpreadsheetEntry"/>); with <c>--per-row</c> the same rows are stored one save per row, as before batches.
/// <c>spreadsheet N [--postgres "Host=…;Database=postgres"] [--per-row]</c>.
/// </summary>
public static class SpreadsheetEntryRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args.Length > 1 && int.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 5_000;
        var postgresIndex = Array.IndexOf(args, "--postgres");
        var admin = postgresIndex > 0 && postgresIndex + 1 < args.Length ? args[postgresIndex + 1] : null;
        var perRow = args.Contains("--per-row");

        string? postgres = null;
        var database = $"sr_bench_{Guid.NewGuid():N}";
        if (admin is not null)
        {
            await ExecuteAsync(admin, $"CREATE DATABASE {database}");
            postgres = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
        }

        var dataDirectory = Directory.CreateTempSubdirectory("sr-bench-").FullName;
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Registry:DataDirectory"] = dataDirectory,
                ["Registry:SeedDemoData"] = "false",
                ["ConnectionStrings:Registry"] = postgres ?? "",
            });
            builder.Logging.SetMinimumLevel(LogLevel.Warning); // a line per SQL command would be measured too
            builder.AddRegistryCore();
            using var host = builder.Build();
            await host.Services.InitializeRegistryAsync(seedDemo: false);

            var workbook = await WorkbookAsync(rows);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var read = Stopwatch.StartNew();
            var imported = ExcelImport.Read(workbook);
            read.Stop();
            var readCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

            await using var scope = host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var workflow = scope.ServiceProvider.GetRequiredService<CardWorkflow>();
            var agency = new Agency("اداره کل سنجش ورود انبوه", "تهران");
            var warmUp = new Agency("اداره کل گرم کردن", "تهران");
            db.Agencies.AddRange(agency, warmUp);
            await db.SaveChangesAsync();

            // Warm-up (not timed): the first batch compiles EF's insert path; a long import pays that once
            await SpreadsheetEntry.SaveDraftsAsync(workflow, db, Actor.System, warmUp, ExcelImport.Read(await WorkbookAsync(100)), default);
            await workflow.CreateDraftAsync(warmUp, imported[0].Content!, Actor.System, AuditActions.Imported);
            db.ChangeTracker.Clear();

            // The cards alone (content, derived columns, first version, audit entry), no database: what storing costs beyond EF
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            foreach (var row in imported)
            {
                ServiceCard.NewDraft(1, CardJson.Clone(row.Content!), DateTimeOffset.UtcNow).RecordCreated(Actor.System, DateTimeOffset.UtcNow);
            }

            var buildCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var save = Stopwatch.StartNew();
            var stored = 0;
            if (perRow)
            {
                foreach (var row in imported)
                {
                    stored += (await workflow.CreateDraftAsync(agency, row.Content!, Actor.System, AuditActions.Imported)).Ok ? 1 : 0;
                    db.ChangeTracker.Clear();
                }
            }
            else
            {
                stored = (await SpreadsheetEntry.SaveDraftsAsync(workflow, db, Actor.System, agency, imported, default)).Count(r => r.Id is not null);
            }

            save.Stop();
            var saveCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var total = read.Elapsed + save.Elapsed;
            Console.WriteLine(
                $"{(postgres is null ? "SQLite" : "PostgreSQL")}, {(perRow ? "one save per row" : "batches of " + CardWorkflow.DraftBatchSize)}: " +
                $"{rows} rows ({workbook.Length / 1024} KB): read in {read.Elapsed.TotalSeconds:F2} s ({readCpu.TotalSeconds:F2} s CPU), " +
                $"cards built without a database in {buildCpu.TotalSeconds:F2} s CPU, stored {stored} in {save.Elapsed.TotalSeconds:F2} s ({saveCpu.TotalSeconds:F2} s CPU of this process): " +
                $"{stored / save.Elapsed.TotalSeconds:F0} rows/s stored, {stored / total.TotalSeconds:F0} rows/s read and stored");
            return stored == rows ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
            if (admin is not null)
            {
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }
        }
    }

    /// <summary>A workbook of <paramref name="rows"/> services in the export's layout.</summary>
    private static async Task<byte[]> WorkbookAsync(int rows)
    {
        var demo = DemoData.Cards().Select(c => c.Json).ToList();
        var id = typeof(ServiceCard).GetProperty(nameof(ServiceCard.Id))!;

        async IAsyncEnumerable<ServiceCard> Cards()
        {
            for (var i = 0; i < rows; i++)
            {
                var content = CardJson.Read(demo[i % demo.Count]).Content!;
                content.Title = $"{content.Title} {i + 1}";
                content.ServiceId = null;
                var card = ServiceCard.FromFile(1, content, CardStatus.Draft, DateTimeOffset.UnixEpoch);
                id.SetValue(card, i + 1); // the workbook's row key
                yield return card;
            }

            await Task.CompletedTask;
        }

        using var file = new MemoryStream();
        await ExcelExport.WriteAsync(Cards(), file);
        return file.ToArray();
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        await command.ExecuteNonQueryAsync();
    }
}
