using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Catalog;

/// <summary>
/// "Did you mean": the words of published titles with how many titles use each, and the nearest of them to a query
/// word that starts none. A word is corrected when one or two letters are wrong, missing, extra or swapped (one for
/// words of 4–7 letters, two from 8), or split when it is two title words written without the space or ZWNJ
/// between them («شهرداریها» → «شهرداری ها»). Query words are word prefixes (results update as people type), so a
/// word is compared with the start of each title word. Only published titles feed it: a suggestion never shows a
/// word of an unpublished card.
/// </summary>
public sealed class SearchSpelling
{
    private const int MaxWord = 64;

    private readonly string[] _words; // ordinal order
    private readonly int[] _uses; // cards whose title has the word

    private SearchSpelling(string[] words, int[] uses, int titles)
    {
        _words = words;
        _uses = uses;
        Titles = titles;
    }

    /// <summary>How many distinct words it knows.</summary>
    public int Count => _words.Length;

    /// <summary>How many titles it was built from.</summary>
    public int Titles { get; }

    /// <summary>The vocabulary of these titles (normalised as <see cref="SearchTerms.Document"/> stores them).</summary>
    public static SearchSpelling Build(IEnumerable<string> titleKeys)
    {
        // Many cards share a title (the same service in every province): split each distinct title once.
        var titles = new Dictionary<string, int>(StringComparer.Ordinal);
        var total = 0;
        foreach (var title in titleKeys)
        {
            titles[title] = titles.GetValueOrDefault(title) + 1;
            total++;
        }

        // Word → id without a string per occurrence (a span lookup), and each word counted once per title.
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var byId = ids.GetAlternateLookup<ReadOnlySpan<char>>();
        var uses = new List<int>();
        var lastTitle = new List<int>();
        var titleNumber = 0;
        foreach (var (title, cards) in titles)
        {
            titleNumber++;
            foreach (var range in title.AsSpan().Split(' '))
            {
                var word = title.AsSpan()[range];
                if (word.IsEmpty)
                {
                    continue;
                }

                word = word.Length > MaxWord ? word[..MaxWord] : word;
                if (!byId.TryGetValue(word, out var id))
                {
                    id = ids.Count;
                    byId[word] = id;
                    uses.Add(0);
                    lastTitle.Add(0);
                }

                if (lastTitle[id] != titleNumber)
                {
                    lastTitle[id] = titleNumber;
                    uses[id] += cards;
                }
            }
        }

        var sorted = ids.Keys.Order(StringComparer.Ordinal).ToArray();
        return new SearchSpelling(sorted, sorted.Select(w => uses[ids[w]]).ToArray(), total);
    }

    /// <summary>
    /// The query with each word that starts no title word replaced by its nearest title word (or split in two), or
    /// null when every word is known or a word has nothing near it.
    /// </summary>
    public IReadOnlyList<string>? Suggest(IReadOnlyList<string> query)
    {
        var result = new List<string>(query.Count);
        var changed = false;
        foreach (var word in query)
        {
            if (StartsAny(word))
            {
                result.Add(word);
                continue;
            }

            var correction = Split(word) ?? Nearest(word);
            if (correction is null)
            {
                return null;
            }

            result.AddRange(correction.Split(' '));
            changed = true;
        }

        return changed ? result.Distinct(StringComparer.Ordinal).ToList() : null;
    }

    /// <summary>Whether some word starts with <paramref name="prefix"/>.</summary>
    public bool StartsAny(string prefix)
    {
        var i = LowerBound(prefix);
        return i < _words.Length && _words[i].StartsWith(prefix, StringComparison.Ordinal);
    }

    private bool Has(string word)
    {
        var i = LowerBound(word);
        return i < _words.Length && _words[i] == word;
    }

    private int Uses(string word) => _uses[LowerBound(word)];

    private int LowerBound(string key)
    {
        int lo = 0, hi = _words.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(_words[mid], key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>Two words written as one: a known word, then the start of a known word; the most used first half wins.</summary>
    private string? Split(string word)
    {
        string? best = null;
        var bestUses = 0;
        for (var i = 2; i <= word.Length - 1; i++)
        {
            var left = word[..i];
            var right = word[i..];
            if (Has(left) && StartsAny(right) && Uses(left) > bestUses)
            {
                best = $"{left} {right}";
                bestUses = Uses(left);
            }
        }

        return best;
    }

    /// <summary>The title word whose start is nearest the word (fewest edits, then most used, then shortest).</summary>
    private string? Nearest(string word)
    {
        var allowed = word.Length switch
        {
            < 4 => 0,
            < 8 => 1,
            _ => 2,
        };
        if (allowed == 0 || word.Length > MaxWord)
        {
            return null;
        }

        string? best = null;
        int bestDistance = allowed + 1, bestUses = 0;
        Span<int> buffer = stackalloc int[3 * (MaxWord + 3)];
        for (var i = 0; i < _words.Length; i++)
        {
            var candidate = _words[i];
            if (candidate.Length < word.Length - allowed)
            {
                continue;
            }

            var d = PrefixDistance(word, candidate, allowed, buffer);
            if (d > allowed)
            {
                continue;
            }

            if (d < bestDistance
                || (d == bestDistance && (_uses[i] > bestUses || (_uses[i] == bestUses && candidate.Length < best!.Length))))
            {
                best = candidate;
                bestDistance = d;
                bestUses = _uses[i];
            }
        }

        return best;
    }

    /// <summary>
    /// The fewest edits (insert, delete, replace, swap two neighbours) that turn <paramref name="word"/> into some
    /// start of <paramref name="candidate"/>; anything over <paramref name="limit"/> is reported as limit + 1.
    /// </summary>
    internal static int PrefixDistance(string word, string candidate, int limit, Span<int> buffer)
    {
        // Rows over the word's letters, columns over the candidate's first word.Length + limit letters.
        var m = word.Length;
        var n = Math.Min(candidate.Length, m + limit);
        var width = n + 1;
        var twoBack = buffer[..width];
        var previous = buffer.Slice(width, width);
        var current = buffer.Slice(2 * width, width);
        for (var j = 0; j <= n; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= m; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= n; j++)
            {
                var cost = word[i - 1] == candidate[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && word[i - 1] == candidate[j - 2] && word[i - 2] == candidate[j - 1])
                {
                    d = Math.Min(d, twoBack[j - 2] + 1);
                }

                current[j] = d;
                rowMin = Math.Min(rowMin, d);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            var spare = twoBack;
            twoBack = previous;
            previous = current;
            current = spare;
        }

        // The word against each start of the candidate: the best of the last row.
        var best = limit + 1;
        for (var j = Math.Max(0, m - limit); j <= n; j++)
        {
            best = Math.Min(best, previous[j]);
        }

        return best;
    }
}
