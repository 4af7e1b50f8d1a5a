using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Catalog;

/// <summary>
/// Search and facets over the promoted columns of Cards, in the database: SQLite FTS5 or PostgreSQL full text
/// (see migration 20261121010000_Catalog). Matching is the same on both: every query word (normalised as the
/// stored text is, <see cref="SearchTerms"/>) must start a word of the card's text; cards whose title has every
/// word come first. Results and facet counts are cached against the catalog stamp, a counter that every change
/// to Cards bumps, so a cached answer is never stale.
/// </summary>
public sealed class CatalogQuery(RegistryDbContext db, IMemoryCache cache)
{
    public const int MaxPageSize = 100;

    /// <summary>How many agencies a facet lists (the largest; a selected one is always kept).</summary>
    public const int AgencyFacetSize = 50;

    private bool Postgres => db.Database.IsNpgsql();

    /// <summary>The catalog stamp: changes whenever any card is added, changed or removed.</summary>
    public async Task<long> StampAsync(CancellationToken ct = default)
    {
        await using var command = await CommandAsync(Postgres ? """SELECT "Stamp" FROM "CatalogState" WHERE "Id" = 1""" : "SELECT Stamp FROM CatalogState WHERE Id = 1", ct);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>A page of results with the total and facet counts. <paramref name="page"/> is 1-based.</summary>
    public async Task<CatalogPage> SearchAsync(CatalogFilter filter, int page = 1, int pageSize = 20, CatalogSort sort = CatalogSort.Relevance, CancellationToken ct = default)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var stamp = await StampAsync(ct);
        var key = filter.Key();

        var facetKey = $"catalog:facets:{stamp}:{key}";
        if (!cache.TryGetValue(facetKey, out (long Total, CatalogFacets Facets) counted))
        {
            counted = await CountAsync(filter, ct);
            cache.Set(facetKey, counted, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }

        var itemsKey = $"catalog:items:{stamp}:{key}:{sort}:{page}:{pageSize}";
        if (!cache.TryGetValue(itemsKey, out IReadOnlyList<CatalogItem>? items) || items is null)
        {
            items = await ItemsAsync(filter, page, pageSize, sort, ct);
            cache.Set(itemsKey, items, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }

        return new CatalogPage(items, counted.Total, counted.Facets, page, pageSize, stamp);
    }

    /// <summary>The cards matching a filter, in id order, streamed (exports).</summary>
    public IAsyncEnumerable<ServiceCard> CardsAsync(CatalogFilter filter)
    {
        var parameters = new List<object>();
        var where = Where(filter, parameters, efStyle: true);
        var sql = Postgres ? $"""SELECT c.* FROM "Cards" AS c WHERE {where}""" : $"SELECT c.* FROM Cards AS c WHERE {where}";
        return db.Cards.FromSqlRaw(sql, [.. parameters]).AsNoTracking().OrderBy(c => c.Id).AsAsyncEnumerable();
    }

    /// <summary>An agency's published services as a tree: sub-services under the service whose ID they name as parent.</summary>
    public async Task<IReadOnlyList<ServiceNode>> TreeAsync(int agencyId, CancellationToken ct = default)
    {
        var rows = await db.Cards.AsNoTracking()
            .Where(c => c.AgencyId == agencyId && c.Status == CardStatus.Published)
            .OrderBy(c => c.TitleKey).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Title, c.ServiceId, c.ParentServiceId })
            .ToListAsync(ct);
        var ids = rows.Where(r => r.ServiceId is not null).Select(r => r.ServiceId!).ToHashSet(StringComparer.Ordinal);
        var children = rows.Where(r => r.ParentServiceId is not null && ids.Contains(r.ParentServiceId))
            .ToLookup(r => r.ParentServiceId!, StringComparer.Ordinal);

        ServiceNode Node(int id, string title, string? serviceId, int depth) => new(id, title, serviceId,
            serviceId is null || depth > 8 ? [] : children[serviceId].Select(c => Node(c.Id, c.Title, c.ServiceId, depth + 1)).ToList());

        return rows.Where(r => r.ParentServiceId is null || !ids.Contains(r.ParentServiceId))
            .Select(r => Node(r.Id, r.Title, r.ServiceId, 0)).ToList();
    }

    private async Task<IReadOnlyList<CatalogItem>> ItemsAsync(CatalogFilter filter, int page, int pageSize, CatalogSort sort, CancellationToken ct)
    {
        var parameters = new List<object>();
        var words = filter.Words;
        var relevance = words.Count > 0 && sort == CatalogSort.Relevance;
        var pg = Postgres;
        var where = Where(filter, parameters, efStyle: false);

        // Relevance: cards whose title has every word first, then the rest; within each, by title. The same order on
        // both databases, computed over the covering index only (no text-rank function reads every matching row).
        string tier;
        if (!relevance)
        {
            tier = "0";
        }
        else if (pg)
        {
            parameters.Add(Param("tsTitle", SearchTerms.TsQuery(words, "A")));
            tier = """CASE WHEN c."SearchVector" @@ to_tsquery('simple', @tsTitle) THEN 0 ELSE 1 END""";
        }
        else
        {
            parameters.Add(Param("ftsTitle", SearchTerms.Fts5(words, "TitleKey")));
            tier = "CASE WHEN +c.Id IN (SELECT rowid FROM CardSearch WHERE CardSearch MATCH @ftsTitle) THEN 0 ELSE 1 END";
        }

        var order = sort == CatalogSort.Updated ? """c."UpdatedAt" DESC, c."Id" DESC""" : """Tier, c."TitleKey", c."Id" """;
        var sql = $"""
            SELECT c."Id", c."Title", c."AgencyId", a."Name", c."Province", c."Status", c."ServiceId", c."ParentServiceId", c."Maturity", c."IsFree", c."Types"
            FROM (SELECT c."Id", {tier} AS Tier FROM "Cards" AS c WHERE {where} ORDER BY {order} LIMIT {pageSize} OFFSET {(page - 1) * pageSize}) AS p
            JOIN "Cards" AS c ON c."Id" = p."Id" JOIN "Agencies" AS a ON a."Id" = c."AgencyId"
            ORDER BY {order}
            """;
        await using var command = await CommandAsync(sql, ct, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var items = new List<CatalogItem>(pageSize);
        while (await reader.ReadAsync(ct))
        {
            items.Add(new CatalogItem(
                reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), Enum.Parse<CardStatus>(reader.GetString(5)),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                reader.GetInt32(8), reader.GetBoolean(9), reader.GetInt32(10)));
        }

        return items;
    }

    private async Task<(long Total, CatalogFacets Facets)> CountAsync(CatalogFilter filter, CancellationToken ct)
    {
        var parameters = new List<object>();
        var where = Where(filter, parameters, efStyle: false);
        var sql = $"""
            SELECT c."Types", c."Levels", c."LifeEvents", c."Nature", c."Maturity", c."IsFree", COUNT(*) FROM "Cards" AS c WHERE {where}
            GROUP BY c."Types", c."Levels", c."LifeEvents", c."Nature", c."Maturity", c."IsFree";
            SELECT c."AgencyId", c."Province", COUNT(*) FROM "Cards" AS c WHERE {where} GROUP BY c."AgencyId", c."Province";
            """;

        var types = new long[Enum.GetValues<ServiceType>().Length];
        var levels = new long[Enum.GetValues<ServiceLevel>().Length];
        var events = new long[Enum.GetValues<LifeEvent>().Length];
        var natures = new Dictionary<string, long>(StringComparer.Ordinal);
        var maturity = new long[MaturityLevel.Max + 1];
        long free = 0, paid = 0, total = 0;
        var agencies = new Dictionary<int, long>();
        var provinces = new Dictionary<string, long>(StringComparer.Ordinal);

        await using (var command = await CommandAsync(sql, ct, parameters))
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var count = reader.GetInt64(6);
                total += count;
                AddBits(types, reader.GetInt32(0), count);
                AddBits(levels, reader.GetInt32(1), count);
                AddBits(events, reader.GetInt32(2), count);
                if (!reader.IsDBNull(3))
                {
                    natures[reader.GetString(3)] = natures.GetValueOrDefault(reader.GetString(3)) + count;
                }

                maturity[Math.Clamp(reader.GetInt32(4), 0, MaturityLevel.Max)] += count;
                if (reader.GetBoolean(5))
                {
                    free += count;
                }
                else
                {
                    paid += count;
                }
            }

            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var count = reader.GetInt64(2);
                var agency = reader.GetInt32(0);
                agencies[agency] = agencies.GetValueOrDefault(agency) + count;
                if (!reader.IsDBNull(1))
                {
                    provinces[reader.GetString(1)] = provinces.GetValueOrDefault(reader.GetString(1)) + count;
                }
            }
        }

        var topAgencies = agencies.OrderByDescending(a => a.Value).ThenBy(a => a.Key).Take(AgencyFacetSize)
            .Concat(filter.Agency is { } selected && agencies.TryGetValue(selected, out var n) ? [new(selected, n)] : [])
            .DistinctBy(a => a.Key).ToList();
        var agencyIds = topAgencies.Select(a => a.Key).ToList();
        var names = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);

        var facets = new CatalogFacets(
            topAgencies.Select(a => new FacetValue(a.Key.ToString(CultureInfo.InvariantCulture), names.GetValueOrDefault(a.Key, "?"), a.Value)).ToList(),
            provinces.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new FacetValue(p.Key, p.Key, p.Value)).ToList(),
            EnumFacet<ServiceType>(types),
            EnumFacet<ServiceLevel>(levels),
            EnumFacet<LifeEvent>(events),
            Enum.GetValues<Nature>().Where(v => natures.ContainsKey(v.ToString()))
                .Select(v => new FacetValue(Labels.Code(v), Labels.Of(v), natures[v.ToString()])).ToList(),
            maturity.Select((c, level) => new FacetValue(level.ToString(CultureInfo.InvariantCulture), MaturityLevel.Label(level), c)).Where(f => f.Count > 0).ToList(),
            new[] { new FacetValue("true", "رایگان", free), new FacetValue("false", "با هزینه", paid) }.Where(f => f.Count > 0).ToList());
        return (total, facets);
    }

    private static void AddBits(long[] counts, int bits, long count)
    {
        for (var i = 0; i < counts.Length; i++)
        {
            if ((bits & (1 << i)) != 0)
            {
                counts[i] += count;
            }
        }
    }

    private static List<FacetValue> EnumFacet<T>(long[] counts) where T : struct, Enum =>
        Enum.GetValues<T>().Select((v, i) => new FacetValue(Labels.Code(v), Labels.Of(v), counts[i])).Where(f => f.Count > 0).ToList();

    /// <summary>The WHERE clause of a filter (table alias c). <paramref name="efStyle"/> writes {0} placeholders for FromSqlRaw.</summary>
    internal string Where(CatalogFilter filter, List<object> parameters, bool efStyle)
    {
        var pg = Postgres;
        var sb = new StringBuilder();

        void Add(string condition, string name, object value)
        {
            var placeholder = efStyle ? "{" + parameters.Count.ToString(CultureInfo.InvariantCulture) + "}" : "@" + name;
            parameters.Add(efStyle ? value : Param(name, value));
            sb.Append(sb.Length > 0 ? " AND " : "").Append(condition.Replace("@p", placeholder, StringComparison.Ordinal));
        }

        if (filter.Status is { } status)
        {
            Add("""c."Status" = @p""", "status", status.ToString());
        }
        else
        {
            sb.Append("1 = 1");
        }
        if (filter.Agency is { } agency)
        {
            Add("""c."AgencyId" = @p""", "agency", agency);
        }

        if (!string.IsNullOrWhiteSpace(filter.Province))
        {
            Add("""c."Province" = @p""", "province", filter.Province.Trim());
        }

        if (filter.Type is { } type)
        {
            Add("""(c."Types" & @p) <> 0""", "type", 1 << (int)type);
        }

        if (filter.Level is { } level)
        {
            Add("""(c."Levels" & @p) <> 0""", "level", 1 << (int)level);
        }

        if (filter.LifeEvent is { } lifeEvent)
        {
            Add("""(c."LifeEvents" & @p) <> 0""", "lifeEvent", 1 << (int)lifeEvent);
        }

        if (filter.Nature is { } nature)
        {
            Add("""c."Nature" = @p""", "nature", nature.ToString());
        }

        if (filter.Maturity is { } maturity)
        {
            Add("""c."Maturity" = @p""", "maturity", maturity);
        }

        if (filter.Free is { } free)
        {
            Add("""c."IsFree" = @p""", "free", free);
        }

        var words = filter.Words;
        if (words.Count > 0)
        {
            if (pg)
            {
                Add("""c."SearchVector" @@ to_tsquery('simple', @p)""", "ts", SearchTerms.TsQuery(words));
            }
            else
            {
                // unary + keeps SQLite on the covering index (checking ids against the match list) instead of
                // fetching each matching row by rowid
                Add("+c.Id IN (SELECT rowid FROM CardSearch WHERE CardSearch MATCH @p)", "fts", SearchTerms.Fts5(words));
            }
        }

        return sb.ToString();
    }

    private static string Q(string identifier) => $"\"{identifier}\"";

    internal static (string Name, object Value) Param(string name, object value) => (name, value);

    internal async Task<DbCommand> CommandAsync(string sql, CancellationToken ct, List<object>? parameters = null)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in (parameters ?? []).Cast<(string, object)>())
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }

        return command;
    }
}
