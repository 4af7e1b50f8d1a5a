using Microsoft.Playwright;

namespace ServiceRegistry.BrowserTests.Pages;

/// <summary>A card in the official layout (/cards/{id}, /services/{id}).</summary>
public sealed class CardPage(IPage page)
{
    public IPage Page => page;

    public ILocator Card => page.Locator("article.official-card");

    /// <summary>The choices shown ticked in the row labelled <paramref name="rowLabel"/>.</summary>
    public async Task<IReadOnlyList<string>> TickedAsync(string rowLabel)
    {
        var row = Card.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = rowLabel, Exact = true }) });
        return (await row.Locator(".opt[data-checked=true]").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
    }

    public async Task<int> ChoicesShownAsync(string rowLabel)
    {
        var row = Card.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = rowLabel, Exact = true }) });
        return await row.Locator(".opt").CountAsync();
    }

    public int Id => int.Parse(new Uri(page.Url).AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Downloads the PDF through the page's «دریافت PDF» link.</summary>
    public async Task<byte[]> DownloadPdfAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "دریافت PDF" }).ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"card-{Guid.NewGuid():N}.pdf");
        await download.SaveAsAsync(path);
        try
        {
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
