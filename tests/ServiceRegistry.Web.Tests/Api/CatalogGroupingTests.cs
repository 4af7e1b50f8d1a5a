using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Api;

/// <summary>
/// The public catalog lists a national template and its instances once ("offered in N provinces"), and its facet
/// counts count each national service once, on SQLite and PostgreSQL. The registry here, worked by hand:
/// <list type="bullet">
/// <item>template T (national body, no province; G2C), published instances in Lorestan and Tehran (G2C) and Fars
/// (overrides the service type: G2B), a draft instance in Isfahan;</item>
/// <item>two standalone published services of one Tehran agency: S1 (G2C) and S2 (G2B).</item>
/// </list>
/// Published: 6 cards, 3 services (T's group, S1, S2).
/// </summary>
public sealed class CatalogGroupingTests : IAsyncLifetime
{
    private const string Ministry = "وزارت نمونه گروه";
    private const string Standalone = "اداره کل مستقل تهران";
    private readonly RegistryApp _app = new();
    private HttpClient _public = null!;
    private int _template;
    private int _tehran;
    private int _fars;
    private int _s1;
    private int _s2;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _app.AgencyAsync(Ministry, null);
        _public = _app.CreateBrowserlessClient();
        _template = (await _app.SeedAsync(new CardBuilder().Titled("صدور مدارک اقامتی اتباع").OfAgency(Ministry).AsTemplate().Published()))[0].Id;
        var cards = await _app.SeedAsync(
            new CardBuilder().OfAgency("استانداری نمونه لرستان", "لرستان").InstanceOf(_template).Published(),
            new CardBuilder().OfAgency("استانداری نمونه تهران", "تهران").InstanceOf(_template).Published(),
            new CardBuilder().OfAgency("استانداری نمونه فارس", "فارس").With(c => c.ServiceTypes = [ServiceType.G2B]).InstanceOf(_template, "serviceTypes").Published(),
            new CardBuilder().OfAgency("استانداری نمونه اصفهان", "اصفهان").InstanceOf(_template),
            new CardBuilder().Titled("صدور پروانه کسب").OfAgency(Standalone, "تهران").Published(),
            new CardBuilder().Titled("ثبت شرکت").OfAgency(Standalone, "تهران").With(c => c.ServiceTypes = [ServiceType.G2B]).Published());
        (_tehran, _fars, _s1, _s2) = (cards[1].Id, cards[2].Id, cards[4].Id, cards[5].Id);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<JsonElement> ListAsync(string query)
    {
        var response = await _public.GetAsync("/api/v1/services?pageSize=100" + query, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static Dictionary<string, long> Counts(JsonElement list, string facet) =>
        list.GetProperty("facets").GetProperty(facet).EnumerateArray()
            .ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt64());

    private static List<int> Ids(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();

    [Fact]
    public async Task List_NationalServiceOnce_WithTheProvincesThatOfferItAndItsCoverage()
    {
        // Act
        var list = await ListAsync("&sort=title");

        // Assert: three services, the template standing for its three published instances
        Assert.Equal(3, list.GetProperty("total").GetInt64());
        Assert.Equal([_s2, _template, _s1], Ids(list)); // by title (code point order): ثبت…، صدور مدارک…، صدور پروانه…
        var national = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == _template);
        Assert.Equal(_template, national.GetProperty("templateId").GetInt32());
        Assert.Equal(3, national.GetProperty("offeredIn").GetInt32()); // Lorestan, Tehran, Fars (Isfahan's is a draft)
        Assert.Equal($"/api/v1/templates/{_template}/coverage", national.GetProperty("coverage").GetString());
        var standalone = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == _s1);
        Assert.Equal(JsonValueKind.Null, standalone.GetProperty("templateId").ValueKind);
        Assert.Equal(0, standalone.GetProperty("offeredIn").GetInt32());
    }

    [Fact]
    public async Task Facets_CountEachNationalServiceOnce_HandWorked()
    {
        // Act
        var all = await ListAsync("");
        var inTehran = await ListAsync("&province=" + Uri.EscapeDataString("تهران"));
        var business = await ListAsync("&type=G2B");

        // Assert: no filter. G2C: T's group (T, Lorestan, Tehran) + S1; G2B: T's group (Fars) + S2.
        Assert.Equal(new Dictionary<string, long> { ["G2C"] = 2, ["G2B"] = 2 }, Counts(all, "type").Where(c => c.Value > 0).ToDictionary());
        // provinces: Tehran = T's group (its Tehran instance) + S1 + S2; Lorestan and Fars = T's group; Isfahan's draft is not public
        var provinces = Counts(all, "province").Where(c => c.Value > 0).ToDictionary();
        Assert.Equal(3, provinces["تهران"]);
        Assert.Equal(1, provinces["لرستان"]);
        Assert.Equal(1, provinces["فارس"]);
        Assert.False(provinces.ContainsKey("اصفهان"));

        // Tehran: T's group through its Tehran instance (which stands for it: the template has no province), S1, S2
        Assert.Equal(3, inTehran.GetProperty("total").GetInt64());
        Assert.Equal([_tehran, _s1, _s2], Ids(inTehran).Order());
        Assert.Equal(new Dictionary<string, long> { ["G2C"] = 2, ["G2B"] = 1 }, Counts(inTehran, "type").Where(c => c.Value > 0).ToDictionary());

        // G2B: Fars's instance (for T's group) and S2
        Assert.Equal(2, business.GetProperty("total").GetInt64());
        Assert.Equal([_fars, _s2], Ids(business).Order());
        Assert.Equal(new Dictionary<string, long> { ["فارس"] = 1, ["تهران"] = 1 }, Counts(business, "province").Where(c => c.Value > 0).ToDictionary());
    }

    [Fact]
    public async Task Facets_EachValuesCount_IsTheTotalWhenItIsSelected()
    {
        // Arrange
        var all = await ListAsync("");

        // Act / Assert: selecting any value gives exactly the count the facet showed for it
        foreach (var facet in new[] { "type", "province", "agency", "level", "nature", "maturity", "free" })
        {
            foreach (var (value, count) in Counts(all, facet).Where(c => c.Value > 0))
            {
                var selected = await ListAsync($"&{facet}={Uri.EscapeDataString(value)}");
                Assert.True(count == selected.GetProperty("total").GetInt64(), $"{facet}={value}: facet {count}, list {selected.GetProperty("total")}");
            }
        }
    }

    [Fact]
    public async Task CatalogPage_ListsTheNationalServiceOnce_LinkingToWhereItsInstancesAre()
    {
        // Act
        var page = await RegistryApp.ParseAsync(await _public.GetAsync("/", Ct));

        // Assert
        var rows = page.QuerySelectorAll("table.service-list tbody tr");
        Assert.Equal(3, rows.Length);
        Assert.Equal("۳ خدمت", page.QuerySelector(".result-count")!.ChildNodes[0].TextContent.Trim());
        var national = rows.Single(r => r.TextContent.Contains("صدور مدارک اقامتی اتباع", StringComparison.Ordinal));
        var offered = national.QuerySelector("a.offered-in")!;
        Assert.Equal("ارائه در ۳ استان", offered.TextContent.Trim());
        Assert.Equal($"/services/{_template}#where-to-go", offered.GetAttribute("href"));
        Assert.Null(rows.Single(r => r.TextContent.Contains("ثبت شرکت", StringComparison.Ordinal)).QuerySelector("a.offered-in"));
    }

    [Fact]
    public async Task TemplatePage_ListsThePublishedInstanceOfEachProvince_WhereTheCatalogLinks()
    {
        // Act
        var page = await RegistryApp.ParseAsync(await _public.GetAsync($"/services/{_template}", Ct));

        // Assert: the catalog's "offered in" link lands here; the draft instance of Isfahan is not public
        var section = page.QuerySelector("section#where-to-go.offered-in-provinces")!;
        Assert.Equal("ارائه در ۳ استان", section.QuerySelector("h2")!.TextContent.Trim());
        var links = section.QuerySelectorAll("a").ToDictionary(a => a.TextContent.Trim(), a => a.GetAttribute("href"));
        Assert.Equal(["تهران", "فارس", "لرستان"], links.Keys.Order(StringComparer.Ordinal));
        Assert.Equal($"/services/{_tehran}", links["تهران"]);
        Assert.Equal($"/services/{_fars}", links["فارس"]);
    }
}
