using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Seeding;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Data;

/// <summary>The storage behaves the same on SQLite and PostgreSQL (the suite runs on both).</summary>
public sealed class DatabaseTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();

    public async ValueTask InitializeAsync() => await _app.CreateBrowserlessClient().GetAsync("/healthz");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Provider_IsTheOneTheTestRunAskedFor()
    {
        var provider = await _app.WithDbAsync(db => Task.FromResult(db.Database.ProviderName));
        Assert.Equal(TestDatabase.IsPostgres ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", provider);
    }

    [Fact]
    public async Task Migrations_CreateEveryTableAndColumnOfTheModel()
    {
        // Arrange: the hand-written migrations have run at start-up, on an empty database (not the suite's template)
        await using var app = new RegistryApp { MigrateFromEmpty = true };
        await app.CreateBrowserlessClient().GetAsync("/healthz");
        var missing = await app.WithDbAsync(async db =>
        {
            var result = new List<string>();
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            foreach (var entity in db.Model.GetEntityTypes())
            {
                var table = entity.GetTableName()!;
                var columns = await ColumnsAsync(conn, table, db.Database.IsNpgsql());
                foreach (var property in entity.GetProperties())
                {
                    var column = property.GetColumnName();
                    if (!columns.Contains(column))
                    {
                        result.Add($"{table}.{column}");
                    }
                }
            }

            return result;
        });

        // Assert
        Assert.Empty(missing);
        Assert.Empty(await app.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList()));
    }

    [Fact]
    public async Task StartUp_OnACopyOfTheMigratedTemplate_StillCreatesRolesAndSeedsTheDemoCards()
    {
        // Arrange: an app on a copy of the suite's template (migrated, nothing else in it)
        await using var app = new RegistryApp { SeedDemoData = true };

        // Act
        var health = await app.CreateBrowserlessClient().GetAsync("/healthz");

        // Assert: the start-up's own work ran on the copy
        Assert.True(health.IsSuccessStatusCode);
        var roles = await app.WithDbAsync(db => db.Roles.Select(r => r.Name!).ToListAsync());
        Assert.Equal(Roles.All.Order(StringComparer.Ordinal), roles.Order(StringComparer.Ordinal));
        Assert.Equal(DemoData.Cards().Count(), await app.WithDbAsync(db => db.Cards.CountAsync()));
        var catalog = await app.CreateBrowserlessClient().GetStringAsync("/api/v1/services");
        var services = DemoData.Cards().Count(c => DemoData.TemplateOf(c.Name) is null); // an instance is listed with its template
        Assert.Contains("\"total\":" + services, catalog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAndLoad_FullDemoCard_KeepsEveryFieldAndPersianText()
    {
        // Arrange
        var content = CardJson.Read(DemoData.Cards().Single(c => c.Name == "residence-documents").Json).Content!;
        var expected = CardJson.Serialize(content);
        var card = (await _app.SeedAsync(new CardBuilder().With(c => Copy(content, c)))).Single();

        // Act
        var loaded = await _app.WithDbAsync(db => db.Cards.AsNoTracking().SingleAsync(c => c.Id == card.Id));

        // Assert
        Assert.Equal(expected, CardJson.Serialize(loaded.Content));
        Assert.Equal("صدور مجوز، تمدید و تعویض مدارک اقامتی", loaded.Title);
        Assert.Contains("مدارک اقامتی", loaded.SearchText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_StaleVersion_IsRefusedNotOverwritten()
    {
        // Arrange: two people open the same card
        var card = (await _app.SeedAsync(new CardBuilder().Titled("نسخه اول"))).Single();
        await using var scope1 = _app.Services.CreateAsyncScope();
        await using var scope2 = _app.Services.CreateAsyncScope();
        var db1 = scope1.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var db2 = scope2.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var first = await db1.Cards.SingleAsync(c => c.Id == card.Id);
        var second = await db2.Cards.SingleAsync(c => c.Id == card.Id);

        // Act: the first saves; the second saves the copy it read before
        first.Update(new CardContent { Title = "ویرایش نفر اول" }, _app.Clock.GetUtcNow());
        await db1.SaveChangesAsync();
        second.Update(new CardContent { Title = "ویرایش نفر دوم" }, _app.Clock.GetUtcNow());

        // Assert
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());
        var stored = await _app.WithDbAsync(db => db.Cards.AsNoTracking().SingleAsync(c => c.Id == card.Id));
        Assert.Equal("ویرایش نفر اول", stored.Title);
    }

    [Fact]
    public async Task ServiceId_IsUniqueAcrossCards()
    {
        await _app.SeedAsync(new CardBuilder().Titled("الف").Published("10000000001"));
        await Assert.ThrowsAsync<DbUpdateException>(() => _app.SeedAsync(new CardBuilder().Titled("ب").Published("10000000001")));
    }

    private static void Copy(CardContent from, CardContent to)
    {
        var clone = CardJson.Clone(from);
        foreach (var property in typeof(CardContent).GetProperties())
        {
            property.SetValue(to, property.GetValue(clone));
        }
    }

    private static async Task<HashSet<string>> ColumnsAsync(DbConnection conn, string table, bool postgres)
    {
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = postgres
            ? $"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}'"
            : $"SELECT name FROM pragma_table_info('{table}')";
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }
}
