using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Templates;

/// <summary>A template as an instance names it: id, national service ID, title, and the version followed (or current).</summary>
public sealed record TemplateRef(int Id, string? ServiceId, string Title, int Version);

/// <summary>One instance of a template: the card, its agency, province and status.</summary>
public sealed record InstanceRef(int Id, int AgencyId, string Agency, string? Province, CardStatus Status);

/// <summary>How far a template is carried out in one province: <c>published</c> (a published instance), <c>draft</c>
/// (an instance on its way) or <c>none</c>, with the instances' ids.</summary>
public sealed record ProvinceCoverage(string Province, string Status, IReadOnlyList<int> Instances);

public sealed record CoverageOfTemplate(TemplateRef Template, IReadOnlyList<ProvinceCoverage> Provinces);

/// <summary>
/// Which provinces and agencies carry out each national template: its instances, its coverage by province. Only the
/// instances the person may see count (the public sees published ones), revisions and archived cards never.
/// </summary>
public sealed partial class TemplateCoverage(RegistryDbContext db, CatalogQuery catalog, IMemoryCache cache)
{
    public const string Published = "published";
    public const string Draft = "draft";
    public const string None = "none";

    /// <summary>The instances of <paramref name="templateId"/> this person may see, by province and agency.</summary>
    public async Task<IReadOnlyList<InstanceRef>> InstancesAsync(int templateId, Actor actor, CancellationToken ct = default) =>
        await db.Cards.AsNoTracking()
            .Where(c => c.TemplateId == templateId && c.RevisionOfId == null && c.Status != CardStatus.Archived)
            .Where(actor.VisibleTo())
            .OrderBy(c => c.Province).ThenBy(c => c.Id)
            .Select(c => new InstanceRef(c.Id, c.AgencyId, c.Agency!.Name, c.Province, c.Status))
            .ToListAsync(ct);

    /// <summary>A template's coverage: every province with its status and instances; null when there is no such
    /// template for this person.</summary>
    public async Task<CoverageOfTemplate?> OfTemplateAsync(int templateId, Actor actor, CancellationToken ct = default)
    {
        var template = await db.Cards.AsNoTracking()
            .Where(c => c.Id == templateId && c.IsTemplate && c.RevisionOfId == null)
            .Where(actor.VisibleTo())
            .Select(c => new TemplateRef(c.Id, c.ServiceId, c.Title, c.Version))
            .SingleOrDefaultAsync(ct);
        if (template is null)
        {
            return null;
        }

        var instances = await InstancesAsync(templateId, actor, ct);
        var provinces = Provinces.All
            .Concat(instances.Select(i => i.Province).OfType<string>().Where(p => !Provinces.All.Contains(p)).Distinct())
            .Select(p => Cell(p, instances.Where(i => i.Province == p).ToList()))
            .ToList();
        return new CoverageOfTemplate(template, provinces);
    }

    /// <summary>A province's status from its instances: published when one is, draft when any is on its way, else none.</summary>
    public static ProvinceCoverage Cell(string province, IReadOnlyList<InstanceRef> instances) =>
        new(province, instances.Any(i => i.Status == CardStatus.Published) ? Published : instances.Count > 0 ? Draft : None,
            instances.Select(i => i.Id).ToList());
}
