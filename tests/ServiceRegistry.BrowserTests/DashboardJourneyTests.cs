using Microsoft.Playwright;
using ServiceRegistry.BrowserTests.Pages;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Seeding;
using ServiceRegistry.Testing;

namespace ServiceRegistry.BrowserTests;

/// <summary>A provincial reviewer's journey through the dashboard: levels and reasons, charts drawn from their tables,
/// rankings, and the province's report as a PDF with shaped Persian.</summary>
public sealed class DashboardJourneyTests(BrowserSession session)
{
    private const string Regional = "تهیه حساب های منطقه ای";
    private const string Grading = "درجه بندی شهرداری ها";
    private const string Province = "لرستان";
    private const string Agency = "اداره کل داشبورد لرستان";

    /// <summary>The two demo services, published under an agency of Lorestan (once per run).</summary>
    private async Task SeedAsync()
    {
        await session.App.AgencyAsync(Agency, Province);
        await session.App.WithDbAsync(async db =>
        {
            if (db.Cards.Any(c => c.Title == Grading && c.Agency!.Name == Agency)) // other tests publish demo cards in other agencies
            {
                return 0;
            }

            var agency = db.Agencies.Single(a => a.Name == Agency);
            foreach (var name in new[] { "regional-accounts", "municipality-grading" })
            {
                var content = CardJson.Read(DemoData.Cards().Single(c => c.Name == name).Json).Content!;
                content.ServiceId = null;
                db.Cards.Add(ServiceCard.FromFile(agency.Id, content, CardStatus.Published, session.App.Clock.GetUtcNow()));
            }

            return await db.SaveChangesAsync();
        });
    }

    /// <summary>A page signed in, through the sign-in form, as the reviewer of Lorestan.</summary>
    private async Task<IPage> ReviewerPageAsync()
    {
        var reviewer = await session.App.UserAsync(Roles.ProvincialReviewer, province: Province);
        return await session.NewPageAsync(user: reviewer);
    }

    [Fact]
    public async Task ProvinceDashboard_ShowsLevelsAndReasons_DrawsChartsAndRankings()
    {
        // Arrange
        await SeedAsync();
        var page = await ReviewerPageAsync();

        // Act
        var dashboard = await DashboardPage.OpenAsync(page, "/dashboard/province/" + Uri.EscapeDataString(Province));
        var services = await dashboard.ServicesAsync();
        var charts = await dashboard.ChartsAsync();
        var drawn = await dashboard.DrawnChartsAsync();
        if (BrowserSession.ScreenshotDirectory is { } dir)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, "dashboard.png"), FullPage = true });
        }

        // Assert
        var regional = services.Single(s => s.Title == Regional);
        Assert.Equal(4, regional.Level);
        var grading = services.Single(s => s.Title == Grading);
        Assert.NotEqual(4, grading.Level);
        Assert.Contains("درخواست خدمت الکترونیکی نیست و مراجعه حضوری لازم دارد (جهت احراز اصالت مدرک).", grading.Reasons, StringComparison.Ordinal);
        Assert.True(charts >= 8, $"{charts} charts");
        Assert.Equal(charts, drawn);
        Assert.True(await dashboard.EveryChartHasItsTableAsync());
        Assert.True(await page.Locator("#rank-agencies-electronic canvas").IsVisibleAsync());
        Assert.Contains(Agency, await page.Locator("#rank-agencies-electronic-table").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#completeness table.dash-completeness").IsVisibleAsync()); // the province's reviewer
    }

    [Fact]
    public async Task NationDashboard_ForThePublic_DrawsEveryChartWithoutCompleteness()
    {
        // Arrange
        await SeedAsync();
        var page = await session.NewAnonymousPageAsync();

        // Act
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "داشبورد آمادگی الکترونیکی" }).ClickAsync();
        var dashboard = await DashboardPage.OpenAsync(page, page.Url);

        // Assert
        Assert.EndsWith("/dashboard", page.Url, StringComparison.Ordinal);
        Assert.Equal(await dashboard.ChartsAsync(), await dashboard.DrawnChartsAsync());
        Assert.True(await page.Locator("#rank-provinces-electronic canvas").IsVisibleAsync());
        Assert.Equal(0, await page.Locator("#completeness").CountAsync());
    }

    [Fact]
    public async Task ProvinceReport_DownloadsAsAPdfWithShapedPersian()
    {
        // Arrange
        await SeedAsync();
        var page = await ReviewerPageAsync();
        var dashboard = await DashboardPage.OpenAsync(page, "/dashboard/province/" + Uri.EscapeDataString(Province));

        // Act
        var pdf = await dashboard.DownloadReportAsync();
        var text = await PdfText.ExtractAsync(pdf);

        // Assert: pdftotext reads the Persian back in logical order, so it was shaped and laid out right to left.
        // (A reason that wraps inside its table cell may come back with a neighbouring cell's number between the
        // stage's name and the rest, so the reason is looked for without the stage's name.)
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        foreach (var value in new[] { "گزارش آمادگی الکترونیکی و بار مراجعه خدمات", Regional, Grading, "خدمت الکترونیکی نیست و مراجعه حضوری لازم دارد", "جهت احراز اصالت مدرک", "۱۴۰۵", Agency })
        {
            Assert.True(text.Contains(PdfText.Fold(value), StringComparison.Ordinal), $"«{value}» not in the PDF text: {text}");
        }
    }
}
