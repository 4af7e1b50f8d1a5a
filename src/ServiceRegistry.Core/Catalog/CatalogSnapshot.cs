namespace ServiceRegistry.Core.Catalog;

/// <summary>
/// An immutable, column-wise copy of every card's catalog columns at one catalog stamp: the facet counts and the order
/// of a result page are computed here in one pass over compact arrays (a few milliseconds for a million cards), while
/// the text match stays in the database's full-text index. Rows are never removed: a deleted card's row is marked
/// (status 0) and skipped. Instances are shared by concurrent requests and never change; a refresh makes a new one.
/// This file builds and refreshes it; CatalogSnapshot.Filter.cs filters and counts (by <see cref="Facets"/>),
/// CatalogSnapshot.Order.cs pages in a sort's order.
/// </summary>
internal sealed partial class CatalogSnapshot
{
    private readonly int[] _ids;
    private readonly byte[] _status; // CardStatus + 1; 0 = deleted
    private readonly string[] _title;
    private readonly long[] _updated;
    private readonly int[][] _facet; // per facet of Facets.All: bits, code or interned index
    private readonly IReadOnlyList<object?>[] _interned; // per interned facet: index → value (0: none)
    private readonly int[] _rowOfId; // id -> row + 1; 0 = not here
    private readonly int[] _byTitle; // rows by (TitleKey ordinal, Id)
    private readonly int[] _byUpdated; // rows by (UpdatedAt desc, Id desc)
    private readonly int[] _group; // template group index (0: standalone card)
    private readonly bool[] _lead; // the group's template itself
    private readonly List<int> _groupKeys; // group index -> template id
    private readonly int[] _groupStart; // group g's rows are _groupRows[_groupStart[g].._groupStart[g + 1]]
    private readonly int[] _groupRows;

    private CatalogSnapshot(long stamp, CatalogSnapshotColumns c, int[] rowOfId, int[] byTitle, int[] byUpdated)
    {
        Stamp = stamp;
        Count = c.Count;
        _ids = c.Ids;
        _status = c.Status;
        _title = c.Title;
        _updated = c.Updated;
        _facet = c.Facet;
        _interned = c.Interned;
        _rowOfId = rowOfId;
        _byTitle = byTitle;
        _byUpdated = byUpdated;
        _group = c.Group;
        _lead = c.Lead;
        _groupKeys = c.GroupKeys;
        (_groupStart, _groupRows) = GroupRows(c.Group, c.Count, c.GroupKeys.Count);
    }

    public long Stamp { get; }

    /// <summary>Rows, deleted ones included.</summary>
    public int Count { get; }

    /// <summary>How many 64-bit words a row set of this snapshot takes.</summary>
    public int Words => (Count + 63) >> 6;

    /// <summary>An interned facet's values by index (entry 0: none).</summary>
    public IReadOnlyList<object?> Interned(Facet facet) => _interned[FacetIndex(facet)];

    public static CatalogSnapshot Build(long stamp, IReadOnlyCollection<CatalogRow> rows)
    {
        var columns = new CatalogSnapshotColumns(rows.Count);
        foreach (var row in rows.OrderBy(r => r.Id))
        {
            columns.Set(columns.Add(row.Id), row);
        }

        // Sorting a million rows with a comparison delegate takes seconds; sort keys instead: each distinct title's
        // rank (titles sorted once), and the negated time and id for newest first.
        var distinct = columns.Title.Take(columns.Count).Distinct().Order(StringComparer.Ordinal).ToList();
        var rank = new Dictionary<string, long>(distinct.Count, StringComparer.Ordinal);
        foreach (var t in distinct)
        {
            rank[t] = rank.Count;
        }

        var keys = new SortKey[columns.Count];
        for (var row = 0; row < columns.Count; row++)
        {
            keys[row] = new SortKey(rank[columns.Title[row]], columns.Ids[row], row);
        }

        var byTitle = Rows(keys);
        for (var row = 0; row < columns.Count; row++)
        {
            keys[row] = new SortKey(-columns.Updated[row], -columns.Ids[row], row);
        }

        return new CatalogSnapshot(stamp, columns, RowOfId(columns), byTitle, Rows(keys));

        static int[] Rows(SortKey[] keys)
        {
            Array.Sort(keys);
            return Array.ConvertAll(keys, k => k.Row);
        }
    }

    /// <summary>A new snapshot with <paramref name="changed"/> rows put in (added or replaced) and <paramref name="deleted"/> ids marked.</summary>
    public CatalogSnapshot With(long stamp, IReadOnlyCollection<CatalogRow> changed, IReadOnlyCollection<int> deleted)
    {
        var columns = new CatalogSnapshotColumns(Count, _ids, _status, _title, _updated, _facet, _interned, _group, _lead, _groupKeys, Count + changed.Count);
        var touched = new HashSet<int>();
        foreach (var row in changed.OrderBy(r => r.Id))
        {
            var at = Row(row.Id);
            if (at < 0)
            {
                at = columns.Add(row.Id);
            }

            columns.Set(at, row);
            touched.Add(at);
        }

        foreach (var id in deleted)
        {
            var at = Row(id);
            if (at >= 0)
            {
                columns.Status[at] = 0;
            }
        }

        var sorted = touched.ToArray();
        var titleOrder = columns.TitleOrder;
        Array.Sort(sorted, titleOrder);
        var newByTitle = Merge(_byTitle, touched, sorted, titleOrder, columns.Count);
        var updatedOrder = columns.UpdatedOrder;
        Array.Sort(sorted, updatedOrder);
        var newByUpdated = Merge(_byUpdated, touched, sorted, updatedOrder, columns.Count);
        return new CatalogSnapshot(stamp, columns, RowOfId(columns), newByTitle, newByUpdated);
    }

    /// <summary>The normalised titles of the published cards (one per card).</summary>
    public IEnumerable<string> PublishedTitles()
    {
        const byte published = (byte)Cards.CardStatus.Published + 1;
        for (var row = 0; row < Count; row++)
        {
            if (_status[row] == published)
            {
                yield return _title[row];
            }
        }
    }

    /// <summary>The row of a card id, or -1.</summary>
    public int Row(int id) => id > 0 && id < _rowOfId.Length ? _rowOfId[id] - 1 : -1;

    public int Id(int row) => _ids[row];

    /// <summary>Sets the bit of each id's row in <paramref name="set"/> (ids the snapshot does not know are ignored).</summary>
    public void Mark(ulong[] set, int id)
    {
        var row = Row(id);
        if (row >= 0)
        {
            set[row >> 6] |= 1UL << row;
        }
    }

    private static int FacetIndex(Facet facet)
    {
        for (var f = 0; f < Facets.All.Count; f++)
        {
            if (Facets.All[f] == facet)
            {
                return f;
            }
        }

        throw new ArgumentException($"Not a catalog facet: {facet.Key}", nameof(facet));
    }

    /// <summary>The rows of each template group, group after group (a counting sort of the group column).</summary>
    private static (int[] Start, int[] Rows) GroupRows(int[] group, int count, int groups)
    {
        var size = new int[groups];
        for (var row = 0; row < count; row++)
        {
            size[group[row]]++; // entry 0 counts standalone rows, which are left out
        }

        var start = new int[groups + 1];
        for (var g = 1; g < groups; g++)
        {
            start[g + 1] = start[g] + size[g];
        }

        var rows = new int[start[groups]];
        var next = (int[])start.Clone();
        for (var row = 0; row < count; row++)
        {
            if (group[row] != 0)
            {
                rows[next[group[row]]++] = row;
            }
        }

        return (start, rows);
    }

    private static int[] RowOfId(CatalogSnapshotColumns c)
    {
        var max = 0;
        for (var row = 0; row < c.Count; row++)
        {
            max = Math.Max(max, c.Ids[row]);
        }

        var map = new int[max + 1];
        for (var row = 0; row < c.Count; row++)
        {
            map[c.Ids[row]] = row + 1;
        }

        return map;
    }

    /// <summary>The old order without the touched rows, with the touched rows (sorted) put in their places.</summary>
    private static int[] Merge(int[] old, HashSet<int> touched, int[] sortedTouched, Comparison<int> order, int count)
    {
        var kept = new int[old.Length - old.Count(touched.Contains)];
        var k = 0;
        foreach (var row in old)
        {
            if (!touched.Contains(row))
            {
                kept[k++] = row;
            }
        }

        var result = new int[count];
        int from = 0, r = 0;
        foreach (var row in sortedTouched)
        {
            // first kept row that sorts after this one
            int lo = from, hi = kept.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (order(kept[mid], row) < 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            Array.Copy(kept, from, result, r, lo - from);
            r += lo - from;
            from = lo;
            result[r++] = row;
        }

        Array.Copy(kept, from, result, r, kept.Length - from);
        return result;
    }

    private readonly record struct SortKey(long Primary, int Id, int Row) : IComparable<SortKey>
    {
        public int CompareTo(SortKey other)
        {
            var primary = Primary.CompareTo(other.Primary);
            return primary != 0 ? primary : Id.CompareTo(other.Id);
        }
    }
}
