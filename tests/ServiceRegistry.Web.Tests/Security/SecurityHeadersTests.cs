using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Security;

/// <summary>The headers on every answer (the permission table's walk checks each route, <see cref="PermissionTableTests"/>),
/// no inline script or style in the pages (the CSP would block them), and in Production: HSTS, HTTPS, Secure cookies,
/// and forwarded headers believed from the configured proxies only.</summary>
public sealed class SecurityHeadersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What each response must carry; empty when it does.</summary>
    public static string Missing(HttpResponseMessage response)
    {
        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var v) || response.Content.Headers.TryGetValues(name, out v) ? string.Join(",", v) : null;

        var problems = new List<string>();
        var csp = Header("Content-Security-Policy") ?? "";
        foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "object-src 'none'" })
        {
            if (!csp.Split(';', StringSplitOptions.TrimEntries).Contains(directive))
            {
                problems.Add("CSP without " + directive);
            }
        }

        if (csp.Contains("unsafe-inline", StringComparison.Ordinal) || csp.Contains("unsafe-eval", StringComparison.Ordinal))
        {
            problems.Add("CSP allows inline code");
        }

        if (Header("X-Content-Type-Options") != "nosniff") { problems.Add("X-Content-Type-Options"); }
        if (Header("X-Frame-Options") != "DENY") { problems.Add("X-Frame-Options " + Header("X-Frame-Options")); }
        if (Header("Referrer-Policy") is null) { problems.Add("Referrer-Policy"); }
        if (Header("Permissions-Policy") is not { } permissions || !permissions.Contains("camera=()", StringComparison.Ordinal)) { problems.Add("Permissions-Policy"); }
        return string.Join(", ", problems);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/css/site.css")]
    [InlineData("/api")]
    [InlineData("/no/such/page")]
    [InlineData("/api/v1/services/999999")]
    public async Task Get_AnyAnswer_CarriesTheSecurityHeaders(string url)
    {
        // Arrange
        await using var app = new RegistryApp();

        // Act
        var response = await app.CreateBrowserlessClient().GetAsync(url, Ct);

        // Assert
        Assert.Equal("", Missing(response));
    }

    [Fact]
    public async Task Pages_HaveNoInlineScriptStyleOrHandler()
    {
        // Arrange: every kind of page a person sees, as the national office (who sees them all)
        await using var app = new RegistryApp();
        var admin = await app.ClientAsAsync(await app.UserAsync(Roles.NationalAdmin));
        var editor = await app.ClientAsAsync(await app.UserAsync(Roles.AgencyEditor, "اداره کل نمونه فارس", "فارس"));
        var published = (await app.SeedAsync(new CardBuilder().Titled("خدمت نمونه").OfAgency("اداره کل نمونه فارس", "فارس").Published("12345678901")))[0].Id;
        var draft = (await app.SeedAsync(new CardBuilder().Titled("پیش‌نویس نمونه").OfAgency("اداره کل نمونه فارس", "فارس")))[0].Id;
        var pages = new (HttpClient Client, string Url)[]
        {
            (admin, "/"), (admin, $"/services/{published}"), (admin, $"/services/{published}?print=true"), (admin, "/dashboard"),
            (admin, "/dashboard/province/" + Uri.EscapeDataString("فارس")), (admin, "/review"), (admin, $"/review/{draft}"),
            (admin, $"/review/{draft}/history"), (admin, "/cards"), (admin, $"/cards/{draft}"), (editor, "/cards/new"),
            (editor, $"/cards/{draft}/edit"), (editor, "/cards/import"), (editor, "/cards/import/spreadsheet"),
            (admin, "/admin/agencies"), (admin, "/admin/audit"), (admin, "/admin/api-tokens"), (admin, "/account/login"),
            (admin, "/api"), (admin, "/error/404"),
        };
        var found = new List<string>();

        foreach (var (client, url) in pages)
        {
            // Act
            var response = await client.GetAsync(url, Ct);
            var document = await RegistryApp.ParseAsync(response);

            // Assert (collected, to name every page at once)
            if (!response.IsSuccessStatusCode)
            {
                found.Add($"{url}: {(int)response.StatusCode}");
            }

            // a JSON-LD data block (schema.org for search engines) is data the browser never runs, so CSP does not apply to it
            found.AddRange(document.QuerySelectorAll("script:not([src]):not([type='application/ld+json'])").Select(_ => $"{url}: inline <script>"));
            found.AddRange(document.QuerySelectorAll("style").Select(_ => $"{url}: <style>"));
            found.AddRange(document.QuerySelectorAll("[style]").Select(e => $"{url}: style=\"{e.GetAttribute("style")}\" on <{e.LocalName}>"));
            found.AddRange(document.All.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.Ordinal) || a.Value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                .Select(a => $"{url}: {a.Name}=…"));
        }

        Assert.Empty(found);
    }

    [Fact]
    public async Task Production_Https_HstsAndSecureCookies()
    {
        // Arrange
        await using var app = new SecurityApp("Production");
        var user = await app.UserAsync(Roles.NationalAdmin);
        var plain = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://registry.example") });
        var https = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://registry.example") });

        // Act
        var redirected = await plain.GetAsync("/cards", Ct);
        var probe = await plain.GetAsync("/healthz", Ct);
        var page = await https.GetAsync("/account/login", Ct);
        var signIn = await https.SignInAsync(user.Email, user.Password);

        // Assert
        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirected.StatusCode);
        Assert.Equal("https://registry.example/cards", redirected.Headers.Location?.ToString());
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        Assert.StartsWith("max-age=31536000", string.Join(",", page.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        var antiforgeryCookie = Assert.Single(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgeryCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var authCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sr.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", authCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", authCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Production_ForwardedProto_IsBelievedFromConfiguredProxiesOnly()
    {
        // Arrange: a TLS proxy at 10.0.0.5 (configured) in front of the app
        await using var app = new SecurityApp("Production", ("Security:KnownProxies:0", "10.0.0.5"));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://registry.example") });

        async Task<HttpResponseMessage> FromAsync(string peer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
            request.Headers.Add(SecurityApp.ClientAddress, peer);
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "198.51.100.7");
            return await client.SendAsync(request, Ct);
        }

        // Act
        var throughProxy = await FromAsync("10.0.0.5");
        var fromElsewhere = await FromAsync("10.0.0.9");

        // Assert: the proxy's word that the client used HTTPS is taken; anyone else's is not (redirected to HTTPS)
        Assert.Equal(HttpStatusCode.OK, throughProxy.StatusCode);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, fromElsewhere.StatusCode);
    }

    [Fact]
    public async Task Production_WithRequireHttpsOff_ServesPlainHttpWithoutRedirectOrHsts()
    {
        // Arrange: a loopback cluster or benchmark with no TLS anywhere (scripts/cluster.sh, scripts/bench-*.sh)
        await using var app = new SecurityApp("Production", ("Security:RequireHttps", "false"));
        var user = await app.UserAsync(Roles.NationalAdmin);
        var plain = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://127.0.0.1") });

        // Act
        var page = await plain.GetAsync("/account/login", Ct);
        var signIn = await plain.SignInAsync(user.Email, user.Password);

        // Assert: served as asked, no HSTS, cookies usable over HTTP; the other headers stay
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("DENY", string.Join(",", page.Headers.GetValues("X-Frame-Options")));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var authCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sr.auth=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", authCookie, StringComparison.OrdinalIgnoreCase);
    }
}
