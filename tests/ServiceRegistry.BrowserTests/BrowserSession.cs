using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

[assembly: AssemblyFixture(typeof(ServiceRegistry.BrowserTests.BrowserSession))]

namespace ServiceRegistry.BrowserTests;

/// <summary>
/// One app and one browser for the whole suite: the real app on Kestrel on a free 127.0.0.1 port with its own temp
/// SQLite database (RegistryApp), and Debian's /usr/bin/chromium driven by Playwright (never a downloaded browser).
/// Each test opens its own browser context (own cookies).
/// </summary>
public sealed class BrowserSession : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string Agency = "سازمان مدیریت و برنامه ریزی لرستان";
    public const string Province = "لرستان";

    private IPlaywright? _playwright;

    public RegistryApp App { get; } = new();
    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>An editor of <see cref="Agency"/>, the reviewer of its province and a national administrator.</summary>
    public TestUser Editor { get; private set; } = null!;
    public TestUser Reviewer { get; private set; } = null!;
    public TestUser Admin { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        App.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address);
        await App.WithDbAsync(async db =>
        {
            db.Agencies.Add(new Agency(Agency, Province));
            db.Agencies.Add(new Agency("استانداری", "تهران"));
            return await db.SaveChangesAsync();
        });
        Editor = await App.UserAsync(Roles.AgencyEditor, Agency, Province);
        Reviewer = await App.UserAsync(Roles.ProvincialReviewer, province: Province);
        Admin = await App.UserAsync(Roles.NationalAdmin);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh page (own context) at the app's address, Persian locale, wide desktop window, signed in
    /// through the sign-in form as <paramref name="user"/> (the agency editor unless said otherwise).</summary>
    public async Task<IPage> NewPageAsync(bool javaScript = true, TestUser? user = null)
    {
        var page = await NewAnonymousPageAsync(javaScript);
        await SignInAsync(page, user ?? Editor);
        return page;
    }

    public static async Task SignInAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("پست الکترونیک").FillAsync(user.Email);
        await page.GetByLabel("گذرواژه").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ورود", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/review");
    }

    /// <summary>A fresh page for a member of the public (no sign-in).</summary>
    public async Task<IPage> NewAnonymousPageAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            Locale = "fa-IR",
            ViewportSize = new ViewportSize { Width = 1280, Height = 1000 },
            JavaScriptEnabled = javaScript,
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Where screenshots for the docs go (set REGISTRY_SCREENSHOTS to keep them).</summary>
    public static string? ScreenshotDirectory => Environment.GetEnvironmentVariable("REGISTRY_SCREENSHOTS") is { Length: > 0 } d ? d : null;

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
