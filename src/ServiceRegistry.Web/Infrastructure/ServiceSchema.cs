using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>
/// A published service as search engines read it: schema.org <c>GovernmentService</c> JSON-LD (name, description,
/// provider, areaServed, serviceType, audience, fees as offers) and the Open Graph description, for the head of the
/// public service page (Pages/Shared/_ServiceMeta.cshtml).
/// </summary>
public static class ServiceSchema
{
    public const string SiteName = "سامانه شناسنامه خدمات";

    // Persian stays readable; <, >, & and quotes are escaped, so the text cannot close the script element.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The JSON-LD text for <paramref name="card"/>, whose page is <paramref name="url"/>.</summary>
    public static string JsonLd(ServiceCard card, string url)
    {
        var c = card.Content;
        var provider = new JsonObject { ["@type"] = "GovernmentOrganization", ["name"] = card.Agency?.Name ?? c.Provider.Agency };
        if (!string.IsNullOrWhiteSpace(c.Provider.ParentAgency))
        {
            provider["parentOrganization"] = new JsonObject { ["@type"] = "GovernmentOrganization", ["name"] = c.Provider.ParentAgency };
        }

        var province = card.Province ?? c.Provider.Province;
        var service = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "GovernmentService",
            ["@id"] = url + "#service",
            ["url"] = url,
            ["name"] = c.Title,
            ["description"] = Description(card),
            ["identifier"] = card.ServiceId,
            ["provider"] = provider,
            ["areaServed"] = new JsonObject
            {
                ["@type"] = string.IsNullOrWhiteSpace(province) ? "Country" : "AdministrativeArea",
                ["name"] = string.IsNullOrWhiteSpace(province) ? "ایران" : $"استان {province}",
            },
            ["serviceType"] = new JsonArray([.. c.ServiceTypes.Select(t => (JsonNode)JsonValue.Create(Labels.Of(t)))]),
            ["offers"] = Offers(c.Fees),
        };
        if (!string.IsNullOrWhiteSpace(c.Audience))
        {
            service["audience"] = new JsonObject { ["@type"] = "Audience", ["audienceType"] = c.Audience.Trim() };
        }

        foreach (var empty in service.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            service.Remove(empty);
        }

        return service.ToJsonString(Json);
    }

    /// <summary>The page's description: the card's own, or what it is and who provides it.</summary>
    public static string Description(ServiceCard card)
    {
        var text = card.Content.Description?.Trim();
        return string.IsNullOrEmpty(text) ? $"{card.Content.Title} — {card.Agency?.Name ?? card.Content.Provider.Agency}" : text;
    }

    /// <summary>Free: one offer at 0 rials; otherwise one offer per amount (rials, IRR), with the card's note; null when the
    /// card states no fee at all.</summary>
    private static JsonArray? Offers(Fees fees)
    {
        var paid = fees.AmountsRials.Where(a => a > 0).ToList();
        List<long> prices = fees.Free || (paid.Count == 0 && fees.AmountsRials.Count > 0) ? [0L] : paid;
        if (prices.Count == 0)
        {
            return null;
        }

        return new JsonArray([.. prices.Select(a =>
        {
            var offer = new JsonObject { ["@type"] = "Offer", ["price"] = a, ["priceCurrency"] = "IRR" };
            if (!string.IsNullOrWhiteSpace(fees.Note))
            {
                offer["description"] = fees.Note.Trim();
            }

            return (JsonNode)offer;
        })]);
    }
}
