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

    [Theory]
    [InlineData("/")]
    [InlineData("/?q=%D9%BE%D8%B1%D9%88%D8%A7%D9%86%D9%87&type=G2B")]
    [InlineData("/services/{id}")]
    [InlineData("/dashboard")]
    public async Task OnAPhone_ThePageIsNoWiderThanTheScreen_AndResultsComeBeforeFilters(string path)
    {
        // Arrange: a 390-pixel phone
        await SeedAsync();
        var id = await session.App.WithDbAsync(db => Task.FromResult(db.Cards.First(c => c.Title == Fishing).Id));
        await using var context = await session.Browser.NewContextAsync(new()
        {
            BaseURL = session.BaseUrl.ToString(),
            Locale = "fa-IR",
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();

        // Act
        await page.GotoAsync(path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        // Assert: nothing widens the page (wide tables scroll inside their own box)
        var sizes = await page.EvaluateAsync<int[]>("() => [document.documentElement.clientWidth, document.documentElement.scrollWidth]");
        var (width, scrollWidth) = (sizes[0], sizes[1]);
        Assert.True(scrollWidth <= width, $"{path}: the page is {scrollWidth} pixels wide on a {width}-pixel screen");
        if (path.StartsWith("/?", StringComparison.Ordinal) || path == "/")
        {
            var results = await page.Locator("table.service-list").BoundingBoxAsync();
            var facets = await page.Locator("#facets").BoundingBoxAsync();
            Assert.True(results!.Y < facets!.Y, "the results come first on a phone");
        }
    }
}
