using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace ServiceRegistry.Core.Catalog;

/// <summary>The address of a catalog list: its query string as typed (the list API, the catalog and dashboard pages,
/// the export endpoint and the export command bind it). Codes are the spec's. Each facet reads and writes its own
/// value through <see cref="Facets"/>; <see cref="ToFilter"/> is the one binding from an address to a <see cref="CatalogFilter"/>.</summary>
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
        var filter = new CatalogFilter { Q = Q };
        foreach (var facet in Facets.All)
        {
            filter = facet.Bind(this, filter, errors);
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

    /// <summary>The query string with the given page (links), without empty values ("" when nothing is set).</summary>
    public string ToQueryString(int? page = null, string? format = null)
    {
        var pairs = new List<(string Key, string? Value)> { ("q", Q) };
        pairs.AddRange(Facets.All.OrderBy(f => Array.IndexOf(AddressOrder, f.Key)).Select(f => (f.Key, f.Read(this))));
        pairs.Add(("sort", Sort));
        pairs.Add(("page", (page ?? Page)?.ToString(CultureInfo.InvariantCulture)));
        pairs.Add(("format", format));
        var sb = new StringBuilder();
        foreach (var (key, value) in pairs.Where(p => !string.IsNullOrWhiteSpace(p.Value)))
        {
            sb.Append(sb.Length == 0 ? '?' : '&').Append(UrlEncoder.Default.Encode(key)).Append('=').Append(UrlEncoder.Default.Encode(value!));
        }

        return sb.ToString();
    }

    /// <summary>The order of the facets' keys in an address (as links have always written them).</summary>
    private static readonly string[] AddressOrder = ["agency", "province", "type", "level", "lifeEvent", "nature", "maturity", "free"];
}
