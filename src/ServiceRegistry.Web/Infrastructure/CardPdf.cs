using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>Settings of the PDF maker (section "Pdf").</summary>
public sealed class PdfOptions
{
    /// <summary>The Chromium executable (Debian's package installs /usr/bin/chromium).</summary>
    public string ChromiumPath { get; set; } = "/usr/bin/chromium";

    /// <summary>How long one PDF may take.</summary>
    public int TimeoutSeconds { get; set; } = 60;
}

/// <summary>
/// Prints a card's page to an A4 PDF with headless Chromium (Debian's package, driven through Microsoft.Playwright;
/// never a downloaded browser), so Persian is shaped and right to left exactly as on screen. One browser is started
/// on first use and shared; it closes when the app stops. The page is loaded from memory on a private origin whose
/// only resources are the app's own static files (stylesheets, the Vazirmatn font); every other request is refused,
/// so printing never reaches the network.
/// </summary>
public sealed class CardPdf(IOptions<PdfOptions> options, IWebHostEnvironment environment, ILogger<CardPdf> logger) : IAsyncDisposable
{
    /// <summary>What to tell people when Chromium is missing.</summary>
    public const string InstallHint = "برای ساختن PDF، مرورگر Chromium باید روی کارگزار نصب باشد: sudo apt-get install chromium — تا آن زمان از دکمه «چاپ» مرورگر استفاده کنید (گزینه «ذخیره به صورت PDF»).";

    private const string Origin = "http://card.print.invalid";
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private readonly SemaphoreSlim _start = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public bool IsAvailable => File.Exists(options.Value.ChromiumPath);

    /// <summary>The PDF of a complete HTML page whose resources are absolute paths into the app's wwwroot.</summary>
    public async Task<byte[]> RenderAsync(string html, CancellationToken ct)
    {
        var browser = await BrowserAsync(ct);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fa-IR" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(options.Value.TimeoutSeconds * 1000);
        await page.RouteAsync("**/*", route => Serve(route, html));
        await page.GotoAsync(Origin + "/card", new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        await page.EvaluateAsync("() => document.fonts.ready.then(() => document.fonts.size)");
        ct.ThrowIfCancellationRequested();
        return await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true, PreferCSSPageSize = true });
    }

    private async Task Serve(IRoute route, string html)
    {
        var uri = new Uri(route.Request.Url);
        if (!uri.GetLeftPart(UriPartial.Authority).Equals(Origin, StringComparison.OrdinalIgnoreCase))
        {
            await route.AbortAsync("blockedbyclient");
            return;
        }

        if (uri.AbsolutePath == "/card")
        {
            await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = html });
            return;
        }

        var file = environment.WebRootFileProvider.GetFileInfo(Uri.UnescapeDataString(uri.AbsolutePath));
        if (!file.Exists || file.IsDirectory)
        {
            await route.FulfillAsync(new RouteFulfillOptions { Status = 404 });
            return;
        }

        await using var stream = file.CreateReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        var type = ContentTypes.TryGetContentType(file.Name, out var t) ? t : "application/octet-stream";
        await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = type, BodyBytes = buffer.ToArray() });
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken ct)
    {
        if (_browser is { IsConnected: true } running)
        {
            return running;
        }

        await _start.WaitAsync(ct);
        try
        {
            if (_browser is { IsConnected: true } started)
            {
                return started;
            }

            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright ??= await Playwright.CreateAsync();
            logger.LogInformation("Starting Chromium for PDFs: {Path}", options.Value.ChromiumPath);
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = options.Value.ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                ],
            });
            return _browser;
        }
        finally
        {
            _start.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _start.Dispose();
    }
}

public static class CardPdfServices
{
    /// <summary>The PDF maker and its settings (section "Pdf": ChromiumPath, TimeoutSeconds).</summary>
    public static IServiceCollection AddCardPdf(this IServiceCollection services)
    {
        services.AddOptions<PdfOptions>().BindConfiguration("Pdf");
        return services.AddSingleton<CardPdf>();
    }
}
