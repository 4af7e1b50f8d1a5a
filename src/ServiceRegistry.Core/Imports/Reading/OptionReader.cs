using System.Text;

namespace ServiceRegistry.Core.Imports;

/// <summary>One option label found in a form and what its tick box says: <c>true</c>/<c>false</c>, or
/// <c>null</c> when its cell has no tick boxes at all (a row heading, not an option).</summary>
internal sealed record OptionHit(OptionLabel Label, bool? Checked, bool Weak, bool Fuzzy, string? Trailing, Piece Piece)
{
    /// <summary>Sure unless the mark was weak (a letter, a word) or the label matched only approximately.</summary>
    public Confidence Confidence => Weak || Fuzzy ? Confidence.Unsure : Confidence.Sure;
}

/// <summary>
/// Reads the options of one option set in a run of pieces: splits the pieces into cells of labels and marks,
/// pairs each mark with a label (<see cref="OptionPairing"/>), and takes what it read from the cursor.
/// </summary>
internal static class OptionReader
{

    /// <summary>
    /// Reads the options of <paramref name="set"/> in <paramref name="pieces"/>. Within each cell the tick boxes
    /// stand either before their labels or after them (a cell that starts with a box has them before); a label
    /// with no box in a cell that has boxes is unticked. Without any tick box at all, a short list of labels
    /// separated by commas (a report page) is the selection, while the whole printed list is an empty template.
    /// </summary>
    public static List<OptionHit> Read(FormCursor cursor, IReadOnlyList<Piece> pieces, OptionSet set, bool claim = true)
    {
        var strong = pieces.Any(p => p.IsMark && !p.Weak);
        var units = new List<List<OptionToken>>();
        var consumed = new Dictionary<int, List<(int Start, int End)>>();
        List<OptionToken>? unit = null;
        Piece? last = null;
        foreach (var piece in pieces)
        {
            if (piece.IsAnchor)
            {
                continue;
            }

            if (unit is null || last is null || last.Line != piece.Line || last.Cell != piece.Cell)
            {
                unit = [];
                units.Add(unit);
            }

            last = piece;
            if (piece.IsMark && (!piece.Weak || !strong))
            {
                unit.Add(new OptionToken { Piece = piece, Source = piece.Raw, IsMark = true, State = piece.Checked, Weak = piece.Weak });
                continue;
            }

            ScanLabels(cursor, piece, set, unit, consumed);
        }

        TrailingAcrossPieces(units, consumed);
        OptionPairing.MergeLabelAndBoxCells(units);
        var anyMark = units.Any(u => u.Any(t => t.IsMark));
        if (anyMark)
        {
            var befores = 0;
            var afters = 0;
            var orientation = new bool?[units.Count];
            for (var u = 0; u < units.Count; u++)
            {
                orientation[u] = OptionPairing.Orientation(units[u]);
                befores += orientation[u] == true ? 1 : 0;
                afters += orientation[u] == false ? 1 : 0;
            }

            for (var u = 0; u < units.Count; u++)
            {
                OptionPairing.Pair(units[u], orientation[u] ?? OptionPairing.ByGaps(units[u]) ?? befores >= afters, set, consumed);
            }
        }
        else if (!cursor.HasTickBoxes)
        {
            OptionPairing.ReadWithoutBoxes(units, set);
        }
        else
        {
            foreach (var tok in units.SelectMany(u => u).Where(t => t.Label is not null))
            {
                tok.State = false;
            }
        }

        var hits = new List<OptionHit>();
        foreach (var tok in units.SelectMany(u => u))
        {
            if (tok.Label is not null)
            {
                hits.Add(new OptionHit(tok.Label, tok.State, tok.Weak, tok.Fuzzy, tok.Trailing, tok.Piece));
            }
        }

        if (claim && hits.Count > 0)
        {
            // An option label with no tick box beside it may be another field's value ("۷ روز"): leave it.
            foreach (var tok in units.SelectMany(u => u))
            {
                if (tok.Label is not null && !tok.Paired && tok.State != true && tok.Label.Group != OptionGroup.CounterContract
                    && consumed.TryGetValue(tok.Piece.Index, out var unpaired))
                {
                    unpaired.RemoveAll(x => x.Start == tok.Start && x.End == tok.End);
                }
            }

            // Free text after an unticked «سایر» was not chosen: leave it for the unmapped list.
            foreach (var tok in units.SelectMany(u => u))
            {
                if (tok.Label?.Group == OptionGroup.Other && tok.State != true && !string.IsNullOrEmpty(tok.Trailing)
                    && consumed.TryGetValue(tok.Piece.Index, out var spans) && tok.LabelEnd > tok.Start)
                {
                    spans.RemoveAll(x => x.Start == tok.Start && x.End == tok.End);
                    spans.Add((tok.Start, tok.LabelEnd));
                }
            }

            foreach (var tok in units.SelectMany(u => u))
            {
                if (tok.IsMark && tok.Paired)
                {
                    cursor.Take(tok.Piece);
                }
            }

            foreach (var piece in pieces)
            {
                if (piece.IsMark)
                {
                    continue;
                }

                if (consumed.TryGetValue(piece.Index, out var spans))
                {
                    cursor.Leave(piece, Remove(cursor.Text(piece), spans));
                }
            }
        }

        return hits;
    }

    private static void ScanLabels(FormCursor cursor, Piece piece, OptionSet set, List<OptionToken> unit, Dictionary<int, List<(int Start, int End)>> consumed)
    {
        var raw = cursor.Text(piece);
        var folded = ReferenceEquals(raw, piece.Raw) ? piece.Folded : FoldedText.Of(raw);
        var hits = set.Index.Scan(folded);
        var position = 0;
        for (var h = 0; h < hits.Count; h++)
        {
            var (s, e, label) = hits[h];
            var rawStart = folded.RawStart[s];
            var rawEnd = folded.RawEndOf(e - 1);
            if (rawStart > position && raw.AsSpan(position, rawStart - position).Trim().Length > 0)
            {
                unit.Add(new OptionToken { Piece = piece, Source = raw, Start = position, End = rawStart });
            }

            var tok = new OptionToken { Piece = piece, Source = raw, Label = label, Start = rawStart, End = rawEnd };
            unit.Add(tok);
            if (label.Group is OptionGroup.Other or OptionGroup.CounterContract)
            {
                // The free text written after «سایر» (up to the end of the piece) or after the contract label.
                var until = label.Group == OptionGroup.Other || h + 1 >= hits.Count ? raw.Length : folded.RawStart[hits[h + 1].Start];
                tok.Trailing = ValueText.Clean(raw[rawEnd..until]);
                tok.LabelEnd = rawEnd;
                tok.End = until;
                Consume(consumed, piece, rawStart, until);
                position = until;
                if (label.Group == OptionGroup.Other)
                {
                    return;
                }

                continue;
            }

            // An option's printed explanation in brackets belongs to it: "اینترنتی (مانند وبگاه دستگاه)".
            var after = rawEnd;
            while (after < raw.Length && (char.IsWhiteSpace(raw[after]) || raw[after] is ':' or '：'))
            {
                after++;
            }

            var open = raw.AsSpan(rawStart, rawEnd - rawStart).Count('(') > raw.AsSpan(rawStart, rawEnd - rawStart).Count(')');
            if (open)
            {
                after = rawEnd;
                while (after < raw.Length && raw[after] != ')')
                {
                    after++;
                }

                if (after < raw.Length)
                {
                    rawEnd = after + 1;
                }
            }
            else if (label.Group != OptionGroup.OnceForever && after < raw.Length && raw[after] == '(')
            {
                var close = raw.IndexOf(')', after);
                var nextLabel = h + 1 < hits.Count ? folded.RawStart[hits[h + 1].Start] : raw.Length;
                if (close > 0 && close < nextLabel)
                {
                    rawEnd = close + 1;
                }
            }

            tok.End = rawEnd;
            Consume(consumed, piece, rawStart, rawEnd);
            position = rawEnd;
        }

        if (position < raw.Length && raw.AsSpan(position).Trim().Length > 0)
        {
            unit.Add(new OptionToken { Piece = piece, Source = raw, Start = position, End = raw.Length });
        }

        if (!consumed.ContainsKey(piece.Index))
        {
            consumed[piece.Index] = [];
        }
    }

    internal static void Consume(Dictionary<int, List<(int Start, int End)>> consumed, Piece piece, int start, int end)
    {
        if (!consumed.TryGetValue(piece.Index, out var list))
        {
            consumed[piece.Index] = list = [];
        }

        list.Add((start, end));
    }

    private static string Remove(string raw, List<(int Start, int End)> spans)
    {
        if (spans.Count == 0)
        {
            return raw;
        }

        var sb = new StringBuilder(raw.Length);
        var position = 0;
        foreach (var (s, e) in spans.OrderBy(x => x.Start))
        {
            if (s > position)
            {
                sb.Append(raw, position, s - position).Append(' ');
            }

            position = Math.Max(position, e);
        }

        if (position < raw.Length)
        {
            sb.Append(raw, position, raw.Length - position);
        }

        return sb.ToString().Trim();
    }

    /// <summary>«سایر (با ذکر نحوه دسترسی) شبکه دولت»: the template words split the piece, so the free text of
    /// «سایر» may be the next piece of its cell.</summary>
    private static void TrailingAcrossPieces(List<List<OptionToken>> units, Dictionary<int, List<(int Start, int End)>> consumed)
    {
        foreach (var unit in units)
        {
            for (var k = 0; k + 1 < unit.Count; k++)
            {
                var other = unit[k];
                if (other.Label?.Group != OptionGroup.Other || !string.IsNullOrEmpty(other.Trailing))
                {
                    continue;
                }

                var next = unit[k + 1];
                if (!next.IsText || next.Piece == other.Piece)
                {
                    continue;
                }

                var text = ValueText.Clean(next.Source[next.Start..next.End]);
                if (text.Length == 0)
                {
                    continue;
                }

                other.Trailing = text;
                Consume(consumed, next.Piece, next.Start, next.End);
                unit.RemoveAt(k + 1);
            }
        }
    }
}
