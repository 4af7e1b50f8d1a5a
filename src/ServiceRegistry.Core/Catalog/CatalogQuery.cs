using System.Buffers;
using System.Globalization;
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
/// cached answer is never stale. <see cref="Cards"/> is the same filter in SQL (<see cref="CatalogFilters.Apply"/>),
/// for exports and the dashboard.
/// </summary>
public sealed class CatalogQuery(RegistryDbContext db, IMemoryCache cache, CatalogIndex index)
{
    private readonly CatalogSql _sql = CatalogSql.For(db);

    /// <summary>This database's dialect (raw SQL and planner settings).</summary>
    public CatalogSql Sql => _sql;

    public const int MaxPageSize = 100;

    /// <summary>How many agencies a facet lists (the largest; a selected one is always kept).</summary>
    public const int AgencyFacetSize = 50;

    /// <summary>The catalog stamp: changes whenever any card is added, changed or removed.</summary>
    public Task<long> StampAsync(CancellationToken ct = default) => _sql.StampAsync(ct);

    /// <summary>A page of results with the total and facet counts, every card a result. <paramref name="page"/> is 1-based.</summary>
    public Task<CatalogPage> SearchAsync(CatalogFilter filter, int page = 1, int pageSize = 20, CatalogSort sort = CatalogSort.Relevance, CancellationToken ct = default) =>
        SearchAsync(filter, page, pageSize, sort, grouped: false, ct);

    /// <summary>The public catalog's page: a national template and its instances are one result, counted once in the
    /// total and in each facet value any of its matching cards has; the template stands for them when it matches, else
    /// its first matching instance (a province filter thus shows that province's instance).</summary>
    public Task<CatalogPage> SearchGroupedAsync(CatalogFilter filter, int page = 1, int pageSize = 20, CatalogSort sort = CatalogSort.Relevance, CancellationToken ct = default) =>
        SearchAsync(filter, page, pageSize, sort, grouped: true, ct);

    private async Task<CatalogPage> SearchAsync(CatalogFilter filter, int page, int pageSize, CatalogSort sort, bool grouped, CancellationToken ct)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        var stamp = await StampAsync(ct);
        var key = filter.Key() + (grouped ? "|grouped" : "");
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
        using (var matched = await MatchAsync(snapshot, filter, words, grouped, ct))
        {
            var counts = matched.Counts;
            var suggestion = counts.Total == 0 && words.Count > 0 ? await SuggestAsync(snapshot, filter, grouped, ct) : null;
            counted = (counts.Total, await FacetsAsync(snapshot, counts, filter, ct), suggestion);
            cache.Set(facetKey, counted, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
            var ids = snapshot.Page(matched.Hits, sort, words, (page - 1) * pageSize, pageSize);
            items = await ItemsAsync(ids, grouped, ct);
            cache.Set(itemsKey, items, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        }

        return new CatalogPage(items, counted.Total, counted.Facets, page, pageSize, stamp, counted.Suggestion);
    }

    /// <summary>
    /// "Did you mean": the query with its unknown words corrected from published titles (<see cref="SearchSpelling"/>),
    /// if that query finds something with the same filters; otherwise null.
    /// </summary>
    private async Task<CatalogSuggestion?> SuggestAsync(CatalogSnapshot snapshot, CatalogFilter filter, bool grouped, CancellationToken ct)
    {
        if (index.Spelling(snapshot).Suggest(filter.Words) is not { } words)
        {
            return null;
        }

        using var matched = await MatchAsync(snapshot, filter, words, grouped, ct);
        var total = matched.Counts.Total;
        return total > 0 ? new CatalogSuggestion(string.Join(' ', words), total) : null;
    }

    /// <summary>The ids of a slice of the filtered list in the sort's order, without facets (the dashboard's lists).</summary>
    public async Task<List<int>> IdsAsync(CatalogFilter filter, CatalogSort sort, int skip, int take, CancellationToken ct = default)
    {
        var snapshot = await index.AtLeastAsync(await StampAsync(ct), ct);
        var words = filter.Words;
        using var matched = await MatchAsync(snapshot, filter, words, false, ct);
        return snapshot.Page(matched.Hits, sort, words, Math.Max(0, skip), Math.Max(0, take));
    }

    /// <summary>
    /// The snapshot's rows that pass the filter with these words (matched in the database's full-text index), marked
    /// in a pooled bit set, and the facet counts over them. Disposing returns the set to the pool.
    /// </summary>
    private async Task<Matched> MatchAsync(CatalogSnapshot snapshot, CatalogFilter filter, IReadOnlyList<string> words, bool grouped, CancellationToken ct)
    {
        var text = words.Count > 0 ? await MatchingAsync(snapshot, words, ct) : null;
        var hits = ArrayPool<ulong>.Shared.Rent(snapshot.Words);
        return new Matched(hits, snapshot.Evaluate(snapshot.Criteria(filter), text, hits, grouped));
    }

    private sealed class Matched(ulong[] hits, CatalogCounts counts) : IDisposable
    {
        public ulong[] Hits => hits;

        public CatalogCounts Counts => counts;

        public void Dispose() => ArrayPool<ulong>.Shared.Return(hits);
    }

    /// <summary>The cards matching a filter, in SQL (not tracked), for queries that read or sum them whole.</summary>
    public IQueryable<ServiceCard> Cards(CatalogFilter filter) => db.Cards.AsNoTracking().Apply(filter, _sql);

    /// <summary>The cards matching a filter, in id order, streamed (exports).</summary>
    public IAsyncEnumerable<ServiceCard> CardsAsync(CatalogFilter filter) => Cards(filter).OrderBy(c => c.Id).AsAsyncEnumerable();

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

        var set = new ulong[snapshot.Words];
        await _sql.MarkMatchesAsync(words, id => snapshot.Mark(set, id), ct);

        // size in the cache's units (entries are 1): one unit per 16 KB of set
        cache.Set(key, set, new MemoryCacheEntryOptions { Size = 1 + (set.Length >> 11), SlidingExpiration = TimeSpan.FromMinutes(10) });
        return set;
    }

    /// <summary>The list columns of the cards of a page, in the page's order; grouped, each template's result with the
    /// number of provinces that have a published instance (from the (TemplateId, Province, Status) index).</summary>
    private async Task<IReadOnlyList<CatalogItem>> ItemsAsync(List<int> ids, bool grouped, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Cards.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new
            {
                Item = new CatalogItem(c.Id, c.Title, c.AgencyId, c.Agency!.Name, c.Province, c.Status, c.ServiceId, c.ParentServiceId, c.Maturity, c.IsFree, c.Types),
                TemplateId = c.TemplateId ?? (c.IsTemplate ? c.RevisionOfId ?? c.Id : (int?)null),
            })
            .ToDictionaryAsync(c => c.Item.Id, c => c.Item with { TemplateId = c.TemplateId }, ct);
        var templates = rows.Values.Select(r => r.TemplateId).OfType<int>().Distinct().ToList();
        var offered = grouped && templates.Count > 0
            ? await db.Cards.AsNoTracking()
                .Where(c => c.TemplateId != null && templates.Contains(c.TemplateId.Value) && c.Status == CardStatus.Published && c.RevisionOfId == null && c.Province != null)
                .GroupBy(c => c.TemplateId!.Value)
                .Select(g => new { Template = g.Key, Provinces = g.Select(c => c.Province).Distinct().Count() })
                .ToDictionaryAsync(g => g.Template, g => g.Provinces, ct)
            : [];
        return ids.Where(rows.ContainsKey)
            .Select(id => rows[id] is { TemplateId: { } t } item && offered.TryGetValue(t, out var n) ? item with { OfferedIn = n } : rows[id])
            .ToList();
    }

    private async Task<CatalogFacets> FacetsAsync(CatalogSnapshot snapshot, CatalogCounts counts, CatalogFilter filter, CancellationToken ct)
    {
        var values = Facets.All.ToDictionary(f => f, f => f.Count(counts.Of(f), f.Column == FacetColumn.Interned ? snapshot.Interned(f) : []).ToList());

        // agencies: the largest (a selected one is always kept), named from the database
        var wanted = filter.Agency?.ToString(CultureInfo.InvariantCulture);
        var agencies = values[Facets.Agency].OrderByDescending(a => a.Count).ThenBy(a => int.Parse(a.Value, CultureInfo.InvariantCulture)).Take(AgencyFacetSize)
            .Concat(values[Facets.Agency].Where(a => a.Value == wanted))
            .DistinctBy(a => a.Value).ToList();
        var agencyIds = agencies.Select(a => int.Parse(a.Value, CultureInfo.InvariantCulture)).ToList();
        var names = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        values[Facets.Agency] = agencies.Select(a => a with { Label = names.GetValueOrDefault(int.Parse(a.Value, CultureInfo.InvariantCulture), "?") }).ToList();

        return new CatalogFacets(
            values[Facets.Agency], values[Facets.Province], values[Facets.Type], values[Facets.Level], values[Facets.LifeEvent],
            values[Facets.Nature], values[Facets.Maturity], values[Facets.Free]);
    }
}
