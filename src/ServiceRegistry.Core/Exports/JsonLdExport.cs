using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Exports;

/// <summary>
/// Cards as CPSV-AP 3.2 JSON-LD: each card a <c>cpsv:PublicService</c> with its competent authority
/// (<c>cv:PublicOrganisation</c>), channels (<c>cv:Channel</c>), costs (<c>cv:Cost</c>), required documents
/// (<c>cv:Evidence</c>), laws (<c>cpsv:Rule</c> implementing an <c>eli:LegalResource</c>), processing time
/// (<c>cv:processingTime</c>, xsd:duration) and life events (<c>cv:LifeEvent</c>). What CPSV-AP has no term for
/// (service type, level, nature, e-readiness, process steps, …) uses the extension namespace <see cref="Extension"/>,
/// documented in docs/cpsv-ap.md. One document: <c>{"@context": …, "@graph": [services]}</c>.
/// </summary>
public sealed class JsonLdExport(string? baseUri = null)
{
    /// <summary>The registry's extension vocabulary (docs/cpsv-ap.md).</summary>
    public const string Extension = "https://w3id.org/ir-service-registry/ns#";

    private const string Currency = "http://publications.europa.eu/resource/authority/currency/IRR";
    private const string Country = "http://publications.europa.eu/resource/authority/country/IRN";

    private readonly string _base = string.IsNullOrWhiteSpace(baseUri) ? "urn:ir-service-registry:" : baseUri.TrimEnd('/') + "/";

    /// <summary>The @context: every key the export writes is a term here, resolving to CPSV-AP, DCMI, SKOS, ELI or the extension.</summary>
    public static JsonObject Context() => new()
    {
        ["@version"] = 1.1,
        ["@language"] = "fa",
        ["cpsv"] = "http://purl.org/vocab/cpsv#",
        ["cv"] = "http://data.europa.eu/m8g/",
        ["dct"] = "http://purl.org/dc/terms/",
        ["eli"] = "http://data.europa.eu/eli/ontology#",
        ["skos"] = "http://www.w3.org/2004/02/skos/core#",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
        ["sr"] = Extension,
        ["PublicService"] = "cpsv:PublicService",
        ["PublicOrganisation"] = "cv:PublicOrganisation",
        ["Channel"] = "cv:Channel",
        ["Cost"] = "cv:Cost",
        ["Evidence"] = "cv:Evidence",
        ["Rule"] = "cpsv:Rule",
        ["LegalResource"] = "eli:LegalResource",
        ["LifeEvent"] = "cv:LifeEvent",
        ["Event"] = "cv:Event",
        ["Location"] = "dct:Location",
        ["Concept"] = "skos:Concept",
        ["identifier"] = Term("dct:identifier", language: false),
        ["name"] = "dct:title",
        ["description"] = "dct:description",
        ["prefLabel"] = "skos:prefLabel",
        ["notation"] = Term("skos:notation", language: false),
        ["channelType"] = "dct:type",
        ["hasCompetentAuthority"] = "cv:hasCompetentAuthority",
        ["spatial"] = "dct:spatial",
        ["hasChannel"] = "cv:hasChannel",
        ["hasCost"] = "cv:hasCost",
        ["value"] = Term("cv:value", "xsd:decimal"),
        ["currency"] = "cv:currency",
        ["hasInput"] = "cpsv:hasInput",
        ["follows"] = "cpsv:follows",
        ["implements"] = "cpsv:implements",
        ["hasLegalResource"] = "cv:hasLegalResource",
        ["processingTime"] = Term("cv:processingTime", "xsd:duration"),
        ["isGroupedBy"] = "cv:isGroupedBy",
        ["serviceType"] = Term("sr:serviceType", language: false),
        ["level"] = Term("sr:level", language: false),
        ["nature"] = Term("sr:nature", language: false),
        ["status"] = Term("sr:status", language: false),
        ["eReadinessLevel"] = Term("sr:eReadinessLevel", "xsd:integer"),
        ["free"] = Term("sr:free", "xsd:boolean"),
        ["parentServiceId"] = Term("sr:parentServiceId", language: false),
        ["audience"] = "sr:audience",
        ["systemName"] = "sr:systemName",
        ["webAddress"] = Term("sr:webAddress", language: false),
        ["usedInStage"] = Term("sr:usedInStage", language: false),
        ["inPersonVisits"] = Term("sr:inPersonVisits", "xsd:integer"),
        ["averageDurationText"] = "sr:averageDurationText",
        ["processStep"] = new JsonObject { ["@id"] = "sr:processStep", ["@container"] = "@list" },
        ["source"] = Term("dct:source", "@id"),
        ["isTemplate"] = Term("sr:isTemplate", "xsd:boolean"),
    };

    public async Task WriteAsync(IAsyncEnumerable<ServiceCard> cards, Stream output, CancellationToken ct = default)
    {
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = CardJson.IndentedOptions.Encoder, IndentSize = 2 });
        writer.WriteStartObject();
        writer.WritePropertyName("@context");
        Context().WriteTo(writer);
        writer.WriteStartArray("@graph");
        await foreach (var card in cards.WithCancellation(ct))
        {
            Service(card).WriteTo(writer);
            if (writer.BytesPending > 1 << 16)
            {
                await writer.FlushAsync(ct);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(ct);
    }

    /// <summary>One card as a PublicService node.</summary>
    public JsonObject Service(ServiceCard card)
    {
        var c = card.Content;
        var id = $"{_base}services/{card.Id}";
        var node = new JsonObject
        {
            ["@id"] = id,
            ["@type"] = "PublicService",
            ["identifier"] = card.ServiceId ?? id, // CPSV-AP requires one: the national service ID once issued, else the registry's address
            ["name"] = c.Title,
        };
        Add(node, "description", c.Description);
        node["hasCompetentAuthority"] = Organisation(card);
        Add(node, "parentServiceId", c.ParentServiceId);
        node["status"] = Labels.Code(card.Status);
        if (card.TemplateId is { } template)
        {
            node["source"] = $"{_base}services/{template}"; // an instance names the national template it is made from
        }
        else if (card.IsTemplate)
        {
            node["isTemplate"] = true;
        }

        var channels = new JsonArray();
        foreach (var group in c.Stages.All().SelectMany(s => s.Stage.Channels.Select(ch => (ch, s.Key))).GroupBy(x => x.ch))
        {
            channels.Add(new JsonObject
            {
                ["@id"] = $"{id}#channel-{Labels.Code(group.Key)}",
                ["@type"] = "Channel",
                ["identifier"] = $"{id}#channel-{Labels.Code(group.Key)}",
                ["channelType"] = Concept("channel", group.Key),
                ["usedInStage"] = new JsonArray([.. group.Select(g => JsonValue.Create(g.Key)).Distinct()]),
            });
        }

        Add(node, "hasChannel", channels);

        var costs = new JsonArray();
        foreach (var (amount, i) in c.Fees.AmountsRials.Select((a, i) => (a, i + 1)))
        {
            costs.Add(new JsonObject
            {
                ["@id"] = $"{id}#cost-{i}",
                ["@type"] = "Cost",
                ["identifier"] = $"{id}#cost-{i}",
                ["value"] = amount.ToString(CultureInfo.InvariantCulture),
                ["currency"] = new JsonObject { ["@id"] = Currency, ["@type"] = "Concept", ["notation"] = "IRR", ["prefLabel"] = "ریال" },
                ["description"] = c.Fees.Note is { Length: > 0 } note ? note : null,
            });
        }

        RemoveNulls(costs);
        Add(node, "hasCost", costs);
        Add(node, "hasInput", new JsonArray([.. c.RequiredDocuments.Select((d, i) => new JsonObject
        {
            ["@id"] = $"{id}#evidence-{i + 1}", ["@type"] = "Evidence", ["identifier"] = $"{id}#evidence-{i + 1}", ["name"] = d,
        })]));

        // The form names each law in one line: that line is the rule's name and description and the legal resource's name.
        var laws = c.Laws.Select((l, i) => new JsonObject { ["@id"] = $"{id}#law-{i + 1}", ["@type"] = "LegalResource", ["name"] = l }).ToList();
        Add(node, "follows", new JsonArray([.. laws.Select((l, i) => new JsonObject
        {
            ["@id"] = $"{id}#rule-{i + 1}",
            ["@type"] = "Rule",
            ["identifier"] = $"{id}#rule-{i + 1}",
            ["name"] = l["name"]!.GetValue<string>(),
            ["description"] = l["name"]!.GetValue<string>(),
            ["implements"] = l.DeepClone(),
        })]));
        Add(node, "hasLegalResource", new JsonArray([.. laws]));
        Add(node, "processingTime", Duration(c.AverageDuration));
        Add(node, "averageDurationText", c.AverageDuration.Text);
        Add(node, "isGroupedBy", new JsonArray([.. c.LifeEvents.Select(e => (JsonNode)LifeEvent(e))]));
        Add(node, "serviceType", new JsonArray([.. c.ServiceTypes.Select(t => JsonValue.Create(Labels.Code(t)))]));
        Add(node, "level", new JsonArray([.. c.Levels.Select(l => JsonValue.Create(Labels.Code(l)))]));
        Add(node, "nature", c.Nature is { } n ? Labels.Code(n) : null);
        Add(node, "audience", c.Audience);
        Add(node, "systemName", c.SystemName);
        Add(node, "webAddress", new JsonArray([.. c.WebAddresses.Select(w => JsonValue.Create(w))]));
        if (c.InPersonVisits.Count is { } visits)
        {
            node["inPersonVisits"] = visits.ToString(CultureInfo.InvariantCulture);
        }

        node["eReadinessLevel"] = card.Maturity.ToString(CultureInfo.InvariantCulture);
        node["free"] = card.IsFree ? "true" : "false";
        Add(node, "processStep", new JsonArray([.. c.ProcessSteps.Select(s => JsonValue.Create(s))]));
        return node;
    }

    private JsonObject Organisation(ServiceCard card)
    {
        var org = new JsonObject
        {
            ["@id"] = $"{_base}agencies/{card.AgencyId}",
            ["@type"] = "PublicOrganisation",
            ["prefLabel"] = card.Agency?.Name ?? card.Content.Provider.Agency ?? "",
        };
        // CPSV-AP requires the organisation's area: its province, or the country for a national body
        org["spatial"] = (card.Province ?? card.Agency?.Province) is { Length: > 0 } province
            ? new JsonObject { ["@type"] = "Location", ["prefLabel"] = province }
            : new JsonObject { ["@id"] = Country, ["@type"] = "Location", ["prefLabel"] = "ایران" };
        return org;
    }

    /// <summary>A life event: a <c>cv:LifeEvent</c> and so a <c>cv:Event</c> (typed as both: validators do no inference),
    /// with the spec's code as identifier and notation and the Persian label as name and label.</summary>
    private static JsonObject LifeEvent(LifeEvent value)
    {
        var node = Concept("lifeEvent", value, "LifeEvent");
        node["@type"] = new JsonArray("LifeEvent", "Event");
        node["identifier"] = Labels.Code(value);
        node["name"] = Labels.Of(value);
        return node;
    }

    private static JsonObject Concept<T>(string scheme, T value, string type = "Concept") where T : struct, Enum => new()
    {
        ["@id"] = $"sr:{scheme}/{Labels.Code(value)}",
        ["@type"] = type,
        ["notation"] = Labels.Code(value),
        ["prefLabel"] = Labels.Of(value),
    };

    /// <summary>The average duration as xsd:duration (P3D, PT2H, P6M…), when its value and unit are known.</summary>
    public static string? Duration(AverageDuration duration)
    {
        if (duration.Value is not { } value || duration.Unit is not { } unit || value < 0)
        {
            return null;
        }

        if (value != decimal.Truncate(value))
        {
            // xsd:duration allows a fraction only on seconds: express fractional days and hours in minutes.
            var minutes = unit switch { DurationUnit.Hour => value * 60, DurationUnit.Day => value * 1440, DurationUnit.Week => value * 10080, _ => -1m };
            return minutes < 0 ? null : $"PT{decimal.Round(minutes).ToString(CultureInfo.InvariantCulture)}M";
        }

        var v = value.ToString("0", CultureInfo.InvariantCulture);
        return unit switch
        {
            DurationUnit.Hour => $"PT{v}H",
            DurationUnit.Day => $"P{v}D",
            DurationUnit.Week => $"P{(value * 7).ToString("0", CultureInfo.InvariantCulture)}D",
            DurationUnit.Month => $"P{v}M",
            _ => $"P{v}Y",
        };
    }

    private static JsonObject Term(string id, string? type = null, bool language = true)
    {
        var term = new JsonObject { ["@id"] = id };
        if (type is not null)
        {
            term["@type"] = type;
        }
        else if (!language)
        {
            term["@language"] = null;
        }

        return term;
    }

    private static void Add(JsonObject node, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            node[key] = value;
        }
    }

    private static void Add(JsonObject node, string key, JsonNode? value)
    {
        if (value is JsonArray { Count: 0 } or null)
        {
            return;
        }

        node[key] = value;
    }

    private static void RemoveNulls(JsonArray array)
    {
        foreach (var item in array.OfType<JsonObject>())
        {
            foreach (var key in item.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                item.Remove(key);
            }
        }
    }
}
