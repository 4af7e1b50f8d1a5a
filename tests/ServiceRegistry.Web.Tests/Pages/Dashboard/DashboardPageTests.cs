using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Dashboard;

/// <summary>The dashboard pages over the demo data, through HTTP: each service's level and reason, charts beside their
/// tables, who sees completeness, the .xlsx download, and maturity on the card page and in the API.</summary>
public sealed class DashboardPageTests : IAsyncLifetime
{
    private const string Regional = "تهیه حساب های منطقه ای";
    private const string Grading = "درجه بندی شهرداری ها";
    private readonly RegistryApp _app = new() { SeedDemoData = true };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<AngleSharp.Dom.IDocument> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await RegistryApp.ParseAsync(response);
    }

    [Fact]
    public async Task Get_Dashboard_ShowsEachDemoServicesLevelAndReason()
    {
        // Act
        var page = await PageAsync(_app.CreateBrowserlessClient(), "/dashboard");

        // Assert
        var rows = page.QuerySelectorAll("table.dash-services tbody tr");
        Assert.Equal(7, rows.Length); // five services; residence documents as a template and two provincial instances
        var regional = rows.Single(r => r.QuerySelector("th")!.TextContent.Trim() == Regional);
        Assert.Equal("4", regional.GetAttribute("data-level"));
        Assert.Contains("سطح ۴: تمام‌الکترونیکی", regional.TextContent, StringComparison.Ordinal);
        Assert.Contains("۸۰", regional.TextContent, StringComparison.Ordinal); // 80 recipients a year, in Persian digits
        var grading = rows.Single(r => r.QuerySelector("th")!.TextContent.Trim() == Grading);
        Assert.NotEqual("4", grading.GetAttribute("data-level"));
        Assert.Contains("درخواست خدمت الکترونیکی نیست و مراجعه حضوری لازم دارد (جهت احراز اصالت مدرک).", grading.TextContent, StringComparison.Ordinal);
        Assert.Equal("۷", page.QuerySelector("#total-services")!.TextContent.Trim());
        Assert.Equal("۱", page.QuerySelector("#total-level4")!.TextContent.Trim());
        Assert.Equal("۱۴۰۵/۰۱/۰۱", page.QuerySelector(".generated-at")!.TextContent.Trim()); // the test clock, 2026-03-21, in the Solar Hijri calendar
    }

    [Fact]
    public async Task Get_Dashboard_EveryChartHasItsTableAndPersianDigits()
    {
        // Act
        var page = await PageAsync(_app.CreateBrowserlessClient(), "/dashboard");

        // Assert
        var canvases = page.QuerySelectorAll("canvas[data-chart]");
        Assert.True(canvases.Length >= 8, $"{canvases.Length} charts");
        foreach (var canvas in canvases)
        {
            var table = page.GetElementById(canvas.GetAttribute("data-table")!);
            Assert.NotNull(table);
            Assert.NotEmpty(table.QuerySelectorAll("tbody td[data-value]"));
        }

        var levels = page.GetElementById("dist-0-table")!;
        Assert.Equal(["4", "1", "1", "0", "1"], levels.QuerySelectorAll("td[data-value]").Select(td => td.GetAttribute("data-value")));
        Assert.Equal(["۴", "۱", "۱", "۰", "۱"], levels.QuerySelectorAll("td[data-value]").Select(td => td.TextContent.Trim()));
        Assert.NotNull(page.QuerySelector("script[src^='/lib/chartjs/chart.umd.min.js']"));
        Assert.NotNull(page.QuerySelector("a[href='/dashboard'].nav-link"));
    }

    [Fact]
    public async Task Get_Dashboard_CompletenessIsForStaffOnly()
    {
        // Arrange
        var admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));
        var reviewer = await _app.ClientAsAsync(await _app.UserAsync(Roles.ProvincialReviewer, province: "تهران"));

        // Act
        var anonymousPage = await PageAsync(_app.CreateBrowserlessClient(), "/dashboard");
        var adminPage = await PageAsync(admin, "/dashboard");
        var reviewerPage = await PageAsync(reviewer, "/dashboard/province/" + Uri.EscapeDataString("لرستان"));

        // Assert
        Assert.Null(anonymousPage.GetElementById("completeness"));
        Assert.Equal(7, adminPage.QuerySelectorAll("table.dash-completeness tbody tr").Length); // the seven demo agencies with cards (the ministry and two governorates for the residence template)
        Assert.Empty(reviewerPage.QuerySelectorAll("table.dash-completeness tbody tr"));         // Tehran's reviewer sees none of Lorestan
    }

    [Fact]
    public async Task Get_ProvinceAndAgencyViews_NarrowTheFigures_UnknownOnesAre404()
    {
        // Arrange
        var client = _app.CreateBrowserlessClient();

        // Act
        var lorestan = await PageAsync(client, "/dashboard/province/" + Uri.EscapeDataString("لرستان"));
        var agencyLink = lorestan.QuerySelectorAll("table.dash-services tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == Regional)
            .QuerySelector("a[href^='/dashboard/agency/']")!.GetAttribute("href")!;
        var agency = await PageAsync(client, agencyLink);
        var filtered = await PageAsync(client, "/dashboard?maturity=0");

        // Assert
        Assert.Equal("۲", lorestan.QuerySelector("#total-services")!.TextContent.Trim()); // regional accounts and the residence instance
        Assert.NotNull(lorestan.QuerySelector("a#download-pdf"));
        Assert.Equal(Regional, agency.QuerySelector("table.dash-services tbody th")!.TextContent.Trim());
        Assert.Equal("۴", filtered.QuerySelector("#total-services")!.TextContent.Trim()); // two before, and the residence instances
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dashboard/province/" + Uri.EscapeDataString("ناموجود"), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dashboard/agency/9999", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task GetXlsx_IsAWorkbookOfTheView_WithCompletenessOnlyForStaff()
    {
        // Arrange
        var admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));

        // Act
        var anonymous = await _app.CreateBrowserlessClient().GetAsync("/dashboard?handler=xlsx", TestContext.Current.CancellationToken);
        var staff = await admin.GetAsync("/dashboard?handler=xlsx", TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", anonymous.Content.Headers.ContentType?.MediaType);
        var sheets = Read(await anonymous.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["خلاصه", "توزیع خدمات", "دستگاه‌ها", "استان‌ها", "بیشترین بار حضوری", "خدمات"], sheets.Keys);
        Assert.Contains(sheets["خلاصه"], r => r[0] == "تعداد خدمات منتشر شده" && r[1] == "7");
        var regional = sheets["خدمات"].Single(r => r[1] == Regional);
        Assert.Equal(("4", "80", "0"), (regional[4], regional[6], regional[7]));
        var grading = sheets["خدمات"].Single(r => r[1] == Grading);
        Assert.Equal("نامعلوم", grading[7]); // visits not counted: unknown, never 0
        Assert.Contains("کامل بودن اطلاعات", Read(await staff.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Keys);
    }

    [Fact]
    public async Task CardPageAndApi_ShowTheLevelWithItsReasons()
    {
        // Arrange
        var client = _app.CreateBrowserlessClient();
        var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/services?q=" + Uri.EscapeDataString("درجه بندی"), TestContext.Current.CancellationToken));
        var id = list.RootElement.GetProperty("items")[0].GetProperty("id").GetInt32();

        // Act
        var page = await PageAsync(client, $"/services/{id}");
        var detail = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/services/{id}", TestContext.Current.CancellationToken)).RootElement;

        // Assert
        var block = page.GetElementById("card-maturity")!;
        Assert.Equal("0", block.GetAttribute("data-level"));
        Assert.Contains("جهت احراز اصالت مدرک", block.TextContent, StringComparison.Ordinal);
        var maturity = detail.GetProperty("maturity");
        Assert.Equal(0, maturity.GetProperty("level").GetInt32());
        Assert.Contains(maturity.GetProperty("reasons").EnumerateArray(), r => r.GetString() == "درخواست خدمت الکترونیکی نیست و مراجعه حضوری لازم دارد (جهت احراز اصالت مدرک).");
        var gap = maturity.GetProperty("gaps").EnumerateArray().Single(g => g.GetProperty("stage").GetString() == "request");
        Assert.Equal("stageNotElectronic", gap.GetProperty("kind").GetString());
        Assert.Equal("verifyDocument", gap.GetProperty("inPersonReasons")[0].GetString());
        Assert.Equal(25, detail.GetProperty("burden").GetProperty("recipientsPerYear").GetInt64());
        Assert.Equal(JsonValueKind.Null, detail.GetProperty("burden").GetProperty("visitsPerYear").ValueKind);
        Assert.True(detail.TryGetProperty("card", out _));
    }

    /// <summary>Each sheet's rows as text (shared strings are not used by the workbook: inline strings and numbers).</summary>
    private static Dictionary<string, List<string?[]>> Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var result = new Dictionary<string, List<string?[]>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            result[sheet.Name!] = part.Worksheet.Descendants<Row>().Skip(1)
                .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text).ToArray()).ToList();
        }

        return result;
    }
}
