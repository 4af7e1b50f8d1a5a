using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Catalog;

public enum CatalogSort
{
    /// <summary>Title matches first, then by text rank; without a query, by title.</summary>
    Relevance,
    Title,

    /// <summary>Most recently updated first.</summary>
    Updated,

    /// <summary>The lowest e-readiness level first (where in-person visits remain), each level by title.</summary>
    Maturity,
}

/// <summary>What a catalog list asks for: a Persian query and at most one value per facet (<see cref="Facets"/>), and
/// a status. The address reads into it through <see cref="ServiceQuery"/>; <see cref="CatalogFilters.Apply"/> is the
/// filter in SQL, the in-memory snapshot the same filter over its columns.</summary>
public sealed record CatalogFilter
{
    public string? Q { get; init; }
    public int? Agency { get; init; }
    public string? Province { get; init; }
    public ServiceType? Type { get; init; }
    public ServiceLevel? Level { get; init; }
    public LifeEvent? LifeEvent { get; init; }
    public Nature? Nature { get; init; }
    public int? Maturity { get; init; }
    public bool? Free { get; init; }

    /// <summary>Published by default (what anonymous readers may see); null means every status (administrators' exports,
    /// the completeness figures).</summary>
    public CardStatus? Status { get; init; } = CardStatus.Published;

    public IReadOnlyList<string> Words => SearchTerms.Words(Q);

    /// <summary>A stable text form of the filter (cache keys, ETags).</summary>
    public string Key() =>
        string.Join('|', [string.Join(' ', Words), .. Facets.All.Select(f => f.KeyPart(this)), Status?.ToString()]);
}

/// <summary>The catalog filter in SQL, for every list the database reads whole (exports, the dashboard's figures).</summary>
public static class CatalogFilters
{
    /// <summary>The cards that pass <paramref name="filter"/>: its status, every facet set (<see cref="Facets"/>) and
    /// its words, matched by the database's full-text index (<paramref name="sql"/>, the one dialect-specific part).</summary>
    public static IQueryable<ServiceCard> Apply(this IQueryable<ServiceCard> cards, CatalogFilter filter, CatalogSql sql)
    {
        if (filter.Status is { } status)
        {
            cards = cards.Where(c => c.Status == status);
        }

        foreach (var facet in Facets.All)
        {
            cards = facet.Apply(cards, filter);
        }

        return filter.Words is { Count: > 0 } words ? sql.Matching(cards, words) : cards;
    }
}
