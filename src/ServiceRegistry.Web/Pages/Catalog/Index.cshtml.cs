using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Catalog;

/// <summary>The public catalog: Persian search as you type, facets with counts, results, an agency's service tree and export links.</summary>
public sealed class IndexModel(CatalogQuery catalog, RegistryDbContext db) : PageModel
{
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

        Results = await catalog.SearchGroupedAsync(filter, Query.Page ?? 1, PageSize, Query.SortOrder ?? CatalogSort.Relevance, ct);
        ActiveFilters = await ActiveFiltersAsync(filter, ct);
        if (filter.Agency is { } agency && filter.Words.Count == 0)
        {
            Tree = await catalog.TreeAsync(agency, ct);
        }
    }

    public int Pages => (int)Math.Max(1, (Results.Total + PageSize - 1) / PageSize);

    /// <summary>This list with one filter set (or cleared when it is already that value); back to page 1.</summary>
    public string Toggle(string facet, string value) =>
        "/" + ((Core.Catalog.Facets.Find(facet)?.Toggle(Query, value) ?? Query) with { Page = null }).ToQueryString();

    public bool IsSelected(string facet, string value) => Core.Catalog.Facets.Find(facet)?.IsSelected(Query, value) ?? false;

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
        Core.Catalog.Facets.All.Select(f => (f.Key, f.Title, f.ValuesOf(Results.Facets)));

    /// <summary>A chip per filter in force: the address's own value (so its link removes exactly it), the facet's name
    /// and the value's label (an agency by its name).</summary>
    private async Task<IReadOnlyList<(string, string, string, string)>> ActiveFiltersAsync(CatalogFilter filter, CancellationToken ct)
    {
        var chips = new List<(string, string, string, string)>();
        foreach (var facet in Core.Catalog.Facets.All)
        {
            if (facet.Read(Query) is not { } value || facet.Label(filter) is not { } label)
            {
                continue;
            }

            if (facet == Core.Catalog.Facets.Agency && filter.Agency is { } id)
            {
                label = await db.Agencies.Where(a => a.Id == id).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? Fa.Number(id);
            }

            chips.Add((facet.Key, value, $"{facet.Title}: {label}", Toggle(facet.Key, value)));
        }

        return chips;
    }
}
