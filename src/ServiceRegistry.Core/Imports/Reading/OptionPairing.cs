namespace ServiceRegistry.Core.Imports;

/// <summary>A label, a mark or a run of other text inside one cell, while the options of a cell are paired.</summary>
internal sealed class OptionToken
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

/// <summary>Which mark belongs to which option label within the cells of a run of pieces.</summary>
internal static class OptionPairing
{
    /// <summary>A cell of labels beside a cell of tick boxes (a two-column table) is read as one.</summary>
    public static void MergeLabelAndBoxCells(List<List<OptionToken>> units)
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
    public static bool? ByGaps(List<OptionToken> unit)
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
    public static bool? Orientation(List<OptionToken> unit)
    {
        OptionToken? first = null;
        OptionToken? lastSig = null;
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

    public static void Pair(List<OptionToken> unit, bool before, OptionSet set, Dictionary<int, List<(int Start, int End)>> consumed)
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
                    unit[j].Trailing = ValueText.Clean(unit[j].Source[label.End..unit[j].End]);
                    unit[j].LabelEnd = label.End;
                    OptionReader.Consume(consumed, unit[j].Piece, unit[j].Start, unit[j].End);
                }
                else
                {
                    OptionReader.Consume(consumed, unit[j].Piece, label.Start, label.End);
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
    private static (OptionLabel Label, int Start, int End)? Fuzzy(OptionToken text, OptionSet set, bool atStart)
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
    public static void ReadWithoutBoxes(List<List<OptionToken>> units, OptionSet set)
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
