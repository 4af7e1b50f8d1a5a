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
        Assert.Equal(5, before.GetProperty("total").GetInt32()); // the residence template stands for its two instances

        // Act
        long written;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            written = await ActivatorUtilities.CreateInstance<SyntheticRegistry>(scope.ServiceProvider).GenerateAsync(300, seed: 5, ct: Ct);
        }

        // Assert
        Assert.Equal(300, written);
        var published = await _app.WithDbAsync(db => db.Cards.CountAsync(c => c.Status == CardStatus.Published, Ct));
        var withWord = await _app.WithDbAsync(db => db.Cards.Where(c => c.Status == CardStatus.Published && c.TitleKey.Contains("پروانه"))
            .Select(c => c.TemplateId ?? c.Id).Distinct().CountAsync(Ct)); // services: a template and its instances are one
        Assert.True(withWord > 0);
        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/services", Ct);
        var services = await _app.WithDbAsync(async db =>
            await db.Cards.CountAsync(c => c.Status == CardStatus.Published && c.TemplateId == null && !c.IsTemplate, Ct)
            + await db.Cards.Where(c => c.Status == CardStatus.Published && (c.TemplateId != null || c.IsTemplate))
                .Select(c => c.TemplateId ?? c.Id).Distinct().CountAsync(Ct));
        Assert.True(services < published, "a national template and its instances are one service");
        Assert.Equal(services, all.GetProperty("total").GetInt32());
        var found = await client.GetAsync("/api/v1/services?pageSize=100&q=" + Uri.EscapeDataString("پروانه"), Ct);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var list = await found.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(list.GetProperty("total").GetInt32() >= withWord, "every published service with the word in its title is found");
        var first = list.GetProperty("items").EnumerateArray().First().GetProperty("title").GetString()!;
        Assert.Contains("پروانه", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_MakesMostCardsInstancesOfAFewTemplates_AcrossProvinces()
    {
        // Arrange
        await _app.CreateBrowserlessClient().GetAsync("/healthz", Ct);
        var demo = await _app.WithDbAsync(db => db.Cards.MaxAsync(c => c.Id, Ct));

        // Act
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<SyntheticRegistry>(scope.ServiceProvider).GenerateAsync(2000, seed: 3, ct: Ct);
        }

        // Assert: 2 % templates (published, of a national body), most other cards their instances, over many provinces
        var synthetic = await _app.WithDbAsync(db => db.Cards.Where(c => c.Id > demo).Select(c => new { c.Id, c.IsTemplate, c.TemplateId, c.Province, c.Status, c.Title, c.OverriddenParts }).ToListAsync(Ct));
        var templates = synthetic.Where(c => c.IsTemplate).ToList();
        Assert.Equal(40, templates.Count);
        Assert.All(templates, t => Assert.Equal(CardStatus.Published, t.Status));
        Assert.All(templates, t => Assert.Null(t.Province));
        var instances = synthetic.Where(c => c.TemplateId != null).ToList();
        Assert.InRange(instances.Count, 2000 * 50 / 100, 2000 * 70 / 100);
        var ids = templates.Select(t => t.Id).ToHashSet();
        Assert.All(instances, i => Assert.Contains(i.TemplateId!.Value, ids));
        Assert.All(instances, i => Assert.NotNull(i.Province));
        var titles = templates.ToDictionary(t => t.Id, t => t.Title);
        Assert.All(instances, i => Assert.Equal(titles[i.TemplateId!.Value], i.Title)); // the title is inherited
        var provinces = instances.Where(i => i.Status == CardStatus.Published).GroupBy(i => i.TemplateId).Select(g => g.Select(i => i.Province).Distinct().Count()).ToList();
        Assert.InRange(provinces.Average(), 10, 31);
        Assert.Contains(instances, i => i.OverriddenParts == "requiredDocuments");
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
