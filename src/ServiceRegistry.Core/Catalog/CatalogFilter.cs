using System.Globalization;
using System.Text;
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

/// <summary>What a catalog list asks for: a Persian query and one value per facet. A null status means published
/// cards only (what anonymous readers may see).</summary>
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
    /// <summary>Published by default; null means every status (administrators' exports).</summary>
    public CardStatus? Status { get; init; } = CardStatus.Published;

    public IReadOnlyList<string> Words => SearchTerms.Words(Q);

    /// <summary>A stable text form of the filter (cache keys, ETags).</summary>
    public string Key()
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(' ', Words)).Append('|').Append(Agency).Append('|').Append(Province?.Trim()).Append('|')
            .Append(Type).Append('|').Append(Level).Append('|').Append(LifeEvent).Append('|').Append(Nature).Append('|')
            .Append(Maturity?.ToString(CultureInfo.InvariantCulture)).Append('|').Append(Free).Append('|').Append(Status);
        return sb.ToString();
    }
}
