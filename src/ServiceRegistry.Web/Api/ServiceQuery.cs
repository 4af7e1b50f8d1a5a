using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Catalog;

namespace ServiceRegistry.Web.Api;

/// <summary>The query string of a catalog list (API, catalog page and exports share it). Codes are the spec's.</summary>
public sealed record ServiceQuery
{
    /// <summary>Persian search text; every word matches the start of a word (Arabic ي/ك, digits and ZWNJ are folded).</summary>
    public string? Q { get; init; }

    /// <summary>Agency id (see the agency facet).</summary>
    public int? Agency { get; init; }

    public string? Province { get; init; }

    /// <summary>Service type code: G2C, G2B, G2G.</summary>
    public string? Type { get; init; }

    /// <summary>Service level code: national, regional, provincial, city, rural.</summary>
    public string? Level { get; init; }

    /// <summary>Life event code, e.g. documentsAndCertificates.</summary>
    public string? LifeEvent { get; init; }

    /// <summary>Nature code: sovereign, enterprise.</summary>
    public string? Nature { get; init; }

    /// <summary>E-readiness level 0–4.</summary>
    public int? Maturity { get; init; }

    /// <summary>true: free services only; false: paid only.</summary>
    public bool? Free { get; init; }

    /// <summary>1-based page number.</summary>
    public int? Page { get; init; }

    /// <summary>Results per page, 1–100 (default 20).</summary>
    public int? PageSize { get; init; }

    /// <summary>relevance (default), title, updated (newest first) or maturity (lowest e-readiness level first).</summary>
    public string? Sort { get; init; }

    /// <summary>Reads the query into a filter; unknown codes become errors keyed by parameter name.</summary>
    public CatalogFilter ToFilter(out Dictionary<string, string[]> errors)
    {
        errors = [];
        var e = errors;

        T? Parse<T>(string? code, string name) where T : struct, Enum
        {
            if (CatalogCodes.TryParse<T>(code, out var value))
            {
                return value;
            }

            e[name] = [$"کد نامعتبر «{code}». کدهای مجاز: {CatalogCodes.Allowed<T>()}"];
            return null;
        }

        var filter = new CatalogFilter
        {
            Q = Q,
            Agency = Agency,
            Province = string.IsNullOrWhiteSpace(Province) ? null : Province,
            Type = Parse<ServiceType>(Type, "type"),
            Level = Parse<ServiceLevel>(Level, "level"),
            LifeEvent = Parse<LifeEvent>(LifeEvent, "lifeEvent"),
            Nature = Parse<Nature>(Nature, "nature"),
            Maturity = Maturity,
            Free = Free,
        };
        if (Maturity is < 0 or > MaturityLevel.Max)
        {
            errors["maturity"] = ["سطح آمادگی الکترونیکی باید بین ۰ تا ۴ باشد."];
        }

        if (PageSize is < 1 or > CatalogQuery.MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize باید بین 1 و {CatalogQuery.MaxPageSize} باشد."];
        }

        if (Page is < 1)
        {
            errors["page"] = ["page از 1 شروع می‌شود."];
        }

        if (SortOrder is null)
        {
            errors["sort"] = ["sort یکی از relevance، title، updated یا maturity است."];
        }

        return filter;
    }

    public CatalogSort? SortOrder => Sort?.Trim().ToLowerInvariant() switch
    {
        null or "" or "relevance" => CatalogSort.Relevance,
        "title" => CatalogSort.Title,
        "updated" => CatalogSort.Updated,
        "maturity" => CatalogSort.Maturity,
        _ => null,
    };

    /// <summary>The query string with the given page (links), without empty values.</summary>
    public string ToQueryString(int? page = null, string? format = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("q", Q), new("agency", Agency?.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("province", Province),
            new("type", Type), new("level", Level), new("lifeEvent", LifeEvent), new("nature", Nature),
            new("maturity", Maturity?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("free", Free?.ToString().ToLowerInvariant()), new("sort", Sort),
            new("page", (page ?? Page)?.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("format", format),
        };
        return Microsoft.AspNetCore.Http.QueryString.Create(pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value))).ToString();
    }
}
