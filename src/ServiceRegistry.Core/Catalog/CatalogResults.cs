using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Catalog;

/// <summary>One service in a result list (in a grouped list, one national service with its instances: <see cref="TemplateId"/>, <see cref="OfferedIn"/>).</summary>
public sealed record CatalogItem(
    int Id, string Title, int AgencyId, string Agency, string? Province, CardStatus Status, string? ServiceId,
    string? ParentServiceId, int Maturity, bool IsFree, int Types)
{
    /// <summary>The national template this service belongs to (its own id for a template), or null for a standalone card.</summary>
    public int? TemplateId { get; init; }

    /// <summary>In a grouped list, for a template's result: how many provinces have a published instance of it.</summary>
    public int OfferedIn { get; init; }

    public IReadOnlyList<ServiceType> ServiceTypes => Enum.GetValues<ServiceType>().Where(t => (Types & (1 << (int)t)) != 0).ToList();
}

/// <summary>One value of a facet: its code (what a filter takes), its Persian label, and how many results have it.</summary>
public sealed record FacetValue(string Value, string Label, long Count);

/// <summary>The counts of every facet over the current results (all filters applied).</summary>
public sealed record CatalogFacets(
    IReadOnlyList<FacetValue> Agency,
    IReadOnlyList<FacetValue> Province,
    IReadOnlyList<FacetValue> Type,
    IReadOnlyList<FacetValue> Level,
    IReadOnlyList<FacetValue> LifeEvent,
    IReadOnlyList<FacetValue> Nature,
    IReadOnlyList<FacetValue> Maturity,
    IReadOnlyList<FacetValue> Free);

/// <summary>A page of results, the total and the facet counts; when nothing matched the words, a nearby query that
/// matches something ("did you mean").</summary>
public sealed record CatalogPage(
    IReadOnlyList<CatalogItem> Items, long Total, CatalogFacets Facets, int Page, int PageSize, long Stamp, CatalogSuggestion? Suggestion);

/// <summary>A query near the one asked (misspelt or run-together words corrected) and how many results it has with the same filters.</summary>
public sealed record CatalogSuggestion(string Q, long Total);

/// <summary>A service and its sub-services (by parent service ID), for an agency's tree.</summary>
public sealed record ServiceNode(int Id, string Title, string? ServiceId, IReadOnlyList<ServiceNode> Children);
