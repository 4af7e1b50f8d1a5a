using System.Net;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Testing;
using ServiceRegistry.Web.Infrastructure;
using ServiceRegistry.Web.Pages.Dashboard;

namespace ServiceRegistry.Web.Tests.Infrastructure;

/// <summary>Issue 14, finding 6: every downloaded file is named with the Solar Hijri date (Latin digits), from the one
/// formatter (<see cref="Fa.FileName"/>). The test clock stands at 2026-03-21 08:00 UTC: 1405/01/01 11:30 in Iran.</summary>
public sealed class ExportFileNameTests : IAsyncLifetime
{
    private const string Day = "1405-01-01";
    private readonly RegistryApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static string? NameOf(HttpResponseMessage response) =>
        response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    [InlineData("json")]
    [InlineData("jsonld")]
    public async Task Get_CatalogExport_IsNamedWithTheSolarHijriDateAndTime(string format)
    {
        // Arrange
        await _app.SeedAsync(new CardBuilder().Titled("خدمت خروجی با نام خورشیدی").Published());

        // Act
        var response = await _app.CreateBrowserlessClient().GetAsync($"/api/v1/services/export?format={format}", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"services-{Day}-1130.{format}", NameOf(response));
    }

    [Fact]
    public async Task Get_QuarterlyExportsAndTheDashboardWorkbook_AreNamedWithTheSolarHijriDate()
    {
        // Arrange
        var editor = await _app.UserAsync(Roles.AgencyEditor, "اداره کل نام فایل", "یزد");
        await _app.SeedAsync(new CardBuilder().Titled("خدمت آمار فصلی نام فایل").OfAgency("اداره کل نام فایل", "یزد").Published());
        var admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));
        var client = _app.CreateBrowserlessClient();

        // Act
        var csv = await client.GetAsync("/api/v1/statistics/export?period=1404-Q3", Ct);
        var xlsx = await client.GetAsync("/api/v1/statistics/export?period=1404-Q3&format=xlsx", Ct);
        var workbook = await (await _app.ClientAsAsync(editor)).GetAsync($"/figures/returns/workbook?agency={editor.AgencyId}&period=1404-Q3&handler=template", Ct);
        var dashboard = await admin.GetAsync("/dashboard?handler=xlsx", Ct);

        // Assert
        Assert.Equal($"statistics-1404-Q3-{Day}.csv", NameOf(csv));
        Assert.Equal($"statistics-1404-Q3-{Day}.xlsx", NameOf(xlsx));
        Assert.Equal($"quarterly-return-{editor.AgencyId}-1404-Q3-{Day}.xlsx", NameOf(workbook));
        Assert.EndsWith($" - {Day}.xlsx", NameOf(dashboard), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PdfNames_CardAndProvinceReport_CarryTheSolarHijriDate()
    {
        // Arrange
        var card = (await _app.SeedAsync(new CardBuilder().Titled("صدور پروانه: کسب/پیشه")))[0];
        var now = _app.Clock.GetUtcNow().UtcDateTime;

        // Act
        var cardPdf = CardPdfResult.FileName(card, now);
        var provincePdf = ProvincePdfModel.FileName("لرستان", now);

        // Assert: characters a file system refuses become '-'
        Assert.Equal($"شناسنامه خدمت - صدور پروانه- کسب-پیشه - {Day}.pdf", cardPdf);
        Assert.Equal($"گزارش آمادگی الکترونیکی استان لرستان - {Day}.pdf", provincePdf);
    }

    [Theory]
    [InlineData("services", true, "services-1405-01-01-1130.csv")]
    [InlineData("statistics-1404-Q3", false, "statistics-1404-Q3-1405-01-01.csv")]
    [InlineData("داشبورد کشور", false, "داشبورد کشور - 1405-01-01.csv")]
    public void FileName_Table(string stem, bool withTime, string expected) =>
        Assert.Equal(expected, Fa.FileName(stem, new DateTime(2026, 3, 21, 8, 0, 0, DateTimeKind.Utc), "csv", withTime));
}
