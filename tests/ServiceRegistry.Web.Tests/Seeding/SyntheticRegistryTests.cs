using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Seeding;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Seeding;

/// <summary>The bulk loader (`seed --synthetic`) on each database: the loaded cards are searchable and counted by the
/// catalog, including by a catalog index that was loaded before the bulk load (its "reload everything" entry).</summary>
public sealed class SyntheticRegistryTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new() { SeedDemoData = true };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Generate_AfterTheCatalogWasRead_ListsAndFindsEveryPublishedCard()
    {
        // Arrange: the catalog index holds the five demo cards
        var client = _app.CreateBrowserlessClient();
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/services", Ct);
        Assert.Equal(7, before.GetProperty("total").GetInt32());

        // Act
        long written;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            written = await ActivatorUtilities.CreateInstance<SyntheticRegistry>(scope.ServiceProvider).GenerateAsync(300, seed: 5, ct: Ct);
        }

        // Assert
        Assert.Equal(300, written);
        var published = await _app.WithDbAsync(db => db.Cards.CountAsync(c => c.Status == CardStatus.Published, Ct));
        var withWord = await _app.WithDbAsync(db => db.Cards.CountAsync(c => c.Status == CardStatus.Published && c.TitleKey.Contains("پروانه"), Ct));
        Assert.True(withWord > 0);
        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/services", Ct);
        Assert.Equal(published, all.GetProperty("total").GetInt32());
        var found = await client.GetAsync("/api/v1/services?pageSize=100&q=" + Uri.EscapeDataString("پروانه"), Ct);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var list = await found.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(list.GetProperty("total").GetInt32() >= withWord, "every published card with the word in its title is found");
        var first = list.GetProperty("items").EnumerateArray().First().GetProperty("title").GetString()!;
        Assert.Contains("پروانه", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebApp_Services_DoNotHoldTheBulkLoader()
    {
        // Arrange
        await _app.CreateBrowserlessClient().GetAsync("/healthz", Ct);
        await using var scope = _app.Services.CreateAsyncScope();

        // Act
        var loader = scope.ServiceProvider.GetService<SyntheticRegistry>();
        var demo = scope.ServiceProvider.GetService<DemoData>();

        // Assert: only the seed command makes one; the start-up's demo seeding is still there
        Assert.Null(loader);
        Assert.NotNull(demo);
    }
}
