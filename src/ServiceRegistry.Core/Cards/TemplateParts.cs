using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Cards;

/// <summary>One part of a card that a national template holds and its instances inherit (or override): its JSON
/// path, its Persian label and how it is read and written on a card.</summary>
public sealed record TemplatePart(string Key, string Label, Func<CardContent, object?> Read, Action<CardContent, CardContent> CopyInto)
{
    /// <summary>The part's JSON path (<c>$.requiredDocuments</c>), as the API names overridden and changed parts.</summary>
    public string Path => "$." + Key;
}

/// <summary>How a part of an instance stands against its national template; the form and the card mark each part so.</summary>
public enum PartState
{
    /// <summary>A shared part with the template's text, read-only on the instance.</summary>
    [Display(Name = "از الگوی ملی")]
    Inherited,

    /// <summary>A shared part the instance sets over the template.</summary>
    [Display(Name = "بازنویسی‌شده")]
    Overridden,

    /// <summary>A part each instance writes for itself (provider, fees, recipients, addresses, web, offices…).</summary>
    [Display(Name = "محلی")]
    Local,
}

/// <summary>
/// The split of a card between a national template and its local instances (shared/spec/templates-and-figures.md):
/// which parts the template holds, the effective content of an instance (the template's parts with the instance's
/// overrides and local parts), and which parts differ substantively (normalised text or a code; not spacing, ZWNJ,
/// digit script or punctuation).
/// </summary>
public static class TemplateParts
{
    /// <summary>The parts a template holds, in the form's order; everything else (provider, recipients, visits,
    /// fees, web addresses, system, offices, form filler, service ID) is local to each instance.</summary>
    public static readonly IReadOnlyList<TemplatePart> Shared =
    [
        new("title", "عنوان خدمت", c => c.Title, (to, from) => to.Title = from.Title),
        new("description", "شرح خدمت", c => c.Description, (to, from) => to.Description = from.Description),
        new("serviceTypes", "نوع خدمت", c => c.ServiceTypes, (to, from) => to.ServiceTypes = from.ServiceTypes),
        new("audience", "نوع مخاطبین", c => c.Audience, (to, from) => to.Audience = from.Audience),
        new("nature", "ماهیت خدمت", c => c.Nature, (to, from) => to.Nature = from.Nature),
        new("levels", "سطح خدمت", c => c.Levels, (to, from) => to.Levels = from.Levels),
        new("lifeEvents", "رویداد مرتبط", c => new { c.LifeEvents, c.LifeEventOther }, (to, from) => (to.LifeEvents, to.LifeEventOther) = (from.LifeEvents, from.LifeEventOther)),
        new("triggers", "نحوه آغاز خدمت", c => new { c.Triggers, c.TriggerOther }, (to, from) => (to.Triggers, to.TriggerOther) = (from.Triggers, from.TriggerOther)),
        new("requiredDocuments", "مدارک لازم", c => c.RequiredDocuments, (to, from) => to.RequiredDocuments = from.RequiredDocuments),
        new("laws", "قوانین و مقررات", c => c.Laws, (to, from) => to.Laws = from.Laws),
        new("averageDuration", "متوسط مدت زمان", c => c.AverageDuration, (to, from) => to.AverageDuration = from.AverageDuration),
        new("frequency", "تواتر", c => c.Frequency, (to, from) => to.Frequency = from.Frequency),
        new("stages", "مراحل خدمت", c => c.Stages, (to, from) => to.Stages = from.Stages),
        new("processSteps", "عناوین فرایندها", c => c.ProcessSteps, (to, from) => to.ProcessSteps = from.ProcessSteps),
        new("permits", "مجوزها", c => c.Permits, (to, from) => to.Permits = from.Permits),
        new("internalSystemLinks", "ارتباط با سامانه‌های دستگاه", c => c.InternalSystemLinks, (to, from) => to.InternalSystemLinks = from.InternalSystemLinks),
        new("externalAgencyLinks", "ارتباط با سایر دستگاه‌ها", c => c.ExternalAgencyLinks, (to, from) => to.ExternalAgencyLinks = from.ExternalAgencyLinks),
    ];

    /// <summary>The parts local to each instance that a template may still give a value for (a national fee, say):
    /// a new instance starts from it, and an instance whose value differs is said to override it.</summary>
    public static readonly IReadOnlyList<TemplatePart> Local =
    [
        new("recipients", "آمار خدمت گیرندگان", c => c.Recipients, (to, from) => to.Recipients = from.Recipients),
        new("inPersonVisits", "تعداد بار مراجعه حضوری", c => c.InPersonVisits, (to, from) => to.InPersonVisits = from.InPersonVisits),
        new("fees", "هزینه ارائه خدمت", c => c.Fees, (to, from) => to.Fees = from.Fees),
        new("webAddresses", "آدرس خدمت در وبگاه", c => c.WebAddresses, (to, from) => to.WebAddresses = from.WebAddresses),
        new("systemName", "نام سامانه", c => c.SystemName, (to, from) => to.SystemName = from.SystemName),
        new("offices", "محل ارائه خدمت", c => c.Offices, (to, from) => to.Offices = from.Offices),
    ];

    /// <summary>The keys of every part the spec makes local to an instance (its provider and form filler too), as the
    /// form and the card mark them.</summary>
    public static readonly IReadOnlyList<string> LocalKeys =
        ["provider", "recipients", "inPersonVisits", "fees", "webAddresses", "systemName", "offices", "formFiller"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly CardContent Blank = new();

    /// <summary>The shared part with this key or JSON path, or null.</summary>
    public static TemplatePart? Find(string keyOrPath) =>
        Shared.FirstOrDefault(p => p.Key == keyOrPath || p.Path == keyOrPath);

    /// <summary>
    /// The effective content of an instance: a copy of <paramref name="instance"/> whose shared parts are the
    /// template's, except those in <paramref name="overridden"/> (keys or paths), which keep the instance's own.
    /// Neither argument is changed.
    /// </summary>
    public static CardContent Effective(CardContent template, CardContent instance, IEnumerable<string> overridden)
    {
        var keep = overridden.Select(k => Find(k)?.Key).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var result = Clone(instance);
        var shared = Clone(template);
        foreach (var part in Shared.Where(p => !keep.Contains(p.Key)))
        {
            part.CopyInto(result, shared);
        }

        return result;
    }

    /// <summary>The instance content with the template's version of the given parts (keys or paths) taken over.</summary>
    public static CardContent Take(CardContent template, CardContent instance, IEnumerable<string> parts)
    {
        var take = parts.Select(k => Find(k)?.Key).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return Effective(template, instance, Shared.Select(p => p.Key).Where(k => !take.Contains(k)));
    }

    /// <summary>A new instance's content: the local parts it leaves empty start from the template's values.</summary>
    public static CardContent Prefill(CardContent template, CardContent instance)
    {
        var result = Clone(instance);
        var source = Clone(template);
        foreach (var part in Local.Where(p => IsBlank(p, result) && !IsBlank(p, source)))
        {
            part.CopyInto(result, source);
        }

        return result;
    }

    /// <summary>The JSON paths of the local parts the template gives a value for and the instance sets otherwise.</summary>
    public static IReadOnlyList<string> LocalOverrides(CardContent template, CardContent instance) =>
        Local.Where(p => !IsBlank(p, template) && Canonical(p.Read(template)) != Canonical(p.Read(instance))).Select(p => p.Path).ToList();

    private static bool IsBlank(TemplatePart part, CardContent content) => Canonical(part.Read(content)) == Canonical(part.Read(Blank));

    /// <summary>The keys of the shared parts that differ substantively between two contents, in the form's order.</summary>
    public static IReadOnlyList<string> Changed(CardContent before, CardContent after) =>
        Shared.Where(p => Canonical(p.Read(before)) != Canonical(p.Read(after))).Select(p => p.Key).ToList();

    /// <summary>Whether two texts differ substantively: their normalised form (PersianText.Normalize: letters, digits,
    /// ZWNJ) with punctuation and spacing folded away.</summary>
    public static bool Differ(string? a, string? b) => Fold(a) != Fold(b);

    /// <summary>A part's value as JSON with every text folded (<see cref="Fold"/>), so equal means "not substantively changed".</summary>
    internal static string Canonical(object? value)
    {
        var node = JsonSerializer.SerializeToNode(value, Json);
        return FoldNode(node)?.ToJsonString() ?? "null";
    }

    private static JsonNode? FoldNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o.ToList())
                {
                    o[key] = FoldNode(child?.DeepClone());
                }

                return o;
            case JsonArray a:
                var items = a.Select(i => FoldNode(i?.DeepClone())).ToList();
                a.Clear();
                foreach (var item in items)
                {
                    a.Add(item);
                }

                return a;
            case JsonValue v when v.TryGetValue<string>(out var text):
                return JsonValue.Create(Fold(text));
            case null:
                return JsonValue.Create(""); // an unknown text and an empty one are the same
            default:
                return node;
        }
    }

    /// <summary>The text as compared: normalised, then punctuation, symbols and every space removed (so ZWNJ, which
    /// normalises to a space, and a missing space compare equal). Null and empty are the same.</summary>
    private static string Fold(string? text)
    {
        var normal = PersianText.Normalize(text);
        var sb = new StringBuilder(normal.Length);
        foreach (var c in normal)
        {
            if (!char.IsWhiteSpace(c) && !char.IsPunctuation(c) && !char.IsSymbol(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static CardContent Clone(CardContent content) =>
        JsonSerializer.Deserialize<CardContent>(JsonSerializer.Serialize(content, Json), Json)!;
}
