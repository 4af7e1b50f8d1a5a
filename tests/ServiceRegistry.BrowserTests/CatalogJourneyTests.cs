using Microsoft.Playwright;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.BrowserTests;

/// <summary>A member of the public searching the catalog: results follow the words as they are typed, facets narrow
/// them and stay chosen while typing goes on, a chosen filter can be removed, and a misspelt word gets "did you mean".</summary>
public sealed class CatalogJourneyTests(BrowserSession session)
{
    // «زریندشت» is in no other test's titles: these three are all it finds.
    private const string Well = "صدور پروانه حفر چاه کشاورزی زریندشت";
    private const string WellBusiness = "صدور پروانه حفر چاه صنعتی زریندشت";
    private const string Fishing = "صدور پروانه صید تجاری زریندشت";

    private async Task SeedAsync()
    {
        if ((await session.App.WithDbAsync(db => Task.FromResult(db.Cards.Any(c => c.Title == Well)))))
        {
            return;
        }

        await session.App.SeedAsync(
            new CardBuilder().Titled(Well).OfAgency("اداره کل آب منطقه ای قزوین", "قزوین").Published(),
            new CardBuilder().Titled(WellBusiness).OfAgency("اداره کل آب منطقه ای قزوین", "قزوین").With(c => c.ServiceTypes = [ServiceType.G2B]).Published(),
            new CardBuilder().Titled(Fishing).OfAgency("اداره کل شیلات گیلان", "گیلان").With(c => c.ServiceTypes = [ServiceType.G2B]).Published());
    }

    private static ILocator Titles(IPage page) => page.Locator("table.service-list td.title");

    private static ILocator SearchBox(IPage page) => page.GetByRole(AriaRole.Searchbox, new() { Name = "جستجو در خدمات" });

    [Fact]
    public async Task TypePickAFacetTypeMore_TheFacetStaysChosen_AndRemovingItWidensAgain()
    {
        // Arrange
        await SeedAsync();
        var page = await session.NewAnonymousPageAsync();
        await page.GotoAsync("/");

        // Act: type «زریندشت», choose «G2B», type « حفر»
        await SearchBox(page).PressSequentiallyAsync("زریندشت", new() { Delay = 30 });
        await Assertions.Expect(Titles(page)).ToHaveTextAsync([WellBusiness, Well, Fishing]); // by title
        await page.Locator("section.facet[data-facet=type] a").Filter(new() { HasText = "G2B" }).ClickAsync();
        await Assertions.Expect(Titles(page)).ToHaveTextAsync([WellBusiness, Fishing]);
        await SearchBox(page).PressAsync("End");
        await SearchBox(page).PressSequentiallyAsync(" حفر", new() { Delay = 30 });

        // Assert: the facet still applies (the G2C well is not listed), the address says so, and it is shown as chosen
        await Assertions.Expect(Titles(page)).ToHaveTextAsync([WellBusiness]);
        Assert.Contains("type=G2B", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator(".active-filters")).ToContainTextAsync("G2B");

        // Act: remove the filter from the chips above the results
        await page.Locator(".active-filters a").Filter(new() { HasText = "G2B" }).ClickAsync();

        // Assert: both wells again, the words kept
        await Assertions.Expect(Titles(page)).ToHaveTextAsync([WellBusiness, Well]);
        Assert.DoesNotContain("type=", page.Url, StringComparison.Ordinal);
        Assert.Equal("زریندشت حفر", await SearchBox(page).InputValueAsync());
    }

    [Fact]
    public async Task NewestFirst_StaysTheOrderWhileTypingGoesOn()
    {
        // Arrange (seeded in this order: the fishing card is the newest)
        await SeedAsync();
        var page = await session.NewAnonymousPageAsync();
        await page.GotoAsync("/?q=" + Uri.EscapeDataString("زریندشت"));

        // Act
        await page.Locator("nav.sort-links a").Filter(new() { HasText = "تازه‌ترین" }).ClickAsync();
        await Assertions.Expect(Titles(page)).ToHaveTextAsync([Fishing, WellBusiness, Well]);
        await SearchBox(page).PressAsync("End");
        await SearchBox(page).PressSequentiallyAsync(" صدور", new() { Delay = 30 });

        // Assert
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=.*%D8%B5%D8%AF%D9%88%D8%B1"));
        await Assertions.Expect(Titles(page)).ToHaveTextAsync([Fishing, WellBusiness, Well]);
        Assert.Contains("sort=updated", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("nav.sort-links [aria-current]")).ToHaveTextAsync("تازه‌ترین");
    }

    [Fact]
    public async Task MisspeltWord_OffersDidYouMean_AndFollowingItShowsTheService()
    {
        // Arrange
        await SeedAsync();
        var page = await session.NewAnonymousPageAsync();
        await page.GotoAsync("/");

        // Act: «صیدتجاری» runs two title words together
        await SearchBox(page).PressSequentiallyAsync("صیدتجاری زریندشت", new() { Delay = 30 });
        var suggestion = page.Locator(".no-results .suggestion a");
        await Assertions.Expect(suggestion).ToHaveTextAsync("«صید تجاری زریندشت»");
        await suggestion.ClickAsync();

        // Assert
        await Assertions.Expect(Titles(page)).ToHaveTextAsync([Fishing]);
        Assert.Equal("صید تجاری زریندشت", await SearchBox(page).InputValueAsync());
    }
}
