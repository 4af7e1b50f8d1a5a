namespace ServiceRegistry.Core.Catalog;

internal sealed partial class CatalogSnapshot
{
    /// <summary>
    /// The ids of one page of <paramref name="hits"/> in the sort's order. With <paramref name="words"/> (relevance),
    /// rows whose title has every word (as a word prefix) come first, then the others, each part by title; by
    /// maturity, the lowest e-readiness level first, each level by title.
    /// </summary>
    public List<int> Page(ulong[] hits, CatalogSort sort, IReadOnlyList<string> words, int skip, int take)
    {
        var order = sort == CatalogSort.Updated ? _byUpdated : _byTitle;
        var maturity = _facet[FacetIndex(Facets.Maturity)];
        var page = new List<int>(take);
        var byRelevance = sort == CatalogSort.Relevance && words.Count > 0;

        // One walk of the order per tier: title has every word, then not; or one per maturity level.
        var tiers = byRelevance ? 2 : sort == CatalogSort.Maturity ? Cards.MaturityLevel.Max + 1 : 1;
        var titleMatch = new Dictionary<string, bool>(ReferenceEqualityComparer.Instance); // titles repeat: ask once each
        for (var tier = 0; tier < tiers; tier++)
        {
            foreach (var row in order)
            {
                if ((hits[row >> 6] & (1UL << row)) == 0)
                {
                    continue;
                }

                if (sort == CatalogSort.Maturity && maturity[row] != tier)
                {
                    continue;
                }

                if (byRelevance)
                {
                    var t = _title[row];
                    if (!titleMatch.TryGetValue(t, out var has))
                    {
                        titleMatch[t] = has = TitleHasAll(t, words);
                    }

                    if (has != (tier == 0))
                    {
                        continue;
                    }
                }

                if (skip > 0)
                {
                    skip--;
                    continue;
                }

                page.Add(_ids[row]);
                if (page.Count == take)
                {
                    return page;
                }
            }
        }

        return page;
    }

    /// <summary>Whether every word starts a word of the title (normalised text, words separated by single spaces).</summary>
    internal static bool TitleHasAll(string titleKey, IReadOnlyList<string> words)
    {
        foreach (var word in words)
        {
            var found = false;
            for (var start = 0; start < titleKey.Length && !found;)
            {
                found = titleKey.AsSpan(start).StartsWith(word, StringComparison.Ordinal);
                var space = titleKey.IndexOf(' ', start);
                start = space < 0 ? titleKey.Length : space + 1;
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
