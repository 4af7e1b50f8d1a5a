using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Catalog;

/// <summary>One card's catalog columns, as <see cref="CatalogIndex"/> reads them from Cards. <paramref name="Group"/>: the
/// national template a card belongs to (an instance's template, a template's own id; 0 for a standalone card), and
/// <paramref name="Lead"/> whether it is that template itself (not an instance or a revision), which stands for the
/// group in a grouped list.</summary>
internal sealed record CatalogRow(
    int Id, CardStatus Status, int AgencyId, string? Province, int Types, int Levels, int LifeEvents, Nature? Nature,
    int Maturity, bool IsFree, string TitleKey, DateTime UpdatedAt, int Group = 0, bool Lead = false);

/// <summary>The growable columns a <see cref="CatalogSnapshot"/> is made from (a copy of the previous snapshot's, when
/// refreshing): id, status, title and time, and one int column per facet (<see cref="Facets.All"/>, read by the
/// facet's own rule), interned values (agency ids, provinces) as indexes into per-facet lists whose entry 0 is "none".</summary>
internal sealed class CatalogSnapshotColumns
{
    private readonly Dictionary<object, int>[] _index;
    private readonly Dictionary<string, string> _titles = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _groupIndex;

    public CatalogSnapshotColumns(int capacity)
    {
        Ids = new int[capacity];
        Status = new byte[capacity];
        Title = new string[capacity];
        Updated = new long[capacity];
        Facet = Facets.All.Select(_ => new int[capacity]).ToArray();
        Interned = Facets.All.Select(_ => new List<object?> { null }).ToArray();
        _index = Facets.All.Select(_ => new Dictionary<object, int>()).ToArray();
        Group = new int[capacity];
        Lead = new bool[capacity];
        GroupKeys = [0];
        _groupIndex = [];
    }

    public CatalogSnapshotColumns(int count, int[] ids, byte[] status, string[] title, long[] updated, int[][] facet,
        IReadOnlyList<object?>[] interned, int[] group, bool[] lead, IReadOnlyList<int> groupKeys, int capacity)
    {
        Group = Copy(group, capacity);
        Lead = Copy(lead, capacity);
        GroupKeys = [.. groupKeys];
        _groupIndex = Enumerable.Range(1, GroupKeys.Count - 1).ToDictionary(i => GroupKeys[i], i => i);
        Count = count;
        Ids = Copy(ids, capacity);
        Status = Copy(status, capacity);
        Title = Copy(title, capacity);
        Updated = Copy(updated, capacity);
        Facet = facet.Select(c => Copy(c, capacity)).ToArray();
        Interned = interned.Select(list => new List<object?>(list)).ToArray();
        _index = Interned.Select(list => Enumerable.Range(1, list.Count - 1).ToDictionary(i => list[i]!, i => i)).ToArray();
    }

    public int Count { get; private set; }
    public int[] Ids { get; }

    /// <summary>CardStatus + 1; 0 = deleted.</summary>
    public byte[] Status { get; }
    public string[] Title { get; }
    public long[] Updated { get; }

    /// <summary>Per facet: the bits, the code or the interned index of each row.</summary>
    public int[][] Facet { get; }

    /// <summary>Per facet: index → value for interned facets (entry 0: none).</summary>
    public List<object?>[] Interned { get; }

    /// <summary>Per row: the index of its template group in <see cref="GroupKeys"/> (0: a standalone card).</summary>
    public int[] Group { get; }

    /// <summary>Per row: the card is its group's template (not an instance or a revision).</summary>
    public bool[] Lead { get; }

    /// <summary>Group index → the template's card id (entry 0: none).</summary>
    public List<int> GroupKeys { get; }

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
        Title[row] = _titles.TryGetValue(r.TitleKey, out var same) ? same : _titles[r.TitleKey] = r.TitleKey;
        Updated[row] = r.UpdatedAt.Ticks;
        for (var f = 0; f < Facets.All.Count; f++)
        {
            var facet = Facets.All[f];
            Facet[f][row] = facet.Column == FacetColumn.Interned ? Intern(f, facet.KeyOf(r)) : facet.Of(r);
        }

        Lead[row] = r.Lead && r.Group != 0;
        if (r.Group == 0)
        {
            Group[row] = 0;
        }
        else if (!_groupIndex.TryGetValue(r.Group, out Group[row]))
        {
            Group[row] = _groupIndex[r.Group] = GroupKeys.Count;
            GroupKeys.Add(r.Group);
        }
    }

    private int Intern(int facet, object? key)
    {
        if (key is null)
        {
            return 0;
        }

        if (!_index[facet].TryGetValue(key, out var i))
        {
            i = _index[facet][key] = Interned[facet].Count;
            Interned[facet].Add(key);
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
