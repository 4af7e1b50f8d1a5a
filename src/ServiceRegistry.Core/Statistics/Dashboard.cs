using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ServiceRegistry.Core.Accounts;
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
/// stamp, so they are never stale. Who may see what is decided here: public figures count published cards only;
/// completeness (drafts, never reviewed) is for staff, each within their reach (<see cref="CompletenessScope"/>).
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
        var agencies = await WordsJoinedByHashAsync(filter, () => AgencyFiguresAsync(filter, ct), ct);
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
    /// applied): the national administrator sees every agency, a provincial reviewer the agencies of his province,
    /// agency staff their agency and those under it. Null for anyone else (the public).
    /// </summary>
    public async Task<IReadOnlyList<CompletenessRow>?> CompletenessAsync(CatalogFilter filter, Actor actor, CancellationToken ct = default)
    {
        filter = filter with { Status = null };
        var parameters = new List<object>();
        if (CompletenessScope(actor, parameters) is not { } scope)
        {
            return null;
        }

        var stamp = await catalog.StampAsync(ct);
        var key = $"dashboard:completeness:{stamp}:{filter.Key()}:{scope}:{actor.Province}";
        if (cache.TryGetValue(key, out IReadOnlyList<CompletenessRow>? cached) && cached is not null)
        {
            return cached;
        }

        var where = catalog.Where(filter, parameters, efStyle: false);
        var sql = $"""
            SELECT c."AgencyId", COUNT(*), {Sum("""c."FieldsFilled" """)}, {Sum("""c."FieldsExpected" """)},
                {Sum("""CASE WHEN c."Status" IN ('Draft', 'Returned') THEN 1 ELSE 0 END""")},
                {Sum("""CASE WHEN c."Status" IN ('Draft', 'Submitted') AND NOT EXISTS (SELECT 1 FROM "AuditEntries" AS e WHERE e."CardId" = c."Id" AND e."Action" IN ('returned', 'approved')) THEN 1 ELSE 0 END""")}
            FROM "Cards" AS c WHERE {where} AND c."Status" <> 'Archived' AND ({scope})
            GROUP BY c."AgencyId"
            """;
        var rows = new List<(int Agency, long Cards, long Filled, long Expected, long Drafts, long NeverReviewed)>();
        await using (var command = await catalog.CommandAsync(sql, ct, parameters))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetInt32(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
            }
        }

        var ids = rows.Select(r => r.Agency).ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        IReadOnlyList<CompletenessRow> result = rows
            .Select(r => new CompletenessRow(r.Agency, agencies.GetValueOrDefault(r.Agency)?.Name ?? "?", agencies.GetValueOrDefault(r.Agency)?.Province,
                r.Cards, r.Filled, r.Expected, r.Drafts, r.NeverReviewed))
            .OrderBy(r => r.FilledPercent).ThenByDescending(r => r.Drafts).ThenBy(r => r.Agency, StringComparer.Ordinal)
            .ToList();
        cache.Set(key, result, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return result;
    }

    /// <summary>The cards an actor may see in work, as SQL over alias c; null when the actor may see none (the public).</summary>
    public static string? CompletenessScope(Actor actor, List<object> parameters)
    {
        if (actor.IsAdmin)
        {
            return "1 = 1";
        }

        var parts = new List<string>();
        if (actor.IsReviewer && !string.IsNullOrWhiteSpace(actor.Province))
        {
            parameters.Add(CatalogQuery.Param("scopeProvince", actor.Province));
            parts.Add("""c."Province" = @scopeProvince""");
        }

        if (actor.IsAgencyStaff && actor.AgencyScope.Count > 0)
        {
            parts.Add($"""c."AgencyId" IN ({string.Join(", ", actor.AgencyScope.Order().Select(a => a.ToString(CultureInfo.InvariantCulture)))})""");
        }

        return parts.Count == 0 ? null : string.Join(" OR ", parts);
    }

    private async Task<List<(string? Province, GroupFigures Figures)>> AgencyFiguresAsync(CatalogFilter filter, CancellationToken ct)
    {
        var parameters = new List<object>();
        var where = catalog.Where(filter, parameters, efStyle: false);
        const string Avoidable = """c."VisitsPerYear" + c."InquiriesByHandPerYear" """;
        var sql = $"""
            SELECT c."AgencyId", c."Province", COUNT(*), {Sum("""CASE WHEN c."Maturity" = 4 THEN 1 ELSE 0 END""")},
                {Sum("""c."RecipientsPerYear" """)}, {Unknown("""c."RecipientsPerYear" """)},
                {Sum("""c."VisitsPerYear" """)}, {Unknown("""c."VisitsPerYear" """)},
                {Sum("""c."InquiriesByHandPerYear" """)}, {Unknown("""c."InquiriesByHandPerYear" """)},
                {Sum("""c."FeesPerYear" """)}, {Unknown("""c."FeesPerYear" """)},
                {Sum(Avoidable)}, {Unknown(Avoidable)}
            FROM "Cards" AS c WHERE {where}
            GROUP BY c."AgencyId", c."Province"
            """;
        var rows = new List<(int Agency, string? Province, long[] Values)>();
        await using (var command = await catalog.CommandAsync(sql, ct, parameters))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var values = new long[12];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.GetInt64(i + 2);
                }

                rows.Add((reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), values));
            }
        }

        var ids = rows.Select(r => r.Agency).Distinct().ToList();
        var names = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return rows
            .Select(r => (r.Province, Figures: Group(r.Agency.ToString(CultureInfo.InvariantCulture), names.GetValueOrDefault(r.Agency, "?"), r.Values[0], r.Values[1])
                with
                {
                    RecipientsPerYear = new(r.Values[2], r.Values[3]),
                    VisitsPerYear = new(r.Values[4], r.Values[5]),
                    InquiriesByHandPerYear = new(r.Values[6], r.Values[7]),
                    FeesPerYear = new(r.Values[8], r.Values[9]),
                    AvoidableVisitsPerYear = new(r.Values[10], r.Values[11]),
                }))
            // an agency whose cards carry two provinces (moved agency) is one row per province
            .GroupBy(r => (r.Figures.Key, r.Province))
            .Select(g => (g.Key.Province, g.Select(x => x.Figures).Aggregate((a, b) => a.Plus(b))))
            .ToList();
    }

    private async Task<IReadOnlyList<BurdenRow>> LargestBurdenAsync(CatalogFilter filter, CancellationToken ct)
    {
        // The top ids from the covering index (joined with a text match by hash on PostgreSQL), then those cards' rows.
        var parameters = new List<object>();
        var where = catalog.Where(filter, parameters, efStyle: false);
        var sql = $"""
            SELECT c."Id" FROM "Cards" AS c
            WHERE {where} AND c."VisitsPerYear" + c."InquiriesByHandPerYear" > 0
            ORDER BY c."VisitsPerYear" + c."InquiriesByHandPerYear" DESC, c."Id"
            LIMIT {LargestBurdenCount}
            """;
        var ids = await WordsJoinedByHashAsync(filter, async () =>
        {
            var top = new List<int>();
            await using var command = await catalog.CommandAsync(sql, ct, parameters);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                top.Add(reader.GetInt32(0));
            }

            return top;
        }, ct);
        var cards = await db.Cards.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new BurdenRow(c.Id, c.Title, c.AgencyId, c.Agency!.Name, c.Province, c.Maturity, c.RecipientsPerYear, c.VisitsPerYear ?? 0, c.InquiriesByHandPerYear ?? 0))
            .ToDictionaryAsync(r => r.Id, ct);
        return ids.Where(cards.ContainsKey).Select(id => cards[id]).ToList();
    }

    /// <summary>
    /// Runs a figures query; on PostgreSQL with words, in a transaction with nested loops (and JIT) off. The planner
    /// guesses 200 ids for any text match and fetches each matching card's heap row by id: 5.2 s for a word every card
    /// has at a million cards, where a hash join with the covering IX_Cards_Statistics takes 1.5 s (EXPLAIN ANALYZE).
    /// </summary>
    private async Task<T> WordsJoinedByHashAsync<T>(CatalogFilter filter, Func<Task<T>> query, CancellationToken ct)
    {
        if (filter.Words.Count == 0 || !db.Database.IsNpgsql())
        {
            return await query();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_nestloop = off; SET LOCAL jit = off", ct);
        var result = await query();
        await transaction.CommitAsync(ct);
        return result;
    }

    private static GroupFigures Group(string key, string name, long services, long fullyElectronic) =>
        new(key, name, services, fullyElectronic, Figure.Zero, Figure.Zero, Figure.Zero, Figure.Zero, Figure.Zero);

    /// <summary>A SUM that is a bigint on both databases and 0 over no values.</summary>
    private static string Sum(string expression) => $"CAST(COALESCE(SUM({expression}), 0) AS bigint)";

    private static string Unknown(string expression) => Sum($"CASE WHEN {expression} IS NULL THEN 1 ELSE 0 END");
}
