using Microsoft.Playwright;
using ServiceRegistry.Core.Figures;
using ServiceRegistry.Testing;

namespace ServiceRegistry.BrowserTests;

/// <summary>An agency enters a quarter through the grid (Persian digits, keyboard), submits it, and the province's
/// reviewer locks it; the dashboard then shows the quarter's take-up.</summary>
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
}
