using System.Globalization;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Catalog;

/// <summary>
/// The catalog's facets, each defined once, in the order the catalog page shows them. The address binding
/// (<see cref="ServiceQuery"/>), the SQL filter (<see cref="CatalogFilters.Apply"/>), the in-memory snapshot's filter
/// and counts, the facet lists and the catalog page's links and chips all read this table; a new facet is a new row
/// here (plus its promoted column, its property on <see cref="CatalogFilter"/> and <see cref="ServiceQuery"/>, and its
/// list in <see cref="CatalogFacets"/>).
/// </summary>
public static class Facets
{
    public static readonly Facet<ServiceType> Type = Enum<ServiceType>("type", "نوع خدمت", f => f.Type, (f, v) => f with { Type = v },
        q => q.Type, (q, v) => q with { Type = v }, t => { var m = 1 << (int)t; return c => (c.Types & m) != 0; }, r => r.Types, fs => fs.Type);

    public static readonly Facet<int> Maturity = new(
        "maturity", "سطح آمادگی الکترونیکی", fs => fs.Maturity,
        f => f.Maturity, (f, v) => f with { Maturity = v },
        q => q.Maturity?.ToString(CultureInfo.InvariantCulture), (q, v) => q with { Maturity = v is null ? null : int.Parse(v, CultureInfo.InvariantCulture) },
        text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var level) && level is >= 0 and <= MaturityLevel.Max ? level : null,
        _ => "سطح آمادگی الکترونیکی باید بین ۰ تا ۴ باشد.",
        level => level.ToString(CultureInfo.InvariantCulture), MaturityLevel.Label,
        level => c => c.Maturity == level,
        FacetColumn.Code, MaturityLevel.Max + 1, r => Math.Clamp(r.Maturity, 0, MaturityLevel.Max), level => level)
    {
        Domain = Enumerable.Range(0, MaturityLevel.Max + 1).ToList(),
    };

    public static readonly Facet<bool> Free = new(
        "free", "هزینه", fs => fs.Free,
        f => f.Free, (f, v) => f with { Free = v },
        q => q.Free?.ToString().ToLowerInvariant(), (q, v) => q with { Free = v is null ? null : bool.Parse(v) },
        text => bool.TryParse(text, out var free) ? free : null,
        _ => "free یکی از true یا false است.",
        free => free ? "true" : "false", Labels.Free,
        free => c => c.IsFree == free,
        FacetColumn.Code, 2, r => r.IsFree ? 1 : 0, free => free ? 1 : 0)
    {
        Domain = [true, false],
    };

    public static readonly Facet<ServiceLevel> Level = Enum<ServiceLevel>("level", "سطح خدمت", f => f.Level, (f, v) => f with { Level = v },
        q => q.Level, (q, v) => q with { Level = v }, l => { var m = 1 << (int)l; return c => (c.Levels & m) != 0; }, r => r.Levels, fs => fs.Level);

    public static readonly Facet<LifeEvent> LifeEvent = Enum<LifeEvent>("lifeEvent", "رویداد زندگی", f => f.LifeEvent, (f, v) => f with { LifeEvent = v },
        q => q.LifeEvent, (q, v) => q with { LifeEvent = v }, e => { var m = 1 << (int)e; return c => (c.LifeEvents & m) != 0; }, r => r.LifeEvents, fs => fs.LifeEvent);

    public static readonly Facet<Nature> Nature = new(
        "nature", "ماهیت خدمت", fs => fs.Nature,
        f => f.Nature, (f, v) => f with { Nature = v },
        q => q.Nature, (q, v) => q with { Nature = v },
        text => CatalogCodes.TryParse<Nature>(text, out var n) ? n : null,
        text => Invalid<Nature>(text),
        n => Labels.Code(n), n => Labels.Of(n),
        n => c => c.Nature == n,
        FacetColumn.Code, System.Enum.GetValues<Nature>().Length,
        r => r.Nature is { } n ? (int)n : System.Enum.GetValues<Nature>().Length, n => (int)n)
    {
        Domain = System.Enum.GetValues<Nature>(),
    };

    public static readonly ProvinceFacet Province = new();

    public static readonly Facet<int> Agency = new(
        "agency", "دستگاه اجرایی", fs => fs.Agency,
        f => f.Agency, (f, v) => f with { Agency = v },
        q => q.Agency?.ToString(CultureInfo.InvariantCulture), (q, v) => q with { Agency = v is null ? null : int.Parse(v, CultureInfo.InvariantCulture) },
        text => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null,
        text => $"شناسه دستگاه نامعتبر «{text}».",
        id => id.ToString(CultureInfo.InvariantCulture), id => Text.PersianText.ToPersianDigits(id.ToString(CultureInfo.InvariantCulture)),
        id => c => c.AgencyId == id,
        FacetColumn.Interned, 0, r => r.AgencyId, id => id);

    /// <summary>Every facet, in the catalog page's order.</summary>
    public static readonly IReadOnlyList<Facet> All = [Type, Maturity, Free, Level, LifeEvent, Nature, Province, Agency];

    /// <summary>A facet by its key, or null.</summary>
    public static Facet? Find(string key) => All.FirstOrDefault(f => f.Key == key);

    private static string Invalid<T>(string? code) where T : struct, Enum => $"کد نامعتبر «{code}». کدهای مجاز: {CatalogCodes.Allowed<T>()}";

    /// <summary>A facet over a set of the spec's codes kept as a bit set column.</summary>
    private static Facet<T> Enum<T>(
        string key, string title, Func<CatalogFilter, T?> get, Func<CatalogFilter, T?, CatalogFilter> set,
        Func<ServiceQuery, string?> read, Func<ServiceQuery, string?, ServiceQuery> write,
        Func<T, System.Linq.Expressions.Expression<Func<ServiceCard, bool>>> where, Func<CatalogRow, int> column,
        Func<CatalogFacets, IReadOnlyList<FacetValue>> values) where T : struct, Enum =>
        new(key, title, values, get, set, read, write,
            text => CatalogCodes.TryParse<T>(text, out var v) ? v : null,
            text => Invalid<T>(text),
            v => Labels.Code(v), v => Labels.Of(v), where,
            FacetColumn.Bits, 32, column, v => 1 << Convert.ToInt32(v, CultureInfo.InvariantCulture))
        {
            Domain = System.Enum.GetValues<T>(),
        };
}
