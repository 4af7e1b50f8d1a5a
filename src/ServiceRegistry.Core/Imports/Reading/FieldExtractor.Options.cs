using System.Text;

namespace ServiceRegistry.Core.Imports;

/// <summary>One option label found in a form and what its tick box says: <c>true</c>/<c>false</c>, or
/// <c>null</c> when its cell has no tick boxes at all (a row heading, not an option).</summary>
internal sealed record OptionHit(OptionLabel Label, bool? Checked, bool Weak, bool Fuzzy, string? Trailing, Piece Piece);

internal sealed partial class FieldExtractor
{
    private sealed class Tok
    {
        public required Piece Piece { get; init; }
        public required string Source { get; init; }
        public OptionLabel? Label { get; set; }
        public bool IsMark { get; init; }
        public bool IsText => !IsMark && Label is null;
        public int Start { get; set; }
        public int End { get; set; }
        public int LabelEnd { get; set; }
        public string? Trailing { get; set; }
        public bool? State { get; set; }
        public bool Paired { get; set; }
        public bool Fuzzy { get; set; }
        public bool Weak { get; set; }
    }

    /// <summary>
    /// Reads the options of <paramref name="set"/> in <paramref name="pieces"/>. Within each cell the tick boxes
    /// stand either before their labels or after them (a cell that starts with a box has them before); a label
    /// with no box in a cell that has boxes is unticked. Without any tick box at all, a short list of labels
    /// separated by commas (a report page) is the selection, while the whole printed list is an empty template.
    /// </summary>
    private List<OptionHit> ReadOptions(IReadOnlyList<Piece> pieces, OptionSet set, bool claim = true)
    {
        var strong = pieces.Any(p => p.IsMark && !p.Weak);
        var units = new List<List<Tok>>();
        var consumed = new Dictionary<int, List<(int Start, int End)>>();
        List<Tok>? unit = null;
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
                unit.Add(new Tok { Piece = piece, Source = piece.Raw, IsMark = true, State = piece.Checked, Weak = piece.Weak });
                continue;
            }

            ScanLabels(piece, set, unit, consumed);
        }

        TrailingAcrossPieces(units, consumed);
        MergeLabelAndBoxCells(units);
        var anyMark = units.Any(u => u.Any(t => t.IsMark));
        if (anyMark)
        {
            var befores = 0;
            var afters = 0;
            var orientation = new bool?[units.Count];
            for (var u = 0; u < units.Count; u++)
            {
                orientation[u] = Orientation(units[u]);
                befores += orientation[u] == true ? 1 : 0;
                afters += orientation[u] == false ? 1 : 0;
            }

            for (var u = 0; u < units.Count; u++)
            {
                Pair(units[u], orientation[u] ?? ByGaps(units[u]) ?? befores >= afters, set, consumed);
            }
        }
        else if (!_hasTickBoxes)
        {
            ReadWithoutBoxes(units, set);
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
                    Take(tok.Piece);
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
                    Leave(piece, Remove(Text(piece), spans));
                }
            }
        }

        return hits;
    }

    private void ScanLabels(Piece piece, OptionSet set, List<Tok> unit, Dictionary<int, List<(int Start, int End)>> consumed)
    {
        var raw = Text(piece);
        var folded = ReferenceEquals(raw, piece.Raw) ? piece.Folded : FoldedText.Of(raw);
        var hits = set.Index.Scan(folded);
        var cursor = 0;
        for (var h = 0; h < hits.Count; h++)
        {
            var (s, e, label) = hits[h];
            var rawStart = folded.RawStart[s];
            var rawEnd = folded.RawEndOf(e - 1);
            if (rawStart > cursor && raw.AsSpan(cursor, rawStart - cursor).Trim().Length > 0)
            {
                unit.Add(new Tok { Piece = piece, Source = raw, Start = cursor, End = rawStart });
            }

            var tok = new Tok { Piece = piece, Source = raw, Label = label, Start = rawStart, End = rawEnd };
            unit.Add(tok);
            if (label.Group is OptionGroup.Other or OptionGroup.CounterContract)
            {
                // The free text written after «سایر» (up to the end of the piece) or after the contract label.
                var until = label.Group == OptionGroup.Other || h + 1 >= hits.Count ? raw.Length : folded.RawStart[hits[h + 1].Start];
                tok.Trailing = CleanValue(raw[rawEnd..until]);
                tok.LabelEnd = rawEnd;
                tok.End = until;
                Consume(consumed, piece, rawStart, until);
                cursor = until;
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
            cursor = rawEnd;
        }

        if (cursor < raw.Length && raw.AsSpan(cursor).Trim().Length > 0)
        {
            unit.Add(new Tok { Piece = piece, Source = raw, Start = cursor, End = raw.Length });
        }

        if (!consumed.ContainsKey(piece.Index))
        {
            consumed[piece.Index] = [];
        }
    }

    private static void Consume(Dictionary<int, List<(int Start, int End)>> consumed, Piece piece, int start, int end)
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
        var cursor = 0;
        foreach (var (s, e) in spans.OrderBy(x => x.Start))
        {
            if (s > cursor)
            {
                sb.Append(raw, cursor, s - cursor).Append(' ');
            }

            cursor = Math.Max(cursor, e);
        }

        if (cursor < raw.Length)
        {
            sb.Append(raw, cursor, raw.Length - cursor);
        }

        return sb.ToString().Trim();
    }

    /// <summary>«سایر (با ذکر نحوه دسترسی) شبکه دولت»: the template words split the piece, so the free text of
    /// «سایر» may be the next piece of its cell.</summary>
    private static void TrailingAcrossPieces(List<List<Tok>> units, Dictionary<int, List<(int Start, int End)>> consumed)
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

                var text = CleanValue(next.Source[next.Start..next.End]);
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

    /// <summary>A cell of labels beside a cell of tick boxes (a two-column table) is read as one.</summary>
    private static void MergeLabelAndBoxCells(List<List<Tok>> units)
    {
        for (var u = 0; u + 1 < units.Count; u++)
        {
            var a = units[u];
            var b = units[u + 1];
            if (a.Count == 0 || b.Count == 0 || a[0].Piece.Line != b[0].Piece.Line)
            {
                continue;
            }

            var aLabels = a.Any(t => t.Label is not null);
            var aMarks = a.Any(t => t.IsMark);
            var bLabels = b.Any(t => t.Label is not null);
            var bMarks = b.Any(t => t.IsMark);
            if ((aLabels && !aMarks && bMarks && !bLabels) || (aMarks && !aLabels && bLabels && !bMarks))
            {
                a.AddRange(b);
                units.RemoveAt(u + 1);
            }
        }
    }

    /// <summary>For a cell with labels at both ends ("مالیات *   کسب و کار *   بیمه"): a mark belongs to the label
    /// it is written closer to.</summary>
    private static bool? ByGaps(List<Tok> unit)
    {
        int before = 0, after = 0;
        for (var k = 0; k < unit.Count; k++)
        {
            if (!unit[k].IsMark)
            {
                continue;
            }

            if (k + 1 < unit.Count && unit[k + 1].Label is not null)
            {
                before += Gap(unit[k + 1].Source, unit[k + 1].Start, -1);
            }

            if (k > 0 && unit[k - 1].Label is not null)
            {
                after += Gap(unit[k - 1].Source, unit[k - 1].End, +1);
            }
        }

        return before == after ? null : before < after;
    }

    /// <summary>White space from a position to the next visible character (direction -1 or +1) within the text.</summary>
    private static int Gap(string text, int at, int direction)
    {
        var gap = 0;
        for (var i = direction < 0 ? at - 1 : at; i >= 0 && i < text.Length && char.IsWhiteSpace(text[i]); i += direction)
        {
            gap++;
        }

        return gap;
    }

    /// <summary>True: boxes before labels; false: after; null: the cell does not say.</summary>
    private static bool? Orientation(List<Tok> unit)
    {
        Tok? first = null;
        Tok? lastSig = null;
        foreach (var t in unit)
        {
            if (t.IsMark || t.Label is not null)
            {
                first ??= t;
                lastSig = t;
            }
        }

        if (first is null || !unit.Any(t => t.IsMark))
        {
            return null;
        }

        if (first.IsMark)
        {
            return true;
        }

        return lastSig!.IsMark ? false : null;
    }

    private static void Pair(List<Tok> unit, bool before, OptionSet set, Dictionary<int, List<(int Start, int End)>> consumed)
    {
        var hasMarks = unit.Any(t => t.IsMark);
        var sig = unit.Where(t => t.IsMark || t.Label is not null).ToList();
        for (var k = 0; k < sig.Count; k++)
        {
            if (!sig[k].IsMark)
            {
                continue;
            }

            var j = before ? k + 1 : k - 1;
            if (j >= 0 && j < sig.Count && sig[j].Label is not null && !sig[j].Paired)
            {
                sig[j].State = sig[k].State;
                sig[j].Weak = sig[k].Weak;
                sig[j].Paired = true;
                sig[k].Paired = true;
            }
        }

        // A box with no label on its side: a typo in the label ("رارسیدن زمانی مشخص")?
        for (var k = 0; k < unit.Count; k++)
        {
            var mark = unit[k];
            if (!mark.IsMark || mark.Paired)
            {
                continue;
            }

            var j = before ? k + 1 : k - 1;
            if (j < 0 || j >= unit.Count || !unit[j].IsText)
            {
                continue;
            }

            if (Fuzzy(unit[j], set, before) is { } label)
            {
                unit[j].Label = label.Label;
                unit[j].Fuzzy = true;
                unit[j].State = mark.State;
                unit[j].Weak = mark.Weak;
                unit[j].Paired = true;
                mark.Paired = true;
                if (label.Label.Group == OptionGroup.Other)
                {
                    unit[j].Trailing = CleanValue(unit[j].Source[label.End..unit[j].End]);
                    unit[j].LabelEnd = label.End;
                    Consume(consumed, unit[j].Piece, unit[j].Start, unit[j].End);
                }
                else
                {
                    Consume(consumed, unit[j].Piece, label.Start, label.End);
                }
            }
        }

        foreach (var t in unit)
        {
            if (t.Label is not null && !t.Paired)
            {
                t.State = hasMarks ? false : null;
            }
        }
    }

    /// <summary>The option a misspelt label most likely is (at most one edit in five letters).</summary>
    private static (OptionLabel Label, int Start, int End)? Fuzzy(Tok text, OptionSet set, bool atStart)
    {
        var raw = text.Source[text.Start..text.End];
        var folded = FoldedText.Of(raw);
        if (folded.Length < 4)
        {
            return null;
        }

        (OptionLabel Label, int Start, int End)? best = null;
        var bestScore = double.MaxValue;
        foreach (var label in set.Labels)
        {
            if (label.Key.Length < 5 || label.Key.Length > folded.Length + 2)
            {
                continue;
            }

            var maxErrors = label.Key.Length >= 12 ? 2 : 1;
            var window = Math.Min(folded.Length, label.Key.Length + maxErrors);
            var (from, to) = atStart ? (0, window) : (Math.Max(0, folded.Length - window), folded.Length);

            // With k errors one of k + 1 parts of the label is intact: skip labels with no part in the text.
            var span = folded.Span[from..to];
            var part = label.Key.Length / (maxErrors + 1);
            var any = false;
            for (var k = 0; k <= maxErrors && !any; k++)
            {
                any = span.Contains(label.Key.AsSpan(k * part, k == maxErrors ? label.Key.Length - (k * part) : part), StringComparison.Ordinal);
            }

            if (!any)
            {
                continue;
            }

            var (end, errors) = folded.FindApproximate(label.Key, maxErrors, from, to);
            if (end < 0)
            {
                continue;
            }

            var score = errors / (double)label.Key.Length;
            if (score < bestScore)
            {
                bestScore = score;
                var startFolded = Math.Max(0, end - label.Key.Length);
                best = (label, text.Start + folded.RawStart[startFolded], text.Start + folded.RawEndOf(end - 1));
            }
        }

        return best;
    }

    /// <summary>Labels with no tick boxes anywhere: a report page's selection, or an empty printed template.</summary>
    private static void ReadWithoutBoxes(List<List<Tok>> units, OptionSet set)
    {
        var labels = units.SelectMany(u => u).Where(t => t.Label is not null).ToList();
        if (labels.Count == 0)
        {
            return;
        }

        var distinct = labels.Select(t => (t.Label!.Group, t.Label.Code)).Distinct().Count();
        var template = false;
        if (distinct >= 3)
        {
            // The printed list: labels one after another with nothing but spaces between them.
            var separated = false;
            for (var k = 1; k < labels.Count; k++)
            {
                if (labels[k].Piece != labels[k - 1].Piece)
                {
                    separated = true;
                    continue;
                }

                var between = labels[k].Source[labels[k - 1].End..labels[k].Start];
                if (between.AsSpan().IndexOfAny("،,;؛/") >= 0 || between.Trim().Length > 0)
                {
                    separated = true;
                }
            }

            var allOfGroup = set.Labels.Where(l => l.Group == labels[0].Label!.Group).Select(l => l.Code).Distinct().Count() == distinct;
            template = !separated || allOfGroup;
        }

        foreach (var t in labels)
        {
            t.State = !template;
            t.Weak = true; // no tick box said so
        }
    }
}
