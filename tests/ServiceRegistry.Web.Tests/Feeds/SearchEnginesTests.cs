using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;
using ServiceRegistry.Web.Tests.Api;

namespace ServiceRegistry.Web.Tests.Feeds;

/// <summary>robots.txt, the sitemap (and its index past the per-file limit) and each public service page's head:
/// schema.org GovernmentService JSON-LD, Open Graph and the canonical address.</summary>
public sealed class SearchEnginesTests : IAsyncLifetime
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private readonly RegistryApp _app = new() { SeedDemoData = true };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Sitemap_ListsEveryPublishedServiceWithItsLastChangeAndNoDraft()
    {
        // Arrange
        var draft = (await _app.SeedAsync(new CardBuilder().Titled("پیش‌نویس پنهان")))[0];
        var client = _app.CreateBrowserlessClient();
        var published = await PublishedAsync(client);

        // Act
        var response = await client.GetAsync("/sitemap.xml", Ct);

        // Assert
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var urls = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Root!.Elements(Sitemap + "url").ToList();
        var listed = urls.ToDictionary(u => new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath, u => u.Element(Sitemap + "lastmod")!.Value);
        Assert.Equal(published.Select(id => $"/services/{id}").Order(), listed.Keys.Order());
        Assert.DoesNotContain($"/services/{draft.Id}", listed.Keys);
        foreach (var id in published)
        {
            var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/services/{id}", Ct);
            Assert.Equal(card.GetProperty("updatedAt").GetDateTime(), DateTime.Parse(listed[$"/services/{id}"], System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime());
        }
    }

    [Fact]
    public async Task Sitemap_MoreServicesThanOneFileHolds_IsAnIndexOfFilesThatTogetherListThemAll()
    {
        // Arrange: two addresses per file (50,000 in production)
        await using var node = _app.AnotherNode("small-sitemaps", ("SearchEngines:UrlsPerSitemap", "2"));
        var client = node.CreateClient();
        var published = await PublishedAsync(client);

        // Act
        var index = XDocument.Parse(await client.GetStringAsync("/sitemap.xml", Ct)).Root!;
        var parts = index.Elements(Sitemap + "sitemap").Select(s => new Uri(s.Element(Sitemap + "loc")!.Value).AbsolutePath).ToList();
        var listed = new List<string>();
        foreach (var part in parts)
        {
            listed.AddRange(XDocument.Parse(await client.GetStringAsync(part, Ct)).Root!.Elements(Sitemap + "url").Select(u => new Uri(u.Element(Sitemap + "loc")!.Value).AbsolutePath));
        }

        // Assert
        Assert.Equal(Sitemap + "sitemapindex", index.Name);
        Assert.Equal((published.Count + 1) / 2, parts.Count);
        Assert.Equal(published.Select(id => $"/services/{id}").Order(), listed.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/sitemap-{parts.Count + 1}.xml", Ct)).StatusCode);
    }

    [Fact]
    public async Task Robots_ClosesStaffAreasAndNamesTheSitemap()
    {
        // Act
        var robots = await _app.CreateBrowserlessClient().GetStringAsync("/robots.txt", Ct);

        // Assert
        var lines = robots.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("User-agent: *", lines[0]);
        foreach (var closed in new[] { "/cards", "/review", "/admin", "/account", "/api/" })
        {
            Assert.Contains($"Disallow: {closed}", lines);
        }

        Assert.Contains(lines, l => l.StartsWith("Sitemap: http", StringComparison.Ordinal) && l.EndsWith("/sitemap.xml", StringComparison.Ordinal));
        Assert.DoesNotContain("Disallow: /services", lines);
    }

    [Fact]
    public async Task ServicePage_EachDemoService_HasGovernmentServiceJsonLdOpenGraphAndCanonical()
    {
        // Arrange
        var client = _app.CreateBrowserlessClient();
        var published = await PublishedAsync(client);
        Assert.NotEmpty(published);

        foreach (var id in published)
        {
            // Act
            var response = await client.GetAsync($"/services/{id}", Ct);
            var page = await RegistryApp.ParseAsync(response);
            var card = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/services/{id}", Ct)).GetProperty("card");

            // Assert
            var canonical = page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;
            Assert.Equal($"/services/{id}", new Uri(canonical).AbsolutePath);
            Assert.Equal(card.GetProperty("title").GetString(), page.QuerySelector("meta[property='og:title']")?.GetAttribute("content"));
            Assert.Equal(canonical, page.QuerySelector("meta[property='og:url']")?.GetAttribute("content"));
            Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("meta[property='og:description']")?.GetAttribute("content")));
            var blocks = page.QuerySelectorAll("script[type='application/ld+json']");
            var ld = JsonDocument.Parse(Assert.Single(blocks).TextContent).RootElement;
            Assert.Equal("https://schema.org", ld.GetProperty("@context").GetString());
            Assert.Equal("GovernmentService", ld.GetProperty("@type").GetString());
            Assert.Equal(card.GetProperty("title").GetString(), ld.GetProperty("name").GetString());
            Assert.False(string.IsNullOrWhiteSpace(ld.GetProperty("description").GetString()));
            Assert.Equal(canonical, ld.GetProperty("url").GetString());
            Assert.Equal("GovernmentOrganization", ld.GetProperty("provider").GetProperty("@type").GetString());
            Assert.False(string.IsNullOrWhiteSpace(ld.GetProperty("provider").GetProperty("name").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(ld.GetProperty("areaServed").GetProperty("name").GetString()));
            Assert.Equal(card.GetProperty("serviceTypes").GetArrayLength(), ld.GetProperty("serviceType").GetArrayLength());
            if (card.TryGetProperty("audience", out var audience) && audience.ValueKind == JsonValueKind.String)
            {
                Assert.Equal(audience.GetString()!.Trim(), ld.GetProperty("audience").GetProperty("audienceType").GetString());
            }

            var fees = card.GetProperty("fees");
            var offers = ld.TryGetProperty("offers", out var o) ? o.EnumerateArray().ToList() : [];
            Assert.All(offers, offer => Assert.Equal("IRR", offer.GetProperty("priceCurrency").GetString()));
            if (fees.GetProperty("free").GetBoolean())
            {
                Assert.Equal(0, Assert.Single(offers).GetProperty("price").GetInt64());
            }
            else
            {
                var amounts = fees.GetProperty("amountsRials").EnumerateArray().Select(a => a.GetInt64()).Where(a => a > 0).ToList();
                Assert.Equal(amounts, offers.Select(x => x.GetProperty("price").GetInt64()).Where(a => a > 0));
            }

            // the policy lets the page run only its own files; a JSON-LD data block is not a script it runs
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Sitemap_OneFileAndIndexWithItsFiles_ValidateAgainstTheSitemapProtocolSchema()
    {
        // Arrange: the protocol 0.9 as a schema (tests/fixtures/sitemaps), one file, and an index of files of 3 addresses
        var schemas = new XmlSchemaSet();
        schemas.Add("http://www.sitemaps.org/schemas/sitemap/0.9", Path.Combine(CpsvApShaclTests.Root, "tests", "fixtures", "sitemaps", "sitemap.xsd"));
        await using var node = _app.AnotherNode("xsd-sitemaps", ("SearchEngines:UrlsPerSitemap", "3"));
        var one = _app.CreateBrowserlessClient();
        var split = node.CreateClient();

        // Act
        var documents = new List<(string Name, XDocument Xml)> { ("/sitemap.xml", XDocument.Parse(await one.GetStringAsync("/sitemap.xml", Ct))) };
        var index = XDocument.Parse(await split.GetStringAsync("/sitemap.xml", Ct));
        documents.Add(("index", index));
        foreach (var part in index.Root!.Elements(Sitemap + "sitemap").Select(s => new Uri(s.Element(Sitemap + "loc")!.Value).AbsolutePath))
        {
            documents.Add((part, XDocument.Parse(await split.GetStringAsync(part, Ct))));
        }

        var errors = new List<string>();
        foreach (var (name, xml) in documents)
        {
            xml.Validate(schemas, (_, e) => errors.Add($"{name}: {e.Severity} {e.Message}"));
        }

        // Assert
        Assert.Empty(errors);
        Assert.Equal(Sitemap + "urlset", documents[0].Xml.Root!.Name);
        Assert.Equal(Sitemap + "sitemapindex", index.Root.Name);
        Assert.True(documents.Count >= 4, $"{documents.Count} documents");
    }

    [Fact]
    public async Task ServicePage_EachDemoService_JsonLdUsesOnlySchemaOrgTypesWithTheirOwnProperties()
    {
        // Arrange
        var client = _app.CreateBrowserlessClient();
        var errors = new List<string>();

        // Act: every node of every published page's block against schema.org's types and the properties each may carry
        foreach (var id in await PublishedAsync(client))
        {
            var page = await RegistryApp.ParseAsync(await client.GetAsync($"/services/{id}", Ct));
            var ld = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
            if (ld.GetProperty("@context").GetString() != "https://schema.org")
            {
                errors.Add($"{id}: @context");
            }

            CheckSchemaOrg(ld, $"/services/{id}", errors);
        }

        // Assert
        Assert.Empty(errors);
    }

    /// <summary>schema.org (version 29) types the page uses, with the properties schema.org gives them (their own and inherited
    /// ones that the page could use): a property outside these is one search engines ignore or flag.</summary>
    private static readonly string[] ThingProperties = ["@id", "@type", "@context", "name", "description", "url", "identifier", "alternateName", "sameAs"];

    private static readonly Dictionary<string, string[]> SchemaOrg = new()
    {
        ["GovernmentService"] = [.. ThingProperties, "provider", "areaServed", "serviceType", "audience", "offers", "availableChannel", "serviceOperator", "jurisdiction", "category", "termsOfService", "isRelatedTo"],
        ["GovernmentOrganization"] = [.. ThingProperties, "parentOrganization", "address", "areaServed", "email", "telephone"],
        ["AdministrativeArea"] = [.. ThingProperties, "containedInPlace"],
        ["Country"] = [.. ThingProperties, "containedInPlace"],
        ["Audience"] = [.. ThingProperties, "audienceType", "geographicArea"],
        ["Offer"] = [.. ThingProperties, "price", "priceCurrency", "eligibleRegion", "category"],
    };

    private static void CheckSchemaOrg(JsonElement node, string at, List<string> errors)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                CheckSchemaOrg(item, at + "[]", errors);
            }

            return;
        }

        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var type = node.TryGetProperty("@type", out var t) ? t.GetString() ?? "" : "";
        if (!SchemaOrg.TryGetValue(type, out var allowed))
        {
            errors.Add($"{at}: type «{type}» is not one of schema.org's types used here");
            return;
        }

        foreach (var property in node.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                errors.Add($"{at}: {type} has no property {property.Name} in schema.org");
            }

            if (property.Name is "url" or "@id" && !Uri.TryCreate(property.Value.GetString(), UriKind.Absolute, out _))
            {
                errors.Add($"{at}.{property.Name}: not an absolute address");
            }

            CheckSchemaOrg(property.Value, $"{at}.{property.Name}", errors);
        }

        if (type == "Offer" && (node.GetProperty("price").ValueKind != JsonValueKind.Number
            || !System.Text.RegularExpressions.Regex.IsMatch(node.GetProperty("priceCurrency").GetString() ?? "", "^[A-Z]{3}$")))
        {
            errors.Add($"{at}: an Offer needs a numeric price and an ISO 4217 currency");
        }
    }

    [Fact]
    public async Task ServicePage_TitleWithScriptEnd_CannotCloseTheDataBlock()
    {
        // Arrange
        var card = (await _app.SeedAsync(new CardBuilder().Titled("خدمت </script><script>alert(1)</script>").Published("10000000999")))[0];

        // Act
        var html = await _app.CreateBrowserlessClient().GetStringAsync($"/services/{card.Id}", Ct);

        // Assert
        var start = html.IndexOf("application/ld+json", StringComparison.Ordinal);
        var block = html[start..html.IndexOf("</script>", start, StringComparison.Ordinal)];
        Assert.DoesNotContain("<script>", block, StringComparison.Ordinal);
        Assert.Contains("\\u003C/script\\u003E", block, StringComparison.Ordinal);
    }

    /// <summary>Every published card: each has its own page (the list API shows a national service once, with its
    /// instances under it, so it is not the reference here).</summary>
    private Task<List<int>> PublishedAsync(HttpClient client) =>
        _app.WithDbAsync(db => db.Cards.Where(c => c.Status == CardStatus.Published && c.RevisionOfId == null).Select(c => c.Id).ToListAsync(Ct));
}
