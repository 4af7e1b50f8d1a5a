using System.Net;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages;

public sealed class CatalogTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new() { SeedDemoData = true };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Get_Home_ListsTheFiveDemoServicesWithAgencyAndType()
    {
        // Arrange
        var client = _app.CreateBrowserlessClient();

        // Act
        var response = await client.GetAsync("/", TestContext.Current.CancellationToken);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Equal("fa", page.DocumentElement.GetAttribute("lang"));
        var rows = page.QuerySelectorAll("table.service-list tbody tr");
        Assert.Equal(5, rows.Length); // residence documents once: the national template stands for its Lorestan and Tehran instances
        var titles = rows.Select(r => r.QuerySelector("td.title")!.TextContent.Trim()).ToList();
        Assert.Contains("تهیه حساب های منطقه ای", titles);
        Assert.Contains("درجه بندی شهرداری ها", titles);
        Assert.Contains("صدور مجوز، تمدید و تعویض مدارک اقامتی", titles);
        var regional = rows.Single(r => r.TextContent.Contains("تهیه حساب های منطقه ای", StringComparison.Ordinal));
        Assert.Contains("سازمان مدیریت و برنامه ریزی لرستان", regional.TextContent, StringComparison.Ordinal);
        Assert.Contains("خدمت به شهروندان (G2C)", regional.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Home_WithACodeInOtherCase_MarksItsFacetSelectedAndBothLinksClearIt()
    {
        // Arrange
        var client = _app.CreateBrowserlessClient();

        // Act: the address spells the code in lower case
        var page = await RegistryApp.ParseAsync(await client.GetAsync("/?type=g2c&sort=title", TestContext.Current.CancellationToken));

        // Assert: the G2C facet is selected, and its link clears the filter (the order stays), as does the chip
        var selected = page.QuerySelectorAll("[data-facet=type] a[aria-current=true]");
        Assert.Single(selected);
        Assert.Equal("/?sort=title", selected[0].GetAttribute("href"));
        var chip = page.QuerySelectorAll("a.filter-chip").Single(a => a.TextContent.Contains("نوع خدمت", StringComparison.Ordinal));
        Assert.Equal("/?sort=title", chip.GetAttribute("href"));
        Assert.Contains(page.QuerySelectorAll("input[type=hidden][name=type]"), i => i.GetAttribute("value") == "g2c");
    }

    [Fact]
    public async Task Get_Home_WithArabicLettersInQuery_FindsTheService()
    {
        // Arrange
        var client = _app.CreateBrowserlessClient();

        // Act: «شهرداري» typed with Arabic yeh
        var page = await RegistryApp.ParseAsync(await client.GetAsync("/?q=" + Uri.EscapeDataString("شهرداري"), TestContext.Current.CancellationToken));

        // Assert
        var titles = page.QuerySelectorAll("td.title").Select(t => t.TextContent.Trim()).ToList();
        Assert.Contains("درجه بندی شهرداری ها", titles);
        Assert.DoesNotContain("تهیه حساب های منطقه ای", titles);
    }

    [Fact]
    public async Task Get_Home_WithAMisspeltWord_OffersTheCorrectedSearchAndAWayOutOfTheFilters()
    {
        // Arrange
        var client = _app.CreateBrowserlessClient();

        // Act: «شهردرای» (two letters swapped), within a service-type filter
        var page = await RegistryApp.ParseAsync(await client.GetAsync("/?q=" + Uri.EscapeDataString("شهردرای") + "&type=G2G", TestContext.Current.CancellationToken));

        // Assert
        Assert.Empty(page.QuerySelectorAll("td.title"));
        var suggestion = page.QuerySelector(".no-results .suggestion a")!;
        Assert.Equal("«شهرداری»", suggestion.TextContent.Trim());
        var next = await RegistryApp.ParseAsync(await client.GetAsync(suggestion.GetAttribute("href")!, TestContext.Current.CancellationToken));
        Assert.Contains("درجه بندی شهرداری ها", next.QuerySelectorAll("td.title").Select(t => t.TextContent.Trim()));
        Assert.Equal("شهرداری", next.QuerySelector("#q")!.GetAttribute("value"));
        Assert.Contains(page.QuerySelectorAll(".no-results a"), a => a.TextContent.Contains("بدون پالایه", StringComparison.Ordinal) && a.GetAttribute("href") == "/?q=" + Uri.EscapeDataString("شهردرای"));
    }

    [Fact]
    public async Task Get_ServicePage_ShowsEveryStatedFieldInPersian()
    {
        // Arrange
        var client = _app.CreateBrowserlessClient();
        var home = await RegistryApp.ParseAsync(await client.GetAsync("/?province=" + Uri.EscapeDataString("لرستان"), TestContext.Current.CancellationToken));
        var link = home.QuerySelectorAll("tr").Single(r => r.TextContent.Contains("مدارک اقامتی", StringComparison.Ordinal) && r.TextContent.Contains("لرستان", StringComparison.Ordinal))
            .QuerySelector("td.title a")!.GetAttribute("href")!; // the Lorestan instance stands for the national service in Lorestan

        // Act
        var response = await client.GetAsync(link, TestContext.Current.CancellationToken);
        var text = (await RegistryApp.ParseAsync(response)).Body!.TextContent;

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string[] expected =
        [
            "صدور مجوز، تمدید و تعویض مدارک اقامتی", "ساماندهی اتباع خارجی مجاز", "آمایش", "استانداری",
            "خدمت به شهروندان (G2C)", "حاکمیتی", "استانی", "مدارک و گواهینامه ها", "فرارسیدن زمانی مشخص",
            "کارت آمایش", "۱۲٬۰۰۰", "سال", "۶ ماه", "به میزان نیاز", "۳۰۰٬۰۰۰", "۲۱۷۱۱۳۴۷۵۶۰۰۱", "خزانه", "اداره کل تعاون",
        ];
        foreach (var value in expected)
        {
            Assert.Contains(value, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Get_DraftCard_IsInvisibleToThePublic()
    {
        // Arrange
        var cards = await _app.SeedAsync(new CardBuilder().Titled("پیش‌نویس محرمانه"));
        var client = _app.CreateBrowserlessClient();

        // Act
        var page = await client.GetAsync($"/services/{cards[0].Id}", TestContext.Current.CancellationToken);
        var list = await client.GetStringAsync("/", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("صفحه پیدا نشد", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.DoesNotContain("پیش‌نویس محرمانه", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Healthz_AnswersOkWhenTheDatabaseAnswers()
    {
        var response = await _app.CreateBrowserlessClient().GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_StaticAssets_AreServedByTheApp()
    {
        var client = _app.CreateBrowserlessClient();
        foreach (var path in new[] { "/lib/bootstrap/bootstrap.rtl.min.css", "/lib/vazirmatn/Vazirmatn%5Bwght%5D.woff2", "/css/site.css" })
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.OK, path);
        }
    }
}
