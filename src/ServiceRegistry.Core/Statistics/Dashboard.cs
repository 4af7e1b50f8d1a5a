using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Statistics;

/// <summary>A figure summed over services: the sum of the known values and how many services had none (unknown).</summary>
public sealed record Figure(long Sum, long Unknown)
{
    public static readonly Figure Zero = new(0, 0);

    public Figure Plus(Figure other) => new(Sum + other.Sum, Unknown + other.Unknown);
}

/// <summary>The figures of a group of services (an agency, a province, or all of a view).</summary>
public sealed record GroupFigures(
    string Key, string Name, long Services, long FullyElectronic,
    Figure RecipientsPerYear, Figure VisitsPerYear, Figure InquiriesByHandPerYear, Figure FeesPerYear, Figure AvoidableVisitsPerYear)
{
    /// <summary>Share of the group's services at level 4, 0–100.</summary>
    public double FullyElectronicPercent => Services == 0 ? 0 : 100.0 * FullyElectronic / Services;

    public GroupFigures Plus(GroupFigures other) => this with
    {
        Services = Services + other.Services,
        FullyElectronic = FullyElectronic + other.FullyElectronic,
        RecipientsPerYear = RecipientsPerYear.Plus(other.RecipientsPerYear),
        VisitsPerYear = VisitsPerYear.Plus(other.VisitsPerYear),
        InquiriesByHandPerYear = InquiriesByHandPerYear.Plus(other.InquiriesByHandPerYear),
        FeesPerYear = FeesPerYear.Plus(other.FeesPerYear),
        AvoidableVisitsPerYear = AvoidableVisitsPerYear.Plus(other.AvoidableVisitsPerYear),
    };
}

/// <summary>A service with a large in-person burden.</summary>
public sealed record BurdenRow(int Id, string Title, int AgencyId, string Agency, string? Province, int Maturity,
    long? RecipientsPerYear, long VisitsPerYear, long InquiriesByHandPerYear)
{
    public long AvoidableVisitsPerYear => VisitsPerYear + InquiriesByHandPerYear;
}

/// <summary>A service with its level, the reasons for it and its burden.</summary>
public sealed record ServiceRow(int Id, string Title, int AgencyId, string Agency, string? Province, MaturityLevel Maturity, Burden Burden);

/// <summary>How complete an agency's cards are (every status but archived).</summary>
public sealed record CompletenessRow(int AgencyId, string Agency, string? Province, long Cards, long FieldsFilled, long FieldsExpected, long Drafts, long NeverReviewed)
{
    /// <summary>Share of the expected fields that are filled, 0–100.</summary>
    public double FilledPercent => FieldsExpected == 0 ? 100 : 100.0 * FieldsFilled / FieldsExpected;
}

/// <summary>The public figures of one view (published cards matching the filter).</summary>
public sealed record DashboardFigures(
    long Stamp,
    CatalogFacets Facets,
    IReadOnlyList<FacetValue> Maturity,
    GroupFigures Total,
    IReadOnlyList<GroupFigures> Agencies,
    IReadOnlyList<GroupFigures> Provinces,
    IReadOnlyList<BurdenRow> LargestBurden)
{
    /// <summary>Highest share of fully electronic services first (then more services, then name).</summary>
    public static IReadOnlyList<GroupFigures> ByElectronicShare(IEnumerable<GroupFigures> groups) =>
        groups.OrderByDescending(g => g.FullyElectronicPercent).ThenByDescending(g => g.Services).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();

    /// <summary>Most visits a year that electronic services would spare first (then fewer unknown, then name).</summary>
    public static IReadOnlyList<GroupFigures> ByAvoidableVisits(IEnumerable<GroupFigures> groups) =>
        groups.OrderByDescending(g => g.AvoidableVisitsPerYear.Sum).ThenBy(g => g.AvoidableVisitsPerYear.Unknown).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
}

/// <summary>
/// The dashboard's figures, computed in the database over the promoted columns of Cards (GROUP BY agency and
/// province, a covering index), so they scale with the registry; only bounded sets (a page of services, the largest
/// burdens) are read into memory. The catalog's filters apply to every figure. Results are cached against the catalog
/// stamp, so they are never stale. Public figures count published cards only; completeness (drafts, never reviewed)
/// is for signed-in staff, each within their reach (<see cref="Actor.InReach"/>). Every query is LINQ over
/// <see cref="CatalogQuery.Cards"/> (the catalog's filter); the one raw part, the text match, is the dialect's.
/// </summary>
public sealed class Dashboard(RegistryDbContext db, CatalogQuery catalog, IMemoryCache cache)
{
    /// <summary>How the nation's view names cards of agencies without a province.</summary>
    public const string NationalGroup = "ملی (بدون استان)";

    public const int LargestBurdenCount = 10;

    /// <summary>The public figures of a view. The filter's status is ignored: only published cards count.</summary>
    public async Task<DashboardFigures> FiguresAsync(CatalogFilter filter, CancellationToken ct = default)
    {
        filter = filter with { Status = CardStatus.Published };
        var stamp = await catalog.StampAsync(ct);
        var key = $"dashboard:figures:{stamp}:{filter.Key()}";
        if (cache.TryGetValue(key, out DashboardFigures? cached) && cached is not null)
        {
            return cached;
        }

        var facets = (await catalog.SearchAsync(filter, 1, 1, CatalogSort.Title, ct)).Facets;
        var maturity = Enumerable.Range(0, MaturityLevel.Max + 1)
            .Select(level => new FacetValue(level.ToString(CultureInfo.InvariantCulture), MaturityLevel.Label(level),
                facets.Maturity.FirstOrDefault(f => f.Value == level.ToString(CultureInfo.InvariantCulture))?.Count ?? 0))
            .ToList();
        var agencies = await AgencyFiguresAsync(filter, ct);
        var provinces = agencies.GroupBy(a => a.Province ?? "")
            .Select(g => g.Select(x => x.Figures).Aggregate((a, b) => a.Plus(b)) with { Key = g.Key, Name = g.Key.Length == 0 ? NationalGroup : g.Key })
            .ToList();
        var total = agencies.Select(a => a.Figures).Aggregate(Group("", "همه", 0, 0), (a, b) => a.Plus(b));
        var figures = new DashboardFigures(stamp, facets, maturity, total, agencies.Select(a => a.Figures).ToList(), provinces,
            await LargestBurdenAsync(filter, ct));
        cache.Set(key, figures, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return figures;
    }

    /// <summary>A slice of the view's published services (lowest level first), with level, reasons and burden.</summary>
    public async Task<IReadOnlyList<ServiceRow>> ServicesAsync(CatalogFilter filter, int skip, int take, CancellationToken ct = default)
    {
        // The order comes from the catalog's in-memory index (SQL would sort every matching row by title first).
        var ids = await catalog.IdsAsync(filter with { Status = CardStatus.Published }, CatalogSort.Maturity, skip, take, ct);
        var cards = await db.Cards.AsNoTracking().Include(c => c.Agency).Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return ids.Where(cards.ContainsKey).Select(id => cards[id])
            .Select(c => new ServiceRow(c.Id, c.Title, c.AgencyId, c.Agency?.Name ?? "", c.Province, c.Content.Maturity(), c.Content.Burden()))
            .ToList();
    }

    /// <summary>
    /// Completeness per agency over the cards the actor may see in work (every status but archived, the view's filters
    /// applied, <see cref="Actor.InReach"/>): the national administrator sees every agency, a provincial reviewer the
    /// agencies of his province, agency staff their agency and those under it. Null for the public.
    /// </summary>
    public async Task<IReadOnlyList<CompletenessRow>?> CompletenessAsync(CatalogFilter filter, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsSignedIn)
        {
            return null;
        }

        filter = filter with { Status = null };
        var stamp = await catalog.StampAsync(ct);
        var reach = $"{string.Join(',', actor.Roles.Order(StringComparer.Ordinal))}:{string.Join(',', actor.AgencyScope.Order())}:{actor.Province}";
        var key = $"dashboard:completeness:{stamp}:{filter.Key()}:{reach}";
        if (cache.TryGetValue(key, out IReadOnlyList<CompletenessRow>? cached) && cached is not null)
        {
            return cached;
        }

        var cards = catalog.Cards(filter).Where(c => c.Status != CardStatus.Archived).Where(actor.InReach());
        var rows = await catalog.Sql.AggregateAsync(filter.Words.Count > 0, () => cards
            .GroupBy(c => c.AgencyId)
            .Select(g => new
            {
                Agency = g.Key,
                Cards = g.LongCount(),
                Filled = g.Sum(c => (long)c.FieldsFilled),
                Expected = g.Sum(c => (long)c.FieldsExpected),
                Drafts = g.LongCount(c => c.Status == CardStatus.Draft || c.Status == CardStatus.Returned),
            })
            .ToListAsync(ct), ct);
        var neverReviewed = await catalog.Sql.AggregateAsync(filter.Words.Count > 0, () => cards
            .Where(c => (c.Status == CardStatus.Draft || c.Status == CardStatus.Submitted)
                && !db.AuditEntries.Any(e => e.CardId == c.Id && (e.Action == "returned" || e.Action == "approved")))
            .GroupBy(c => c.AgencyId)
            .Select(g => new { Agency = g.Key, Count = g.LongCount() })
            .ToDictionaryAsync(r => r.Agency, r => r.Count, ct), ct);

        var ids = rows.Select(r => r.Agency).ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        IReadOnlyList<CompletenessRow> result = rows
            .Select(r => new CompletenessRow(r.Agency, agencies.GetValueOrDefault(r.Agency)?.Name ?? "?", agencies.GetValueOrDefault(r.Agency)?.Province,
                r.Cards, r.Filled, r.Expected, r.Drafts, neverReviewed.GetValueOrDefault(r.Agency)))
            .OrderBy(r => r.FilledPercent).ThenByDescending(r => r.Drafts).ThenBy(r => r.Agency, StringComparer.Ordinal)
            .ToList();
        cache.Set(key, result, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return result;
    }

    private async Task<List<(string? Province, GroupFigures Figures)>> AgencyFiguresAsync(CatalogFilter filter, CancellationToken ct)
    {
        var rows = await catalog.Sql.AggregateAsync(filter.Words.Count > 0, () => catalog.Cards(filter)
            .GroupBy(c => new { c.AgencyId, c.Province })
            .Select(g => new
            {
                g.Key.AgencyId,
                g.Key.Province,
                Services = g.LongCount(),
                FullyElectronic = g.LongCount(c => c.Maturity == MaturityLevel.Max),
                Recipients = g.Sum(c => c.RecipientsPerYear ?? 0),
                RecipientsUnknown = g.LongCount(c => c.RecipientsPerYear == null),
                Visits = g.Sum(c => c.VisitsPerYear ?? 0),
                VisitsUnknown = g.LongCount(c => c.VisitsPerYear == null),
                Inquiries = g.Sum(c => c.InquiriesByHandPerYear ?? 0),
                InquiriesUnknown = g.LongCount(c => c.InquiriesByHandPerYear == null),
                Fees = g.Sum(c => c.FeesPerYear ?? 0),
                FeesUnknown = g.LongCount(c => c.FeesPerYear == null),
                Avoidable = g.Sum(c => (c.VisitsPerYear + c.InquiriesByHandPerYear) ?? 0),
                AvoidableUnknown = g.LongCount(c => c.VisitsPerYear == null || c.InquiriesByHandPerYear == null),
            })
            .ToListAsync(ct), ct);

        var ids = rows.Select(r => r.AgencyId).Distinct().ToList();
        var names = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return rows
            .Select(r => (r.Province, Figures: Group(r.AgencyId.ToString(CultureInfo.InvariantCulture), names.GetValueOrDefault(r.AgencyId, "?"), r.Services, r.FullyElectronic)
                with
                {
                    RecipientsPerYear = new(r.Recipients, r.RecipientsUnknown),
                    VisitsPerYear = new(r.Visits, r.VisitsUnknown),
                    InquiriesByHandPerYear = new(r.Inquiries, r.InquiriesUnknown),
                    FeesPerYear = new(r.Fees, r.FeesUnknown),
                    AvoidableVisitsPerYear = new(r.Avoidable, r.AvoidableUnknown),
                }))
            // an agency whose cards carry two provinces (moved agency) is one row per province
            .GroupBy(r => (r.Figures.Key, r.Province))
            .Select(g => (g.Key.Province, g.Select(x => x.Figures).Aggregate((a, b) => a.Plus(b))))
            .ToList();
    }

    private async Task<IReadOnlyList<BurdenRow>> LargestBurdenAsync(CatalogFilter filter, CancellationToken ct)
    {
        // The top ids from the covering index (under the dialect's settings for a text match), then those cards' rows.
        var ids = await catalog.Sql.AggregateAsync(filter.Words.Count > 0, () => catalog.Cards(filter)
            .Where(c => c.VisitsPerYear + c.InquiriesByHandPerYear > 0)
            .OrderByDescending(c => c.VisitsPerYear + c.InquiriesByHandPerYear).ThenBy(c => c.Id)
            .Select(c => c.Id).Take(LargestBurdenCount)
            .ToListAsync(ct), ct);
        var cards = await db.Cards.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new BurdenRow(c.Id, c.Title, c.AgencyId, c.Agency!.Name, c.Province, c.Maturity, c.RecipientsPerYear, c.VisitsPerYear ?? 0, c.InquiriesByHandPerYear ?? 0))
            .ToDictionaryAsync(r => r.Id, ct);
        return ids.Where(cards.ContainsKey).Select(id => cards[id]).ToList();
    }

    private static GroupFigures Group(string key, string name, long services, long fullyElectronic) =>
        new(key, name, services, fullyElectronic, Figure.Zero, Figure.Zero, Figure.Zero, Figure.Zero, Figure.Zero);
}
