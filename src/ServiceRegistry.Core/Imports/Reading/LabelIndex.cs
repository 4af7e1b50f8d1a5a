namespace ServiceRegistry.Core.Imports;

/// <summary>Finds labels in folded text: at each word start, the longest label that ends at a word end.
/// Labels are bucketed by first character, so a scan costs a few comparisons a word.</summary>
internal sealed class LabelIndex<T>
{
    private readonly Dictionary<char, (string Key, T Item)[]> _buckets;

    public LabelIndex(IEnumerable<(string Key, T Item)> labels)
    {
        _buckets = labels.Where(l => l.Key.Length > 0)
            .GroupBy(l => l.Key[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(l => l.Key.Length).ToArray());
    }

    /// <summary>The longest label starting at folded position <paramref name="start"/>, if any.</summary>
    public bool TryMatchAt(FoldedText text, int start, out T item, out int end)
    {
        item = default!;
        end = start;
        if (!text.IsWordStart(start) || !_buckets.TryGetValue(text.Chars[start], out var bucket))
        {
            return false;
        }

        var span = text.Span[start..];
        foreach (var (key, candidate) in bucket)
        {
            if (span.StartsWith(key, StringComparison.Ordinal) && text.IsWordEnd(start + key.Length - 1))
            {
                item = candidate;
                end = start + key.Length;
                return true;
            }
        }

        return false;
    }

    /// <summary>All non-overlapping labels, left to right, longest at each place.</summary>
    public List<(int Start, int End, T Item)> Scan(FoldedText text, int from = 0, int to = -1)
    {
        if (to < 0)
        {
            to = text.Length;
        }

        var hits = new List<(int, int, T)>();
        var i = from;
        while (i < to)
        {
            if (TryMatchAt(text, i, out var item, out var end) && end <= to)
            {
                hits.Add((i, end, item));
                i = end;
                continue;
            }

            i++;
        }

        return hits;
    }
}
