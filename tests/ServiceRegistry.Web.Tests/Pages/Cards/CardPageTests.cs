using System.Net;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards;

public sealed class CardPageTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();
    private int _draft;
    private int _published;

    public async ValueTask InitializeAsync()
    {
        var cards = await _app.SeedAsync(
            new CardBuilder().Titled("پیش‌نویس پروانه").With(c =>
            {
                c.LifeEvents = [LifeEvent.Business, LifeEvent.Other];
                c.LifeEventOther = "راه‌اندازی کارگاه";
                c.FormFiller.Phone = "33221465";
                c.Fees.AmountsRials = [300_000];
            }),
            new CardBuilder().Titled("خدمت منتشرشده").Published("12345678"));
        (_draft, _published) = (cards[0].Id, cards[1].Id);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Get_StaffCardPage_ShowsTheOfficialLayoutWithTickedAndUntickedBoxes()
    {
        // Act
        var page = await RegistryApp.ParseAsync(await (await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, "اداره کل آزمایش", "تهران"))).GetAsync($"/cards/{_draft}", TestContext.Current.CancellationToken));

        // Assert
        var lifeEvents = page.QuerySelectorAll("#card-s4 tr").Single(r => r.TextContent.Contains("رویداد مرتبط با", StringComparison.Ordinal));
        var options = lifeEvents.QuerySelectorAll(".opt");
        Assert.Equal(14, options.Length);
        Assert.Equal(["کسب و کار", "سایر"], options.Where(o => o.GetAttribute("data-checked") == "true").Select(o => o.TextContent.Trim()).ToList());
        Assert.Contains("راه‌اندازی کارگاه", lifeEvents.TextContent, StringComparison.Ordinal);
        Assert.Contains("۳۳۲۲۱۴۶۵", page.QuerySelector("#card-filler")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("۳۰۰٬۰۰۰ ریال", page.QuerySelector("#card-s5")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(4, page.QuerySelectorAll("#card-s6 tbody.stage").Length);
        Assert.NotNull(page.QuerySelector(".completeness .percent"));
        Assert.Equal($"/cards/{_draft}/edit", page.QuerySelector("a.btn-primary[href$='/edit']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Get_PublicServicePage_UsesTheSameLayoutAndOffersPrintAndPdf()
    {
        // Act
        var page = await RegistryApp.ParseAsync(await _app.CreateBrowserlessClient().GetAsync($"/services/{_published}", TestContext.Current.CancellationToken));

        // Assert
        Assert.NotNull(page.QuerySelector("article.official-card #card-s9"));
        Assert.Contains("۱۲۳۴۵۶۷۸", page.QuerySelector(".service-id")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/services/{_published}?print=true", page.QuerySelector("[data-print]")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector($"a[href='/services/{_published}/pdf']"));
    }

    [Fact]
    public async Task Get_PrintView_ShowsTheCardAloneWithoutNavigation()
    {
        // Act
        var page = await RegistryApp.ParseAsync(await _app.CreateBrowserlessClient().GetAsync($"/services/{_published}?print=true", TestContext.Current.CancellationToken));

        // Assert
        Assert.NotNull(page.QuerySelector("body.print-page article.official-card"));
        Assert.Null(page.QuerySelector("header.site-header"));
    }

    [Fact]
    public async Task Get_Pdf_WithoutChromium_ExplainsHowToInstallItAndLinksThePrintView()
    {
        // Arrange
        using var app = _app.WithWebHostBuilder(b => b.UseSetting("Pdf:ChromiumPath", "/nonexistent/chromium"));
        var client = await app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, "اداره کل آزمایش", "تهران"));

        // Act
        var response = await client.GetAsync($"/cards/{_draft}/pdf", TestContext.Current.CancellationToken);
        var page = await RegistryApp.ParseAsync(response);
        var cardPage = await RegistryApp.ParseAsync(await client.GetAsync($"/cards/{_draft}", TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("apt-get install chromium", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/cards/{_draft}?print=true", page.QuerySelector("[role=alert] a")!.GetAttribute("href"));
        Assert.Contains("apt-get install chromium", cardPage.QuerySelector("#pdf-unavailable")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Pdf_WithChromium_IsAnA4PdfOfTheCard()
    {
        Assert.SkipUnless(File.Exists("/usr/bin/chromium"), "Debian's chromium is not installed (scripts/test.sh installs it).");

        // Act
        var response = await _app.CreateBrowserlessClient().GetAsync($"/services/{_published}/pdf", TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("%PDF-"u8.ToArray(), bytes[..5]);
    }

    [Fact]
    public async Task Get_PdfOfADraft_IsNotPublic()
    {
        var response = await _app.CreateBrowserlessClient().GetAsync($"/services/{_draft}/pdf", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
