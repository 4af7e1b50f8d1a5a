using System.Numerics;

namespace ServiceRegistry.Core.Catalog;

/// <summary>What a filter asks of the snapshot, resolved to its own codes: the status (CardStatus + 1, 0 = any), and
/// per facet set the column and the bit mask or code wanted; <see cref="None"/> when a value names nothing here.</summary>
internal sealed record CatalogCriteria(byte Status, IReadOnlyList<(int Facet, bool Bits, int Value)> Wanted, bool None);

/// <summary>The counts over the rows that matched: per facet of <see cref="Facets.All"/>, per bit, code or interned index.</summary>
internal sealed class CatalogCounts
{
    private readonly long[][] _counts;

    public CatalogCounts(IReadOnlyList<object?>[] interned)
    {
        _counts = new long[Facets.All.Count][];
        for (var f = 0; f < _counts.Length; f++)
        {
            var facet = Facets.All[f];
            _counts[f] = new long[facet.Column switch
            {
                FacetColumn.Bits => 32,
                FacetColumn.Code => facet.Codes + 1, // the last: none
                _ => interned[f].Count,
            }];
        }
    }

    public long Total { get; set; }

    /// <summary>The counts of one facet, indexed by bit, code or interned index.</summary>
    public long[] Of(Facet facet) => _counts[IndexOf(facet)];

    internal long[][] All => _counts;

    private static int IndexOf(Facet facet)
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
}

internal sealed partial class CatalogSnapshot
{
    /// <summary>Resolves a filter to this snapshot's codes (every facet by its own rule in <see cref="Facets"/>).</summary>
    public CatalogCriteria Criteria(CatalogFilter filter)
    {
        var none = false;
        var wanted = new List<(int, bool, int)>();
        for (var f = 0; f < Facets.All.Count; f++)
        {
            var facet = Facets.All[f];
            if (facet.Column == FacetColumn.Interned)
            {
                if (facet.WantedKey(filter) is { } key)
                {
                    var index = IndexOf(_interned[f], key);
                    none |= index <= 0;
                    wanted.Add((f, false, index));
                }
            }
            else if (facet.Wanted(filter) is var value and >= 0)
            {
                wanted.Add((f, facet.Column == FacetColumn.Bits, value));
            }
        }

        return new CatalogCriteria(filter.Status is { } s ? (byte)((int)s + 1) : (byte)0, wanted, none);
    }

    /// <summary>
    /// One pass: marks in <paramref name="hits"/> every live row that matches <paramref name="c"/> (and is in
    /// <paramref name="text"/>, when given) and counts every facet over them. <paramref name="grouped"/>: a national
    /// template and its instances are one result (<see cref="CountGroups"/>).
    /// </summary>
    public CatalogCounts Evaluate(CatalogCriteria c, ulong[]? text, ulong[] hits, bool grouped = false)
    {
        var counts = new CatalogCounts(_interned);
        if (c.None)
        {
            Array.Clear(hits, 0, Words);
            return counts;
        }

        var wantedColumns = c.Wanted.Select(w => _facet[w.Facet]).ToArray();
        var wantedBits = c.Wanted.Select(w => w.Bits).ToArray();
        var wantedValues = c.Wanted.Select(w => w.Value).ToArray();
        var columns = _facet;
        var bitColumns = Facets.All.Select(f => f.Column == FacetColumn.Bits).ToArray();
        var tallies = counts.All;
        var group = grouped ? _group : null;
        var touched = grouped ? new ulong[(_groupKeys.Count + 63) >> 6] : null;
        long total = 0;
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
                if (s == 0 || (c.Status != 0 && s != c.Status) || !Passes(row, wantedColumns, wantedBits, wantedValues))
                {
                    continue;
                }

                matched |= 1UL << bit;
                if (group is not null && group[row] is var g and not 0)
                {
                    touched![g >> 6] |= 1UL << g; // counted with its group below
                    continue;
                }

                total++;
                for (var f = 0; f < columns.Length; f++)
                {
                    var v = columns[f][row];
                    if (bitColumns[f])
                    {
                        AddBits(tallies[f], v);
                    }
                    else
                    {
                        tallies[f][v]++;
                    }
                }
            }

            hits[w] = matched;
        }

        counts.Total = total + (touched is null ? 0 : CountGroups(touched, hits, bitColumns, tallies));
        return counts;
    }

    /// <summary>
    /// The template groups with a matching row, each counted once: in the total, and in each facet value that any of
    /// its matching rows has (so a value's count is the total that selecting it would give). Only one row per group
    /// stays in <paramref name="hits"/>: the template itself when it matched, otherwise its first matching row.
    /// </summary>
    private long CountGroups(ulong[] touched, ulong[] hits, bool[] bitColumns, long[][] tallies)
    {
        var columns = _facet;
        var seen = tallies.Select(t => new int[t.Length]).ToArray(); // the last group counted in each value
        var bits = new int[columns.Length]; // the bits a group has already counted, per bit-set facet
        long groups = 0;
        for (var w = 0; w < touched.Length; w++)
        {
            var pending = touched[w];
            while (pending != 0)
            {
                var g = (w << 6) | BitOperations.TrailingZeroCount(pending);
                pending &= pending - 1;
                groups++;
                Array.Clear(bits);
                var representative = -1;
                for (var i = _groupStart[g]; i < _groupStart[g + 1]; i++)
                {
                    var row = _groupRows[i];
                    if ((hits[row >> 6] & (1UL << row)) == 0)
                    {
                        continue;
                    }

                    if (representative < 0 || (_lead[row] && !_lead[representative]))
                    {
                        representative = row;
                    }

                    for (var f = 0; f < columns.Length; f++)
                    {
                        var v = columns[f][row];
                        if (bitColumns[f])
                        {
                            AddBits(tallies[f], v & ~bits[f]);
                            bits[f] |= v;
                        }
                        else if (seen[f][v] != g)
                        {
                            seen[f][v] = g;
                            tallies[f][v]++;
                        }
                    }
                }

                for (var i = _groupStart[g]; i < _groupStart[g + 1]; i++)
                {
                    var row = _groupRows[i];
                    if (row != representative)
                    {
                        hits[row >> 6] &= ~(1UL << row);
                    }
                }
            }
        }

        return groups;
    }

    private static bool Passes(int row, int[][] columns, bool[] bits, int[] values)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            var v = columns[i][row];
            if (bits[i] ? (v & values[i]) == 0 : v != values[i])
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

    private static int IndexOf(IReadOnlyList<object?> list, object value)
    {
        for (var i = 1; i < list.Count; i++)
        {
            if (value.Equals(list[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
