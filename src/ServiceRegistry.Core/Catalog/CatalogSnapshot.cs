using System.Numerics;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Catalog;

/// <summary>One card's catalog columns, as <see cref="CatalogIndex"/> reads them from Cards.</summary>
internal sealed record CatalogRow(
    int Id, CardStatus Status, int AgencyId, string? Province, int Types, int Levels, int LifeEvents, Nature? Nature,
    int Maturity, bool IsFree, string TitleKey, DateTime UpdatedAt);

/// <summary>What a filter asks of the snapshot's columns, resolved to the snapshot's own codes.</summary>
internal readonly record struct CatalogCriteria(
    byte Status, int Agency, int Province, int TypeMask, int LevelMask, int EventMask, int Nature, int Maturity, int Free, bool None);

/// <summary>The counts over the rows that matched, per facet value (indexes as in the snapshot).</summary>
internal sealed class CatalogCounts(int agencies, int provinces)
{
    public long Total;
    public readonly long[] Types = new long[32];
    public readonly long[] Levels = new long[32];
    public readonly long[] Events = new long[32];
    public readonly long[] Natures = new long[Enum.GetValues<Nature>().Length];
    public readonly long[] Maturity = new long[MaturityLevel.Max + 1];
    public long Free;
    public long Paid;
    public readonly long[] Agencies = new long[agencies];
    public readonly long[] Provinces = new long[provinces];
}

/// <summary>
/// An immutable, column-wise copy of every card's catalog columns at one catalog stamp: the facet counts and the order
/// of a result page are computed here in one pass over compact arrays (a few milliseconds for a million cards), while
/// the text match stays in the database's full-text index. Rows are never removed: a deleted card's row is marked
/// (status 0) and skipped. Instances are shared by concurrent requests and never change; a refresh makes a new one.
/// </summary>
internal sealed class CatalogSnapshot
{
    private const byte NoNature = byte.MaxValue;

    private readonly int[] _ids;
    private readonly byte[] _status; // CardStatus + 1; 0 = deleted
    private readonly int[] _agency; // index into AgencyIds
    private readonly int[] _province; // index into Provinces; 0 = none
    private readonly int[] _types;
    private readonly int[] _levels;
    private readonly int[] _events;
    private readonly byte[] _nature;
    private readonly byte[] _maturity;
    private readonly bool[] _free;
    private readonly string[] _title;
    private readonly long[] _updated;
    private readonly int[] _rowOfId; // id -> row + 1; 0 = not here
    private readonly int[] _byTitle; // rows by (TitleKey ordinal, Id)
    private readonly int[] _byUpdated; // rows by (UpdatedAt desc, Id desc)

    private CatalogSnapshot(long stamp, Columns c, int[] rowOfId, int[] byTitle, int[] byUpdated)
    {
        Stamp = stamp;
        Count = c.Count;
        _ids = c.Ids;
        _status = c.Status;
        _agency = c.Agency;
        _province = c.Province;
        _types = c.Types;
        _levels = c.Levels;
        _events = c.Events;
        _nature = c.Nature;
        _maturity = c.Maturity;
        _free = c.Free;
        _title = c.Title;
        _updated = c.Updated;
        AgencyIds = c.AgencyIds;
        Provinces = c.Provinces;
        _rowOfId = rowOfId;
        _byTitle = byTitle;
        _byUpdated = byUpdated;
    }

    public long Stamp { get; }

    /// <summary>Rows, deleted ones included.</summary>
    public int Count { get; }

    /// <summary>Agency index → agency id.</summary>
    public IReadOnlyList<int> AgencyIds { get; }

    /// <summary>Province index → name; index 0 ("") is "no province".</summary>
    public IReadOnlyList<string> Provinces { get; }

    /// <summary>How many 64-bit words a row set of this snapshot takes.</summary>
    public int Words => (Count + 63) >> 6;

    public static CatalogSnapshot Build(long stamp, IReadOnlyCollection<CatalogRow> rows)
    {
        var columns = new Columns(rows.Count);
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
        var columns = new Columns(this, Count + changed.Count);
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
        const byte published = (byte)CardStatus.Published + 1;
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

    /// <summary>Resolves a filter to this snapshot's codes; <see cref="CatalogCriteria.None"/> when a value names nothing here.</summary>
    public CatalogCriteria Criteria(CatalogFilter filter)
    {
        var none = false;
        var agencyIndex = -1;
        if (filter.Agency is { } agencyId)
        {
            agencyIndex = IndexOf(AgencyIds, agencyId);
            none |= agencyIndex < 0;
        }

        var provinceIndex = -1;
        if (!string.IsNullOrWhiteSpace(filter.Province))
        {
            provinceIndex = IndexOf(Provinces, filter.Province.Trim());
            none |= provinceIndex <= 0;
        }

        return new CatalogCriteria(
            filter.Status is { } s ? (byte)((int)s + 1) : (byte)0,
            agencyIndex,
            provinceIndex,
            filter.Type is { } t ? 1 << (int)t : 0,
            filter.Level is { } l ? 1 << (int)l : 0,
            filter.LifeEvent is { } e ? 1 << (int)e : 0,
            filter.Nature is { } n ? (int)n : -1,
            filter.Maturity ?? -1,
            filter.Free is { } f ? (f ? 1 : 0) : -1,
            none);
    }

    /// <summary>
    /// One pass: marks in <paramref name="hits"/> every live row that matches <paramref name="c"/> (and is in
    /// <paramref name="text"/>, when given) and counts every facet over them.
    /// </summary>
    public CatalogCounts Evaluate(CatalogCriteria c, ulong[]? text, ulong[] hits)
    {
        var counts = new CatalogCounts(AgencyIds.Count, Provinces.Count);
        if (c.None)
        {
            Array.Clear(hits, 0, Words);
            return counts;
        }

        for (var w = 0; w < Words; w++)
        {
            var bits = text?[w] ?? ulong.MaxValue;
            if (w == Words - 1 && (Count & 63) != 0)
            {
                bits &= (1UL << (Count & 63)) - 1;
            }

            ulong matched = 0;
            while (bits != 0)
            {
                var bit = BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                var row = (w << 6) | bit;
                var s = _status[row];
                if (s == 0 || (c.Status != 0 && s != c.Status)
                    || (c.Agency >= 0 && _agency[row] != c.Agency)
                    || (c.Province >= 0 && _province[row] != c.Province)
                    || (c.TypeMask != 0 && (_types[row] & c.TypeMask) == 0)
                    || (c.LevelMask != 0 && (_levels[row] & c.LevelMask) == 0)
                    || (c.EventMask != 0 && (_events[row] & c.EventMask) == 0)
                    || (c.Nature >= 0 && _nature[row] != c.Nature)
                    || (c.Maturity >= 0 && _maturity[row] != c.Maturity)
                    || (c.Free >= 0 && _free[row] != (c.Free == 1)))
                {
                    continue;
                }

                matched |= 1UL << bit;
                counts.Total++;
                AddBits(counts.Types, _types[row]);
                AddBits(counts.Levels, _levels[row]);
                AddBits(counts.Events, _events[row]);
                if (_nature[row] != NoNature)
                {
                    counts.Natures[_nature[row]]++;
                }

                counts.Maturity[_maturity[row]]++;
                if (_free[row])
                {
                    counts.Free++;
                }
                else
                {
                    counts.Paid++;
                }

                counts.Agencies[_agency[row]]++;
                counts.Provinces[_province[row]]++;
            }

            hits[w] = matched;
        }

        return counts;
    }

    /// <summary>
    /// The ids of one page of <paramref name="hits"/> in the sort's order. With <paramref name="words"/> (relevance),
    /// rows whose title has every word (as a word prefix) come first, then the others, each part by title; by
    /// maturity, the lowest e-readiness level first, each level by title.
    /// </summary>
    public List<int> Page(ulong[] hits, CatalogSort sort, IReadOnlyList<string> words, int skip, int take)
    {
        var order = sort == CatalogSort.Updated ? _byUpdated : _byTitle;
        var page = new List<int>(take);
        var byRelevance = sort == CatalogSort.Relevance && words.Count > 0;

        // One walk of the order per tier: title has every word, then not; or one per maturity level.
        var tiers = byRelevance ? 2 : sort == CatalogSort.Maturity ? MaturityLevel.Max + 1 : 1;
        var titleMatch = new Dictionary<string, bool>(ReferenceEqualityComparer.Instance); // titles repeat: ask once each
        for (var tier = 0; tier < tiers; tier++)
        {
            foreach (var row in order)
            {
                if ((hits[row >> 6] & (1UL << row)) == 0)
                {
                    continue;
                }

                if (sort == CatalogSort.Maturity && _maturity[row] != tier)
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

    private static void AddBits(long[] counts, int bits)
    {
        var b = (uint)bits;
        while (b != 0)
        {
            counts[BitOperations.TrailingZeroCount(b)]++;
            b &= b - 1;
        }
    }

    private static int IndexOf<T>(IReadOnlyList<T> list, T value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (EqualityComparer<T>.Default.Equals(list[i], value))
            {
                return i;
            }
        }

        return -1;
    }

    private static int[] RowOfId(Columns c)
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

    /// <summary>The growable columns a snapshot is made from (a copy of the previous snapshot's, when refreshing).</summary>
    private sealed class Columns
    {
        private readonly Dictionary<int, int> _agencyIndex = [];
        private readonly Dictionary<string, int> _provinceIndex = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _titles = new(StringComparer.Ordinal);

        public Columns(int capacity)
        {
            Ids = new int[capacity];
            Status = new byte[capacity];
            Agency = new int[capacity];
            Province = new int[capacity];
            Types = new int[capacity];
            Levels = new int[capacity];
            Events = new int[capacity];
            Nature = new byte[capacity];
            Maturity = new byte[capacity];
            Free = new bool[capacity];
            Title = new string[capacity];
            Updated = new long[capacity];
            Provinces.Add(""); // index 0: no province
        }

        public Columns(CatalogSnapshot s, int capacity)
        {
            Count = s.Count;
            Ids = Copy(s._ids, capacity);
            Status = Copy(s._status, capacity);
            Agency = Copy(s._agency, capacity);
            Province = Copy(s._province, capacity);
            Types = Copy(s._types, capacity);
            Levels = Copy(s._levels, capacity);
            Events = Copy(s._events, capacity);
            Nature = Copy(s._nature, capacity);
            Maturity = Copy(s._maturity, capacity);
            Free = Copy(s._free, capacity);
            Title = Copy(s._title, capacity);
            Updated = Copy(s._updated, capacity);
            AgencyIds.AddRange(s.AgencyIds);
            Provinces.AddRange(s.Provinces);
            for (var i = 0; i < AgencyIds.Count; i++)
            {
                _agencyIndex[AgencyIds[i]] = i;
            }

            for (var i = 1; i < Provinces.Count; i++)
            {
                _provinceIndex[Provinces[i]] = i;
            }
        }

        public int Count { get; private set; }
        public int[] Ids { get; }
        public byte[] Status { get; }
        public int[] Agency { get; }
        public int[] Province { get; }
        public int[] Types { get; }
        public int[] Levels { get; }
        public int[] Events { get; }
        public byte[] Nature { get; }
        public byte[] Maturity { get; }
        public bool[] Free { get; }
        public string[] Title { get; }
        public long[] Updated { get; }
        public List<int> AgencyIds { get; } = [];
        public List<string> Provinces { get; } = [];

        public Comparison<int> TitleOrder => (a, b) =>
        {
            var byTitle = string.CompareOrdinal(Title[a], Title[b]);
            return byTitle != 0 ? byTitle : Ids[a].CompareTo(Ids[b]);
        };

        public Comparison<int> UpdatedOrder => (a, b) =>
        {
            var byTime = Updated[b].CompareTo(Updated[a]);
            return byTime != 0 ? byTime : Ids[b].CompareTo(Ids[a]);
        };

        public int Add(int id)
        {
            Ids[Count] = id;
            return Count++;
        }

        public void Set(int row, CatalogRow r)
        {
            Status[row] = (byte)((int)r.Status + 1);
            Agency[row] = Index(_agencyIndex, AgencyIds, r.AgencyId);
            Province[row] = string.IsNullOrEmpty(r.Province) ? 0 : Index(_provinceIndex, Provinces, r.Province);
            Types[row] = r.Types;
            Levels[row] = r.Levels;
            Events[row] = r.LifeEvents;
            Nature[row] = r.Nature is { } n ? (byte)n : NoNature;
            Maturity[row] = (byte)Math.Clamp(r.Maturity, 0, MaturityLevel.Max);
            Free[row] = r.IsFree;
            Title[row] = _titles.TryGetValue(r.TitleKey, out var same) ? same : _titles[r.TitleKey] = r.TitleKey;
            Updated[row] = r.UpdatedAt.Ticks;
        }

        private static int Index<T>(Dictionary<T, int> index, List<T> list, T value) where T : notnull
        {
            if (!index.TryGetValue(value, out var i))
            {
                i = index[value] = list.Count;
                list.Add(value);
            }

            return i;
        }

        private static T[] Copy<T>(T[] source, int capacity)
        {
            var copy = new T[Math.Max(capacity, source.Length)];
            Array.Copy(source, copy, source.Length);
            return copy;
        }
    }
}
