using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Api;

/// <summary>
/// What search engines read: <c>/robots.txt</c> (staff areas and the API closed to crawlers) and <c>/sitemap.xml</c>
/// (every published service's page with its last change). A sitemap file holds at most 50,000 addresses
/// (<c>SearchEngines:UrlsPerSitemap</c>); above that <c>/sitemap.xml</c> is an index of <c>/sitemap-N.xml</c> files.
/// </summary>
public static class SearchEnginesApi
{
    public const int MaxUrlsPerSitemap = 50_000;
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>The parts of the site only staff use; crawlers are kept out of them.</summary>
    public static readonly IReadOnlyList<string> Disallowed = ["/account", "/admin", "/cards", "/review", "/api/", "/error"];

    public static IEndpointRouteBuilder MapSearchEngines(this IEndpointRouteBuilder app)
    {
        app.MapGet("/robots.txt", Robots).ExcludeFromDescription();
        app.MapGet("/sitemap.xml", Sitemap).ExcludeFromDescription();
        app.MapGet("/sitemap-{n:int}.xml", SitemapPart).ExcludeFromDescription();
        return app;
    }

    public static IResult Robots(HttpContext http)
    {
        var text = new StringBuilder("User-agent: *\nAllow: /\n");
        foreach (var path in Disallowed)
        {
            text.Append("Disallow: ").Append(path).Append('\n');
        }

        text.Append("Sitemap: ").Append(Site(http)).Append("/sitemap.xml\n");
        return TypedResults.Text(text.ToString(), "text/plain", Encoding.UTF8);
    }

    public static async Task Sitemap(HttpContext http, RegistryDbContext db, IConfiguration config, CancellationToken ct)
    {
        var perFile = PerFile(config);
        var count = await Published(db).CountAsync(ct);
        if (count <= perFile)
        {
            await WriteUrlsAsync(http, db, 0, perFile, ct);
            return;
        }

        await using var xml = await StartAsync(http);
        await xml.WriteStartElementAsync(null, "sitemapindex", SitemapNs);
        for (var n = 1; n <= (count + perFile - 1) / perFile; n++)
        {
            await xml.WriteStartElementAsync(null, "sitemap", SitemapNs);
            await xml.WriteElementStringAsync(null, "loc", SitemapNs, $"{Site(http)}/sitemap-{n}.xml");
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
    }

    public static async Task SitemapPart(int n, HttpContext http, RegistryDbContext db, IConfiguration config, CancellationToken ct)
    {
        var perFile = PerFile(config);
        if (n < 1 || (long)(n - 1) * perFile >= await Published(db).CountAsync(ct))
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await WriteUrlsAsync(http, db, (n - 1) * perFile, perFile, ct);
    }

    private static async Task WriteUrlsAsync(HttpContext http, RegistryDbContext db, int skip, int take, CancellationToken ct)
    {
        var site = Site(http);
        await using var xml = await StartAsync(http);
        await xml.WriteStartElementAsync(null, "urlset", SitemapNs);
        await foreach (var card in Published(db).OrderBy(c => c.Id).Skip(skip).Take(take).Select(c => new { c.Id, c.UpdatedAt }).AsAsyncEnumerable().WithCancellation(ct))
        {
            await xml.WriteStartElementAsync(null, "url", SitemapNs);
            await xml.WriteElementStringAsync(null, "loc", SitemapNs, $"{site}/services/{card.Id}");
            await xml.WriteElementStringAsync(null, "lastmod", SitemapNs, DateTime.SpecifyKind(card.UpdatedAt, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
    }

    private static async Task<XmlWriter> StartAsync(HttpContext http)
    {
        http.Response.ContentType = "application/xml; charset=utf-8";
        var xml = XmlWriter.Create(http.Response.Body, new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false) });
        await xml.WriteStartDocumentAsync();
        return xml;
    }

    private static IQueryable<ServiceCard> Published(RegistryDbContext db) => db.Cards.AsNoTracking().Where(c => c.Status == CardStatus.Published);

    private static int PerFile(IConfiguration config) => Math.Clamp(config.GetValue("SearchEngines:UrlsPerSitemap", MaxUrlsPerSitemap), 1, MaxUrlsPerSitemap);

    /// <summary>The site's address as the request reached it (behind the forwarded-headers middleware).</summary>
    public static string Site(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";
}
