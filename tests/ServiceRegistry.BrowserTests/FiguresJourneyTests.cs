using Microsoft.Playwright;
using ServiceRegistry.Core.Figures;
using ServiceRegistry.Testing;

namespace ServiceRegistry.BrowserTests;

/// <summary>An agency enters a quarter through the grid (Persian digits, keyboard) and through the workbook (download,
/// fill, upload), submits it, and the province's reviewer locks it.</summary>
public sealed class FiguresJourneyTests(BrowserSession session)
{
    [Fact]
    public async Task Grid_AgencyEntersAndSubmits_ReviewerLocks()
    {
        // Arrange: a published service of the editor's agency
        const string title = "خدمت آمار فصلی مرورگر";
        var card = (await session.App.SeedAsync(new CardBuilder().Titled(title).OfAgency(BrowserSession.Agency, BrowserSession.Province)
            .Published("9" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999))))[0];
        var editor = await session.NewPageAsync(user: session.Editor);

        // Act: the editor types the row with the keyboard (Tab from cell to cell) in Persian digits and submits it
        await editor.GotoAsync("/figures/returns?period=1404-Q3");
        await editor.GetByLabel($"{title} — درخواست اینترنتی").FillAsync("۳۰۰");
        await editor.Keyboard.PressAsync("Tab");
        await editor.Keyboard.InsertTextAsync("۱۰۰");
        foreach (var _ in Enumerable.Range(0, 6))
        {
            await editor.Keyboard.PressAsync("Tab");
            await editor.Keyboard.InsertTextAsync("0");
        }

        await editor.Keyboard.PressAsync("Tab");
        await editor.Keyboard.InsertTextAsync("۱۰۰"); // in person
        await editor.Keyboard.PressAsync("Tab");
        await editor.Keyboard.InsertTextAsync("۴۸۰"); // completed
        await editor.GetByLabel($"ارسال آمار {title}").CheckAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "ذخیره آمار" }).ClickAsync();
        var flash = await editor.Locator(".alert-success").InnerTextAsync();

        // the reviewer of the province locks it
        var reviewer = await session.NewPageAsync(user: session.Reviewer);
        await reviewer.GotoAsync($"/figures/returns?agency={session.Editor.AgencyId}&period=1404-Q3");
        var row = reviewer.Locator($"tr[data-card='{card.Id}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "قفل" }).ClickAsync();
        var status = await reviewer.Locator($"tr[data-card='{card.Id}'] td.status").InnerTextAsync();

        // Assert
        Assert.Contains("۱", flash, StringComparison.Ordinal);
        Assert.Contains("قفل‌شده", status, StringComparison.Ordinal);
        var stored = await session.App.WithDbAsync(db => Task.FromResult(db.QuarterlyReturns.Single(r => r.CardId == card.Id)));
        Assert.Equal((ReturnStatus.Locked, 300L, 100L, 100L, 480L), (stored.Status, stored.RequestsWebsite!.Value, stored.RequestsMobileApp!.Value, stored.RequestsInPerson!.Value, stored.Completed!.Value));
        Assert.Equal(0.8, stored.TakeUp!.Value, 6);
        Assert.True(await reviewer.Locator($"tr[data-card='{card.Id}'] input.figure-cell").First.GetAttributeAsync("readonly") is not null);
    }

    [Fact]
    public async Task Workbook_AgencyDownloadsFillsAndUploadsTheTemplate_ReviewerLocks()
    {
        // Arrange: a published service of the editor's agency; the quarter is one no other journey writes
        const string title = "خدمت آمار فصلی با اکسل";
        const string period = "1404-Q4";
        var card = (await session.App.SeedAsync(new CardBuilder().Titled(title).OfAgency(BrowserSession.Agency, BrowserSession.Province)
            .Published("9" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999))))[0];
        var editor = await session.NewPageAsync(user: session.Editor);

        // Act: from the grid to the workbook page, download the template, fill the row as in Excel, upload it
        await editor.GotoAsync($"/figures/returns?period={period}");
        await editor.GetByRole(AriaRole.Link, new() { Name = "ورود آمار با فایل اکسل" }).ClickAsync();
        var download = await editor.RunAndWaitForDownloadAsync(() => editor.GetByRole(AriaRole.Link, new() { Name = "دریافت الگوی اکسل" }).ClickAsync());
        var template = await File.ReadAllBytesAsync(await download.PathAsync());
        var filled = ReturnWorkbooks.Fill(template, card.Id,
            ("درخواست اینترنتی", "۲۰۰"), ("درخواست تلفن همراه", "۵۰"), ("درخواست پست الکترونیک", "0"), ("درخواست پیام کوتاه", "0"), ("درخواست مرکز تماس", "0"),
            ("درخواست دفاتر پیشخوان", "۵۰"), ("درخواست پستی", "0"), ("درخواست سایر مجراها", "0"), ("درخواست حضوری", "۱۰۰"), ("انجام‌شده", "۳۸۰"),
            (ReturnWorkbook.SubmitHeader, ReturnWorkbook.Yes));
        await editor.GetByLabel("فایل اکسل آمار (.xlsx)").SetInputFilesAsync(new FilePayload
        {
            Name = download.SuggestedFilename, MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = filled,
        });
        await editor.GetByRole(AriaRole.Button, new() { Name = "بارگذاری آمار" }).ClickAsync();
        var flash = await editor.Locator(".alert-success").InnerTextAsync();
        var submitted = await editor.Locator($"tr[data-card='{card.Id}'] td.status").InnerTextAsync();

        // the reviewer of the province locks it in the grid
        var reviewer = await session.NewPageAsync(user: session.Reviewer);
        await reviewer.GotoAsync($"/figures/returns?agency={session.Editor.AgencyId}&period={period}");
        await reviewer.Locator($"tr[data-card='{card.Id}']").GetByRole(AriaRole.Button, new() { Name = "قفل" }).ClickAsync();
        var status = await reviewer.Locator($"tr[data-card='{card.Id}'] td.status").InnerTextAsync();

        // Assert
        Assert.Matches($@"^quarterly-return-{session.Editor.AgencyId}-{period}-1[34]\d\d-\d\d-\d\d\.xlsx$", download.SuggestedFilename); // the Solar Hijri day
        Assert.Contains("اکسل", flash, StringComparison.Ordinal);
        Assert.Contains("ارسال‌شده", submitted, StringComparison.Ordinal);
        Assert.Contains("قفل‌شده", status, StringComparison.Ordinal);
        var stored = await session.App.WithDbAsync(db => Task.FromResult(db.QuarterlyReturns.Single(r => r.CardId == card.Id && r.Period == Quarter.Parse(period))));
        Assert.Equal((ReturnStatus.Locked, 200L, 50L, 50L, 100L, 380L), (stored.Status, stored.RequestsWebsite!.Value, stored.RequestsMobileApp!.Value,
            stored.RequestsCounterOffice!.Value, stored.RequestsInPerson!.Value, stored.Completed!.Value));
        Assert.Equal(0.625, stored.TakeUp!.Value, 6);
    }
}
