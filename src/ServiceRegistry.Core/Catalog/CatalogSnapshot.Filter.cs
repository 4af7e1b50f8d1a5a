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
    /// <paramref name="text"/>, when given) and counts every facet over them.
    /// </summary>
    public CatalogCounts Evaluate(CatalogCriteria c, ulong[]? text, ulong[] hits)
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

        counts.Total = total;
        return counts;
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
