using System.Buffers;
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
/// The catalog's lists: the text match runs in the database (SQLite FTS5 or PostgreSQL full text, the CardSearch
/// tables); filters, facet counts and the page order come from the in-memory <see cref="CatalogSnapshot"/> kept by
/// <see cref="CatalogIndex"/>. Matching is the same on both databases: every query word (normalised as the stored text
/// is, <see cref="SearchTerms"/>) must start a word of the card's text; cards whose title has every word come first.
/// Results and facet counts are cached against the catalog stamp, a counter that every change to Cards bumps, so a
/// cached answer is never stale. <see cref="Where"/> is the same filter in SQL, for exports and the dashboard.
/// </summary>
public sealed class CatalogQuery(RegistryDbContext db, IMemoryCache cache, CatalogIndex index)
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
        var itemsKey = $"catalog:items:{stamp}:{key}:{sort}:{page}:{pageSize}";
        if (cache.TryGetValue(facetKey, out (long Total, CatalogFacets Facets, CatalogSuggestion? Suggestion) counted)
            && cache.TryGetValue(itemsKey, out IReadOnlyList<CatalogItem>? items) && items is not null)
        {
            return new CatalogPage(items, counted.Total, counted.Facets, page, pageSize, stamp, counted.Suggestion);
        }

        // The database finds the cards whose text matches; the snapshot filters, counts and orders them.
        var snapshot = await index.AtLeastAsync(stamp, ct);
        var words = filter.Words;
        using (var matched = await MatchAsync(snapshot, filter, words, ct))
        {
            var counts = matched.Counts;
            var suggestion = counts.Total == 0 && words.Count > 0 ? await SuggestAsync(snapshot, filter, ct) : null;
            counted = (counts.Total, await FacetsAsync(snapshot, counts, filter, ct), suggestion);
            cache.Set(facetKey, counted, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
            var ids = snapshot.Page(matched.Hits, sort, words, (page - 1) * pageSize, pageSize);
            items = await ItemsAsync(ids, ct);
            cache.Set(itemsKey, items, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }

        return new CatalogPage(items, counted.Total, counted.Facets, page, pageSize, stamp, counted.Suggestion);
    }

    /// <summary>
    /// "Did you mean": the query with its unknown words corrected from published titles (<see cref="SearchSpelling"/>),
    /// if that query finds something with the same filters; otherwise null.
    /// </summary>
    private async Task<CatalogSuggestion?> SuggestAsync(CatalogSnapshot snapshot, CatalogFilter filter, CancellationToken ct)
    {
        if (index.Spelling(snapshot).Suggest(filter.Words) is not { } words)
        {
            return null;
        }

        using var matched = await MatchAsync(snapshot, filter, words, ct);
        var total = matched.Counts.Total;
        return total > 0 ? new CatalogSuggestion(string.Join(' ', words), total) : null;
    }

    /// <summary>The ids of a slice of the filtered list in the sort's order, without facets (the dashboard's lists).</summary>
    public async Task<List<int>> IdsAsync(CatalogFilter filter, CatalogSort sort, int skip, int take, CancellationToken ct = default)
    {
        var snapshot = await index.AtLeastAsync(await StampAsync(ct), ct);
        var words = filter.Words;
        using var matched = await MatchAsync(snapshot, filter, words, ct);
        return snapshot.Page(matched.Hits, sort, words, Math.Max(0, skip), Math.Max(0, take));
    }

    /// <summary>
    /// The snapshot's rows that pass the filter with these words (matched in the database's full-text index), marked
    /// in a pooled bit set, and the facet counts over them. Disposing returns the set to the pool.
    /// </summary>
    private async Task<Matched> MatchAsync(CatalogSnapshot snapshot, CatalogFilter filter, IReadOnlyList<string> words, CancellationToken ct)
    {
        var text = words.Count > 0 ? await MatchingAsync(snapshot, words, ct) : null;
        var hits = ArrayPool<ulong>.Shared.Rent(snapshot.Words);
        return new Matched(hits, snapshot.Evaluate(snapshot.Criteria(filter), text, hits));
    }

    private sealed class Matched(ulong[] hits, CatalogCounts counts) : IDisposable
    {
        public ulong[] Hits => hits;

        public CatalogCounts Counts => counts;

        public void Dispose() => ArrayPool<ulong>.Shared.Return(hits);
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

    /// <summary>
    /// The rows of the snapshot whose card text has every word (as word prefixes), from the database's full-text index
    /// (SQLite FTS5, PostgreSQL tsvector). Cached per snapshot and words: a person who searched refines by facets and
    /// pages next, and those ask the same text again. The set is shared and never changed after it is made.
    /// </summary>
    private async Task<ulong[]> MatchingAsync(CatalogSnapshot snapshot, IReadOnlyList<string> words, CancellationToken ct)
    {
        var key = $"catalog:text:{snapshot.Stamp}:{string.Join(' ', words)}";
        if (cache.TryGetValue(key, out ulong[]? cached) && cached is not null)
        {
            return cached;
        }

        // One value instead of a row per card (a common prefix matches half the registry): SQLite joins the ids into
        // text, PostgreSQL into an int[] read in binary.
        var sql = Postgres
            ? "SELECT card_search_ids(to_tsquery('simple', @q))"
            : "SELECT group_concat(rowid) FROM CardSearch WHERE CardSearch MATCH @q";
        var set = new ulong[snapshot.Words];
        await using (var command = await CommandAsync(sql, ct, [Param("q", Postgres ? SearchTerms.TsQuery(words) : SearchTerms.Fts5(words))]))
        {
            var value = await command.ExecuteScalarAsync(ct);
            if (value is int[] ids)
            {
                foreach (var id in ids)
                {
                    snapshot.Mark(set, id);
                }
            }
            else if (value is string list)
            {
                var id = 0;
                foreach (var c in list)
                {
                    if (c == ',')
                    {
                        snapshot.Mark(set, id);
                        id = 0;
                    }
                    else
                    {
                        id = (id * 10) + (c - '0');
                    }
                }

                snapshot.Mark(set, id);
            }
        }

        // size in the cache's units (entries are 1): one unit per 16 KB of set
        cache.Set(key, set, new MemoryCacheEntryOptions { Size = 1 + (set.Length >> 11), SlidingExpiration = TimeSpan.FromMinutes(10) });
        return set;
    }

    /// <summary>The list columns of the cards of a page, in the page's order.</summary>
    private async Task<IReadOnlyList<CatalogItem>> ItemsAsync(List<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Cards.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new CatalogItem(c.Id, c.Title, c.AgencyId, c.Agency!.Name, c.Province, c.Status, c.ServiceId, c.ParentServiceId, c.Maturity, c.IsFree, c.Types))
            .ToDictionaryAsync(c => c.Id, ct);
        return ids.Where(rows.ContainsKey).Select(id => rows[id]).ToList();
    }

    private async Task<CatalogFacets> FacetsAsync(CatalogSnapshot snapshot, CatalogCounts counts, CatalogFilter filter, CancellationToken ct)
    {
        var agencies = Enumerable.Range(0, snapshot.AgencyIds.Count).Where(i => counts.Agencies[i] > 0)
            .Select(i => (Id: snapshot.AgencyIds[i], Count: counts.Agencies[i])).ToList();
        var topAgencies = agencies.OrderByDescending(a => a.Count).ThenBy(a => a.Id).Take(AgencyFacetSize)
            .Concat(agencies.Where(a => a.Id == filter.Agency))
            .DistinctBy(a => a.Id).ToList();
        var agencyIds = topAgencies.Select(a => a.Id).ToList();
        var names = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);

        return new CatalogFacets(
            topAgencies.Select(a => new FacetValue(a.Id.ToString(CultureInfo.InvariantCulture), names.GetValueOrDefault(a.Id, "?"), a.Count)).ToList(),
            Enumerable.Range(1, snapshot.Provinces.Count - 1).Where(i => counts.Provinces[i] > 0)
                .Select(i => new FacetValue(snapshot.Provinces[i], snapshot.Provinces[i], counts.Provinces[i]))
                .OrderByDescending(p => p.Count).ThenBy(p => p.Value, StringComparer.Ordinal).ToList(),
            EnumFacet<ServiceType>(counts.Types),
            EnumFacet<ServiceLevel>(counts.Levels),
            EnumFacet<LifeEvent>(counts.Events),
            EnumFacet<Nature>(counts.Natures),
            counts.Maturity.Select((c, level) => new FacetValue(level.ToString(CultureInfo.InvariantCulture), MaturityLevel.Label(level), c)).Where(f => f.Count > 0).ToList(),
            new[] { new FacetValue("true", Labels.Free(true), counts.Free), new FacetValue("false", Labels.Free(false), counts.Paid) }.Where(f => f.Count > 0).ToList());
    }

    private static List<FacetValue> EnumFacet<T>(long[] counts) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new FacetValue(Labels.Code(v), Labels.Of(v), counts[Convert.ToInt32(v, CultureInfo.InvariantCulture)])).Where(f => f.Count > 0).ToList();

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
                Add("""c."Id" IN (SELECT unnest(card_search_ids(to_tsquery('simple', @p))))""", "ts", SearchTerms.TsQuery(words));
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
