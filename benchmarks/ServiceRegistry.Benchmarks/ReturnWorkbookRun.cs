using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using ServiceRegistry.Core;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Figures;
using ServiceRegistry.Core.Seeding;

namespace ServiceRegistry.Benchmarks;

/// <summary>
/// The quarterly return workbook end to end, on a fresh database: one agency with N published services, its quarter's
/// workbook filled with every figure of every row (numbers as Excel stores them, every row submitted), read back and
/// checked (<see cref="ReturnWorkbook.Read"/>) and written all or nothing (<see cref="ReturnWorkflow.SaveWorkbookAsync"/>),
/// after an untimed warm-up of 100 rows on another agency.
/// <c>returns-workbook N [--postgres "Host=…;Database=postgres"]</c>.
/// </summary>
public static class ReturnWorkbookRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = args.Length > 1 && int.TryParse(args[1], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 5_000;
        var postgresIndex = Array.IndexOf(args, "--postgres");
        var admin = postgresIndex > 0 && postgresIndex + 1 < args.Length ? args[postgresIndex + 1] : null;
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
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddRegistryCore();
            using var host = builder.Build();
            await host.Services.InitializeRegistryAsync(seedDemo: false);

            var period = new Quarter(1404, 3);
            var (warmAgency, warmFile, warmActor) = await ArrangeAsync(host.Services, "اداره کل گرم کردن", 100, period);
            var (agency, file, actor) = await ArrangeAsync(host.Services, "اداره کل سنجش آمار فصلی", rows, period);

            await using (var scope = host.Services.CreateAsyncScope())
            {
                var workflow = scope.ServiceProvider.GetRequiredService<ReturnWorkflow>();
                var warm = ReturnWorkbook.Read(warmFile);
                await workflow.SaveWorkbookAsync(warmAgency, period, warmActor, warm.Lines);
            }

            await using var timed = host.Services.CreateAsyncScope();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var read = Stopwatch.StartNew();
            var content = ReturnWorkbook.Read(file);
            read.Stop();
            var readCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var save = Stopwatch.StartNew();
            var (written, problems) = await timed.ServiceProvider.GetRequiredService<ReturnWorkflow>().SaveWorkbookAsync(agency, period, actor, content.Lines);
            save.Stop();
            var saveCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(
                $"{(postgres is null ? "SQLite" : "PostgreSQL")}: {rows} rows ({file.Length / 1024} KB), {content.Problems.Count + problems.Count} problems: " +
                $"read and checked in {read.Elapsed.TotalSeconds:F2} s ({readCpu.TotalSeconds:F2} s CPU), written {written} in {save.Elapsed.TotalSeconds:F2} s " +
                $"({saveCpu.TotalSeconds:F2} s CPU of this process); upload total {(read.Elapsed + save.Elapsed).TotalSeconds:F2} s");
            return written == rows ? 0 : 1;
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

    /// <summary>An agency with <paramref name="rows"/> published services (the demo cards in turn) and its filled workbook.</summary>
    private static async Task<(int Agency, byte[] File, Actor Editor)> ArrangeAsync(IServiceProvider services, string name, int rows, Quarter period)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var agency = new Agency(name, "تهران");
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        var demo = DemoData.Cards().Select(c => c.Json).ToList();
        var cards = new List<ServiceCard>();
        for (var i = 0; i < rows; i++)
        {
            var content = CardJson.Read(demo[i % demo.Count]).Content!;
            content.Title = $"{content.Title} {i + 1}";
            content.ServiceId = null;
            var card = ServiceCard.FromFile(agency.Id, content, CardStatus.Published, DateTimeOffset.UtcNow);
            db.Cards.Add(card);
            cards.Add(card);
            if (cards.Count % 1000 == 0 || i == rows - 1)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        var filled = cards.Select(c => new WorkbookService(c.Id, null, c.Title, null, ReturnStatus.Submitted, Figures(c.Id))).ToList();
        using var file = new MemoryStream();
        ReturnWorkbook.Write(file, name, agency.Id, period, filled);
        var editor = new Actor(1, "کارشناس سنجش", new HashSet<string> { Core.Accounts.Roles.AgencyEditor }, agency.Id, new HashSet<int> { agency.Id }, "تهران");
        return (agency.Id, file.ToArray(), editor);
    }

    private static QuarterFigures Figures(int id)
    {
        var v = 100 + (id * 7919 % 5000);
        return new QuarterFigures
        {
            Requests = new ChannelRequests { Website = v / 2, MobileApp = v / 5, Email = 0, Sms = 0, CallCenter = 0, CounterOffice = v / 10, Post = 0, Other = 0, InPerson = v - (v / 2) - (v / 5) - (v / 10) },
            Completed = v * 9 / 10, Rejected = v / 20,
            ProcessingDays = new ProcessingDays { Average = 1 + (id % 30), P90 = 2 + (id % 30) },
            InPersonVisits = v / 3, Inquiries = new InquiryCounts { Online = v / 3, ByHand = v / 10 }, FeesCollectedRials = v * 10_000L,
            Satisfaction = new Satisfaction { SatisfiedShare = 0.5 + (id % 45 / 100.0), Answers = v / 10 }, Complaints = id % 9,
        };
    }

    private static async Task ExecuteAsync(string connection, string sql)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        await command.ExecuteNonQueryAsync();
    }
}
