using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Catalog;

/// <summary>آ and ا are one letter to search, for new cards and for cards stored before the rule (migration
/// 20261130140001_FoldAlefMadda recomputes their search words), on both databases.</summary>
public sealed class AlefFoldingTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<List<string>> FindAsync(string q)
    {
        var list = await _app.CreateBrowserlessClient().GetFromJsonAsync<JsonElement>("/api/v1/services?q=" + Uri.EscapeDataString(q));
        return list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();
    }

    [Fact]
    public async Task Search_WithoutMadda_FindsTitleWithMadda()
    {
        // Arrange
        await _app.SeedAsync(new CardBuilder().Titled("آموزش رانندگی").Published("30000000001"));

        // Act + Assert
        Assert.Equal(["آموزش رانندگی"], await FindAsync("اموزش"));
        Assert.Equal(["آموزش رانندگی"], await FindAsync("آموزش"));
    }

    [Fact]
    public async Task Migration_RecomputesSearchWordsStoredBeforeTheRule()
    {
        // Arrange: a card whose search words were stored the old way (آ kept), the fold migration not yet run (taken
        // out of the history rather than migrated down: later migrations need not be reversible on SQLite)
        var id = (await _app.SeedAsync(new CardBuilder().Titled("آزمون آنلاین").Published("30000000002")))[0].Id;
        await _app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261130140001_FoldAlefMadda'""");
            return await db.Cards.Where(c => c.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.TitleKey, "آزمون آنلاین").SetProperty(c => c.SearchText, "آزمون آنلاین"));
        });

        // Act
        await _app.WithDbAsync(async db =>
        {
            await db.GetService<IMigrator>().MigrateAsync();
            return 0;
        });

        // Assert
        var stored = await _app.WithDbAsync(db => db.Cards.Where(c => c.Id == id).Select(c => c.TitleKey + "|" + c.SearchText).SingleAsync());
        Assert.Equal("ازمون انلاین|ازمون انلاین", stored);
        Assert.Equal(["آزمون آنلاین"], await FindAsync("انلاین"));
    }
}
