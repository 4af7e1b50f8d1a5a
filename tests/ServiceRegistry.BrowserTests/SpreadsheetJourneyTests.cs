using Microsoft.Playwright;
using ServiceRegistry.BrowserTests.Pages;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Testing;

namespace ServiceRegistry.BrowserTests;

/// <summary>
/// Bulk entry as an agency does it: download the entry workbook, fill a row like the example, upload it; a row of a
/// national service becomes the template's instance and the report says so; an old Word/text form of a national
/// service is proposed as the template's instance on its review page.
/// </summary>
public sealed class SpreadsheetJourneyTests(BrowserSession session)
{
    [Fact]
    public async Task DownloadTheWorkbook_FillARowLikeTheExample_UploadIt_TheReportNamesTheTemplate()
    {
        // Arrange: the national template of the example's service, and an editor of a regional water company
        await session.App.SeedAsync(new CardBuilder().Titled(EntryWorkbook.ExampleCard().Title).OfAgency("شرکت مدیریت منابع آب ایران").AsTemplate().Published("12345000001"));
        var editor = await session.App.UserAsync(Roles.AgencyEditor, "شرکت آب منطقه‌ای لرستان", "لرستان");
        var page = await session.NewPageAsync(user: editor);
        await page.GotoAsync("/cards/import/spreadsheet");

        // Act: download the workbook, copy the example into row 3 with key 1, upload it
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#template-link").ClickAsync());
        var workbook = await File.ReadAllBytesAsync((await download.PathAsync())!);
        if (BrowserSession.ScreenshotDirectory is { } folder)
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "entry-workbook.xlsx"), workbook, TestContext.Current.CancellationToken); // to look at (LibreOffice renders it)
        }

        var example = WorkbookCells.Read(workbook, CardSheets.ServicesSheet).Single().Cells;
        workbook = WorkbookCells.Write(workbook, CardSheets.ServicesSheet, 3, new Dictionary<string, string>(example) { [CardSheets.KeyHeader] = "1" });
        await page.GetByLabel("فایل اکسل (.xlsx)").SetInputFilesAsync(new FilePayload
        {
            Name = "services.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = workbook,
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "بارگذاری و ساخت پیش‌نویس‌ها" }).ClickAsync();

        // Assert: one draft, an instance of the template, said in Persian beside the row
        var report = page.Locator("#import-report");
        await Assertions.Expect(report.Locator("[role=status]")).ToContainTextAsync("۱");
        await Assertions.Expect(report.Locator(".template-instance")).ToContainTextAsync("نمونه الگوی ملی");
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"the page scrolls sideways at {width} px");
            if (BrowserSession.ScreenshotDirectory is { } shots)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"spreadsheet-report-{width}.png"), FullPage = true });
            }
        }
    }

    [Fact]
    public async Task ImportAnOldFormOfANationalService_TheReviewProposesTheTemplate()
    {
        // Arrange: the national template of mayors-training.txt («دستگاه مادر»: وزارت کشور)
        await session.App.SeedAsync(new CardBuilder().Titled("آموزش شهرداران و شوراهای با هدف آشنایی با آیین نامه ها و دستورالعمل ها")
            .OfAgency("وزارت کشور").AsTemplate().Published("12345000002"));
        var page = await session.NewPageAsync();
        var upload = new ImportUploadPage(page);
        await upload.OpenAsync();

        // Act
        await upload.UploadAsync(new FilePayload
        {
            Name = "mayors-training.txt", MimeType = "text/plain",
            Buffer = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "forms", "mayors-training.txt")),
        });
        var batch = new ImportBatchPage(page);
        await batch.WaitUntilFinishedAsync();
        await batch.OpenReviewAsync("mayors-training.txt");

        // Assert: the proposal, «instance» preselected, «standalone» offered
        var proposal = page.Locator("#template-proposal");
        await Assertions.Expect(proposal).ToContainTextAsync("وزارت کشور");
        await Assertions.Expect(page.GetByLabel("نمونه این الگو", new() { Exact = false })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("شناسنامه مستقل، بدون پیوند با الگو")).Not.ToBeCheckedAsync();
        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await proposal.ScrollIntoViewIfNeededAsync();
            if (BrowserSession.ScreenshotDirectory is { } shots)
            {
                await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"import-template-proposal-{width}.png") });
            }
        }
    }
}
