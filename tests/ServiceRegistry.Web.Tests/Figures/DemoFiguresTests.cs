using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Figures;
using ServiceRegistry.Core.Seeding;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Figures;

/// <summary>Demo and synthetic figures (issue 18): four quarters for every demo service through the API, one level-4
/// service with a low take-up; <c>seed --synthetic</c> adds eight quarters per published card.</summary>
public sealed class DemoFiguresTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new() { SeedDemoData = true };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task DemoServices_HaveFourQuartersEach_AndOneLevelFourWithLowTakeUp()
    {
        // Arrange: the clock is 1 Farvardin 1405, so the last finished quarter is 1404-Q4
        var client = _app.CreateBrowserlessClient();
        // every published demo card (the list API shows the national template once, its instances under it)
        var ids = await _app.WithDbAsync(db => db.Cards.Where(c => c.Status == CardStatus.Published && c.RevisionOfId == null).Select(c => c.Id).ToListAsync(Ct));
        Assert.Equal(7, ids.Count);

        // Act
        var stats = new List<JsonElement>();
        var templates = new List<JsonElement>();
        foreach (var id in ids)
        {
            var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/services/{id}", Ct);
            var returns = await client.GetFromJsonAsync<JsonElement>($"/api/v1/services/{id}/statistics", Ct);
            (detail.TryGetProperty("instances", out var instances) && instances.ValueKind == JsonValueKind.Array ? templates : stats).Add(returns);
        }

        // Assert: every office's card has four quarters; the national template has none of its own (its offices report)
        Assert.Equal(6, stats.Count);
        Assert.Empty(Assert.Single(templates).GetProperty("items").EnumerateArray());
        foreach (var s in stats)
        {
            Assert.Equal(["1404-Q4", "1404-Q3", "1404-Q2", "1404-Q1"], s.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("period").GetString()));
            Assert.Equal(["submitted", "locked", "locked", "locked"], s.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()));
        }

        var gaps = stats.Where(s => s.GetProperty("declaredLevel").GetInt32() == 4
            && s.GetProperty("items")[0].GetProperty("derived").GetProperty("digitalTakeUp").GetDouble() < Derived.GapThreshold).ToList();
        Assert.Single(gaps);
        var takeUps = stats.Select(s => s.GetProperty("items")[0].GetProperty("derived").GetProperty("digitalTakeUp").GetDouble()).Distinct().ToList();
        Assert.True(takeUps.Count >= 4, "take-up varies between the demo services");
    }

    [Fact]
    public async Task Synthetic_AddsEightQuartersPerPublishedCard()
    {
        // Arrange
        await _app.CreateBrowserlessClient().GetAsync("/healthz", Ct);
        var first = await _app.WithDbAsync(db => db.Cards.MaxAsync(c => c.Id, Ct)) + 1;

        // Act
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<SyntheticRegistry>(scope.ServiceProvider).GenerateAsync(50, seed: 3, ct: Ct);
        }

        // Assert
        var (published, returns, bad, unknownByHand) = await _app.WithDbAsync(async db => (
            await db.Cards.CountAsync(c => c.Status == Core.Cards.CardStatus.Published && c.Id >= first, Ct),
            await db.QuarterlyReturns.CountAsync(r => r.CardId >= first, Ct),
            await db.QuarterlyReturns.CountAsync(r => r.CardId >= first && (r.RequestsInPerson < 0 || r.TakeUp < 0 || r.TakeUp > 1 || r.AllRequests == null), Ct),
            await db.QuarterlyReturns.CountAsync(r => r.CardId >= first && r.InquiriesByHand == null, Ct)));
        Assert.True(published > 0);
        Assert.Equal(published * SyntheticFigures.Quarters, returns);
        Assert.Equal(0, bad);
        Assert.True(unknownByHand > 0, "some synthetic figures are unknown");
        var one = await _app.WithDbAsync(db => db.QuarterlyReturns.Where(r => r.CardId >= first).OrderBy(r => r.Id).FirstAsync(Ct));
        Assert.Equal(one.Figures.TotalRequests, one.AllRequests);
        Assert.Equal(Derived.TakeUp(one.Figures, null)!.Value, one.TakeUp!.Value, 9);
    }
}
