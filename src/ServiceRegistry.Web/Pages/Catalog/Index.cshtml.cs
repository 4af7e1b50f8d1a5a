using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Web.Api;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Catalog;

/// <summary>The public catalog: Persian search as you type, facets with counts, results, an agency's service tree and export links.</summary>
public sealed class IndexModel(CatalogQuery catalog, RegistryDbContext db) : PageModel
{
    /// <summary>Each filter's query key and Persian name, in the order the facets are shown.</summary>
    private static readonly (string Key, string Title)[] FilterNames =
    [
        ("type", "نوع خدمت"), ("maturity", "سطح آمادگی الکترونیکی"), ("free", "هزینه"), ("level", "سطح خدمت"),
        ("lifeEvent", "رویداد زندگی"), ("nature", "ماهیت خدمت"), ("province", "استان"), ("agency", "دستگاه اجرایی"),
    ];

    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "")]
    public ServiceQuery Query { get; set; } = new();

    public CatalogPage Results { get; private set; } = null!;
    public IReadOnlyList<ServiceNode> Tree { get; private set; } = [];
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The filters in force: the query key, the value as the address has it, a Persian label and the link that removes it.</summary>
    public IReadOnlyList<(string Key, string Value, string Label, string RemoveLink)> ActiveFilters { get; private set; } = [];

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
        ActiveFilters = await ActiveFiltersAsync(filter, ct);
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

    /// <summary>The orders a list can take: the query's sort code (null = the default) and its Persian name.</summary>
    public static readonly (string? Code, CatalogSort Sort, string Label)[] Sorts =
        [(null, CatalogSort.Relevance, "مرتبط‌ترین"), ("title", CatalogSort.Title, "عنوان"), ("updated", CatalogSort.Updated, "تازه‌ترین")];

    public CatalogSort CurrentSort => Query.SortOrder ?? CatalogSort.Relevance;

    /// <summary>This list in another order, from page 1.</summary>
    public string SortLink(string? code) => "/" + (Query with { Sort = code, Page = null }).ToQueryString();

    /// <summary>The same list searched for the suggested words ("did you mean").</summary>
    public string SuggestionLink(CatalogSuggestion suggestion) => "/" + (Query with { Q = suggestion.Q, Page = null }).ToQueryString();

    /// <summary>The same words with every filter cleared.</summary>
    public string UnfilteredLink => "/" + new ServiceQuery { Q = Query.Q }.ToQueryString();

    public string ExportLink(ExportFormat format) => "/api/v1/services/export" + (Query with { Page = null, Sort = null }).ToQueryString(format: format.Extension());

    public IEnumerable<(string Key, string Title, IReadOnlyList<FacetValue> Values)> Facets =>
        FilterNames.Select(f => (f.Key, f.Title, f.Key switch
        {
            "type" => Results.Facets.Type,
            "maturity" => Results.Facets.Maturity,
            "free" => Results.Facets.Free,
            "level" => Results.Facets.Level,
            "lifeEvent" => Results.Facets.LifeEvent,
            "nature" => Results.Facets.Nature,
            "province" => Results.Facets.Province,
            _ => Results.Facets.Agency,
        }));

    private async Task<IReadOnlyList<(string, string, string, string)>> ActiveFiltersAsync(CatalogFilter filter, CancellationToken ct)
    {
        var agency = filter.Agency is { } id
            ? await db.Agencies.Where(a => a.Id == id).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? Fa.Number(id)
            : null;
        var labels = new Dictionary<string, (string? Value, string? Label)>
        {
            ["type"] = (Query.Type, filter.Type is { } t ? Labels.Of(t) : null),
            ["maturity"] = (Query.Maturity?.ToString(CultureInfo.InvariantCulture), filter.Maturity is { } m ? MaturityLevel.Label(m) : null),
            ["free"] = (Query.Free?.ToString().ToLowerInvariant(), filter.Free is { } f ? Labels.Free(f) : null),
            ["level"] = (Query.Level, filter.Level is { } l ? Labels.Of(l) : null),
            ["lifeEvent"] = (Query.LifeEvent, filter.LifeEvent is { } e ? Labels.Of(e) : null),
            ["nature"] = (Query.Nature, filter.Nature is { } n ? Labels.Of(n) : null),
            ["province"] = (Query.Province, filter.Province),
            ["agency"] = (Query.Agency?.ToString(CultureInfo.InvariantCulture), agency),
        };
        return FilterNames.Where(f => labels[f.Key] is { Value: not null, Label: not null })
            .Select(f => (f.Key, labels[f.Key].Value!, $"{f.Title}: {labels[f.Key].Label}", Toggle(f.Key, labels[f.Key].Value!)))
            .ToList();
    }
}
