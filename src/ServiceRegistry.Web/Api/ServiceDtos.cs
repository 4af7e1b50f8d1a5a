using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Catalog;

namespace ServiceRegistry.Web.Api;

/// <summary>An agency as the API names it.</summary>
public sealed record AgencyRef(int Id, string Name, string? Province);

/// <summary>One service in a list. A national service is listed once: <c>templateId</c> names its template (null for a
/// standalone card), <c>offeredIn</c> how many provinces have a published instance, and <c>coverage</c> where its
/// instances are listed by province.</summary>
public sealed record ServiceListItem(
    int Id, string Title, string? ServiceId, CardStatus Status, AgencyRef Agency, string? ParentServiceId,
    IReadOnlyList<ServiceType> ServiceTypes, int Maturity, bool Free, string Url, int? TemplateId, int OfferedIn, string? Coverage);

/// <summary>A page of services, the total and the facet counts over all matching services; when the words matched
/// nothing, <c>suggestion</c> is a corrected query (misspelt or run-together words) and how many services it finds.</summary>
public sealed record ServiceList(IReadOnlyList<ServiceListItem> Items, long Total, int Page, int PageSize, CatalogFacets Facets, CatalogSuggestion? Suggestion);

/// <summary>What the registry computes from a card: its e-readiness level (0–4) with the reasons it is not higher, and whether it is free.</summary>
public sealed record ComputedFields(int Maturity, string MaturityLabel, IReadOnlyList<string> MaturityReasons, bool Free);

/// <summary>The card's e-readiness level (0–4, docs/e-readiness.md), the reasons it is not higher as Persian sentences, and
/// the same reasons as data (stage, kind, the stated in-person reasons, the other agency of a non-electronic inquiry).</summary>
public sealed record MaturityDto(int Level, string Label, IReadOnlyList<string> Reasons, IReadOnlyList<MaturityGap> Gaps);

/// <summary>One card: workflow state, computed fields, its e-readiness (<c>maturity</c>), its yearly burden (<c>burden</c>;
/// null figures are unknown) and the card itself in the spec's JSON (<c>card</c>; for an instance, the effective
/// content). An instance also carries <c>template</c>, <c>overridden</c> (JSON paths) and <c>templateChanged</c> (null, or
/// the parts changed on the template since the version it follows); a template carries <c>instances</c>.</summary>
public sealed record ServiceDetail(
    int Id, CardStatus Status, string? ServiceId, int Version, AgencyRef Agency, DateTime CreatedAt, DateTime UpdatedAt,
    ComputedFields Computed, MaturityDto Maturity, Burden Burden, CardContent Card)
{
    public TemplateLink? Template { get; init; }
    public IReadOnlyList<string>? Overridden { get; init; }
    public IReadOnlyList<string>? TemplateChanged { get; init; }
    public IReadOnlyList<InstanceItem>? Instances { get; init; }
}

public static class ServiceDtoMapping
{
    public static ServiceListItem ToListItem(this CatalogItem i) =>
        new(i.Id, i.Title, i.ServiceId, i.Status, new AgencyRef(i.AgencyId, i.Agency, i.Province), i.ParentServiceId,
            i.ServiceTypes, i.Maturity, i.IsFree, $"/api/v1/services/{i.Id}",
            i.TemplateId, i.OfferedIn, i.TemplateId is { } t ? $"/api/v1/templates/{t}/coverage" : null);

    public static ServiceDetail ToDetail(this ServiceCard c)
    {
        var maturity = c.Content.Maturity();
        return new ServiceDetail(c.Id, c.Status, c.ServiceId, c.Version,
            new AgencyRef(c.AgencyId, c.Agency?.Name ?? c.Content.Provider.Agency ?? "", c.Agency?.Province),
            c.CreatedAt, c.UpdatedAt,
            new ComputedFields(maturity.Level, MaturityLevel.Label(maturity.Level), maturity.Reasons, c.Content.IsFree()),
            new MaturityDto(maturity.Level, maturity.Label(), maturity.Reasons, maturity.Gaps),
            c.Content.Burden(),
            c.Content);
    }

    /// <summary>The ETag of one card: its id and version.</summary>
    public static string ETag(this ServiceCard c) => $"\"{c.Id}-{c.Version}\"";
}
