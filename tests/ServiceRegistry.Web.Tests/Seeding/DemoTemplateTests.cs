using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Seeding;

/// <summary>The demo registry shows a national template with local instances (issue 17's "done when").</summary>
public sealed class DemoTemplateTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new() { SeedDemoData = true };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _app.CreateBrowserlessClient().GetAsync("/healthz", Ct);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task DemoData_ResidenceDocuments_IsATemplateWithPublishedInstancesInTwoProvinces_OneOverridingTheFee()
    {
        // Arrange
        var client = _app.CreateBrowserlessClient();
        var template = await _app.WithDbAsync(db => db.Cards.Where(c => c.IsTemplate).Select(c => c.Id).SingleAsync(Ct));

        // Act
        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/v1/services/{template}", Ct);
        var instances = detail.GetProperty("instances").EnumerateArray().ToList();
        var coverage = await client.GetFromJsonAsync<JsonElement>($"/api/v1/templates/{template}/coverage", Ct);

        // Assert
        Assert.Equal("صدور مجوز، تمدید و تعویض مدارک اقامتی", detail.GetProperty("card").GetProperty("title").GetString());
        Assert.Equal("وزارت کشور", detail.GetProperty("agency").GetProperty("name").GetString());
        Assert.Equal(["تهران", "لرستان"], instances.Select(i => i.GetProperty("province").GetString()).Order());
        Assert.All(instances, i => Assert.Equal("published", i.GetProperty("status").GetString()));
        var overrides = new Dictionary<string, List<string?>>();
        foreach (var instance in instances)
        {
            var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/services/{instance.GetProperty("id").GetInt32()}", Ct);
            Assert.Equal(template, card.GetProperty("template").GetProperty("id").GetInt32());
            overrides[instance.GetProperty("province").GetString()!] = card.GetProperty("overridden").EnumerateArray().Select(e => e.GetString()).ToList();
        }

        Assert.Equal(["$.fees"], overrides["تهران"]); // recipients and offices are Tehran's own, but the template gives none
        Assert.Empty(overrides["لرستان"]);
        Assert.Equal(2, coverage.GetProperty("provinces").EnumerateArray().Count(p => p.GetProperty("status").GetString() == "published"));
    }
}
