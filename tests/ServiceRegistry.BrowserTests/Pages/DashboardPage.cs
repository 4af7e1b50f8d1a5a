using Microsoft.Playwright;

namespace ServiceRegistry.BrowserTests.Pages;

/// <summary>A dashboard view (/dashboard, /dashboard/province/{name}, /dashboard/agency/{id}).</summary>
public sealed class DashboardPage(IPage page)
{
    public IPage Page => page;

    public static async Task<DashboardPage> OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        var dashboard = new DashboardPage(page);
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('canvas[data-chart]')].every(c => c.dataset.drawn)", null, new() { PollingInterval = 50 });
        return dashboard;
    }

    /// <summary>The service rows: title, level (data-level) and the reasons as shown.</summary>
    public async Task<IReadOnlyList<(string Title, int Level, string Reasons)>> ServicesAsync()
    {
        var rows = page.Locator("table.dash-services tbody tr");
        var result = new List<(string, int, string)>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var row = rows.Nth(i);
            result.Add(((await row.Locator("th").InnerTextAsync()).Trim(),
                int.Parse((await row.GetAttributeAsync("data-level"))!, System.Globalization.CultureInfo.InvariantCulture),
                (await row.Locator(".maturity-reasons").InnerTextAsync()).Trim()));
        }

        return result;
    }

    /// <summary>How many charts have pixels drawn (a canvas Chart.js left blank has none).</summary>
    public Task<int> DrawnChartsAsync() => page.EvaluateAsync<int>("""
        () => [...document.querySelectorAll('canvas[data-chart]')].filter(c => {
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            for (let i = 3; i < d.length; i += 4) { if (d[i] !== 0) return true; }
            return false;
        }).length
        """);

    public Task<int> ChartsAsync() => page.Locator("canvas[data-chart]").CountAsync();

    /// <summary>Each chart's table (beside it) has rows with numbers.</summary>
    public Task<bool> EveryChartHasItsTableAsync() => page.EvaluateAsync<bool>("""
        () => [...document.querySelectorAll('canvas[data-chart]')].every(c => {
            const t = document.getElementById(c.dataset.table);
            return t && t.querySelectorAll('tbody td[data-value]').length > 0;
        })
        """);

    /// <summary>Downloads the province report through its link.</summary>
    public async Task<byte[]> DownloadReportAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a#download-pdf").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.pdf");
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
