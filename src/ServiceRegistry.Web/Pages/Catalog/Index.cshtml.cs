using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Web.Api;

namespace ServiceRegistry.Web.Pages.Catalog;

/// <summary>The public catalog: Persian search as you type, facets with counts, results, an agency's service tree and export links.</summary>
public sealed class IndexModel(CatalogQuery catalog) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "")]
    public ServiceQuery Query { get; set; } = new();

    public CatalogPage Results { get; private set; } = null!;
    public IReadOnlyList<ServiceNode> Tree { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var filter = Query.ToFilter(out var errors);
        Errors = errors;
        if (errors.Count > 0)
        {
            Query = new ServiceQuery { Q = Query.Q };
            filter = Query.ToFilter(out _);
        }

        Results = await catalog.SearchAsync(filter, Query.Page ?? 1, PageSize, Query.SortOrder ?? CatalogSort.Relevance, ct);
        if (filter.Agency is { } agency && filter.Words.Count == 0)
        {
            Tree = await catalog.TreeAsync(agency, ct);
        }
    }

    public int Pages => (int)Math.Max(1, (Results.Total + PageSize - 1) / PageSize);

    /// <summary>This list with one filter set (or cleared when it is already that value); back to page 1.</summary>
    public string Toggle(string facet, string value)
    {
        string? Pick(string? current) => current == value ? null : value;
        var next = facet switch
        {
            "agency" => Query with { Agency = Query.Agency?.ToString(System.Globalization.CultureInfo.InvariantCulture) == value ? null : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            "province" => Query with { Province = Pick(Query.Province) },
            "type" => Query with { Type = Pick(Query.Type) },
            "level" => Query with { Level = Pick(Query.Level) },
            "lifeEvent" => Query with { LifeEvent = Pick(Query.LifeEvent) },
            "nature" => Query with { Nature = Pick(Query.Nature) },
            "maturity" => Query with { Maturity = Query.Maturity?.ToString(System.Globalization.CultureInfo.InvariantCulture) == value ? null : int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
            "free" => Query with { Free = Query.Free?.ToString().ToLowerInvariant() == value ? null : value == "true" },
            _ => Query,
        };
        return "/" + (next with { Page = null }).ToQueryString();
    }

    public bool IsSelected(string facet, string value) => facet switch
    {
        "agency" => Query.Agency?.ToString(System.Globalization.CultureInfo.InvariantCulture) == value,
        "province" => Query.Province == value,
        "type" => string.Equals(Query.Type, value, StringComparison.OrdinalIgnoreCase),
        "level" => string.Equals(Query.Level, value, StringComparison.OrdinalIgnoreCase),
        "lifeEvent" => string.Equals(Query.LifeEvent, value, StringComparison.OrdinalIgnoreCase),
        "nature" => string.Equals(Query.Nature, value, StringComparison.OrdinalIgnoreCase),
        "maturity" => Query.Maturity?.ToString(System.Globalization.CultureInfo.InvariantCulture) == value,
        "free" => Query.Free?.ToString().ToLowerInvariant() == value,
        _ => false,
    };

    public string PageLink(int page) => "/" + Query.ToQueryString(page);

    /// <summary>The same list searched for the suggested words ("did you mean").</summary>
    public string SuggestionLink(CatalogSuggestion suggestion) => "/" + (Query with { Q = suggestion.Q, Page = null }).ToQueryString();

    /// <summary>Whether any filter besides the words is set.</summary>
    public bool Filtered => (Query with { Q = null, Page = null, PageSize = null, Sort = null }) != new ServiceQuery();

    /// <summary>The same words with every filter cleared.</summary>
    public string UnfilteredLink => "/" + new ServiceQuery { Q = Query.Q }.ToQueryString();

    public string ExportLink(ExportFormat format) => "/api/v1/services/export" + (Query with { Page = null, Sort = null }).ToQueryString(format: format.Extension());

    public IEnumerable<(string Key, string Title, IReadOnlyList<FacetValue> Values)> Facets =>
    [
        ("type", "نوع خدمت", Results.Facets.Type),
        ("maturity", "سطح آمادگی الکترونیکی", Results.Facets.Maturity),
        ("free", "هزینه", Results.Facets.Free),
        ("level", "سطح خدمت", Results.Facets.Level),
        ("lifeEvent", "رویداد زندگی", Results.Facets.LifeEvent),
        ("nature", "ماهیت خدمت", Results.Facets.Nature),
        ("province", "استان", Results.Facets.Province),
        ("agency", "دستگاه اجرایی", Results.Facets.Agency),
    ];
}
