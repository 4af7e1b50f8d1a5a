using System.Text.RegularExpressions;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Imports;

/// <summary>The process steps: the numbered lines (۱- …, ۲- …) next to their label, above or below it, else the
/// steps written after the label on one line or one a line.</summary>
internal static partial class ProcessStepReader
{
    /// <summary>The numbered lines (۱- …, ۲- …) next to the process-steps label, above or below it.</summary>
    public static void Read(FormCursor cursor)
    {
        var anchors = cursor.AnchorsOf(Anchor.ProcessSteps).ToList();
        if (anchors.Count == 0)
        {
            return;
        }

        var anchorLines = anchors.Select(a => cursor[a].Line).ToHashSet();
        var runs = new List<List<(int Line, Piece Piece, string Text)>>();
        List<(int Line, Piece Piece, string Text)>? run = null;
        var lastLine = -1;
        foreach (var pieces in cursor.AllLines())
        {
            var line = pieces[0].Line;
            var first = pieces.FirstOrDefault(p => !p.IsMark && !(p.IsAnchor && p.Anchor == Anchor.Boilerplate));
            Match? m = first is { IsText: true } && FormCursor.Free(first) ? StepNumber().Match(PersianText.ToLatinDigits(cursor.Text(first))) : null;
            var number = m is { Success: true } ? int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
            if (number > 0 && (run is null ? number == 1 : number == run.Count + 1 || number == 1))
            {
                if (number == 1 || run is null || line - lastLine > 3)
                {
                    run = [];
                    runs.Add(run);
                }

                run.Add((line, first!, cursor.Text(first!)[m!.Groups["text"].Index..].Trim()));
                lastLine = line;
                continue;
            }

            if (pieces.Any(p => !p.IsAnchor && !ValueText.IsNoise(p.IsMark ? "" : cursor.Text(p))))
            {
                run = null;
            }
        }

        var best = runs.Where(r => r.Count > 0)
            .Select(r => (Run: r, Distance: anchorLines.Min(a => a >= r[0].Line && a <= r[^1].Line ? 0 : Math.Min(Math.Abs(a - r[0].Line), Math.Abs(a - r[^1].Line)))))
            .Where(x => x.Distance <= 3)
            .OrderBy(x => x.Distance).ThenByDescending(x => x.Run.Count)
            .Select(x => x.Run).FirstOrDefault();
        if (best is not null)
        {
            foreach (var (_, piece, text) in best)
            {
                var step = ValueText.Clean(text);
                if (step.Length > 0)
                {
                    cursor.Card.ProcessSteps.Add(step);
                }

                cursor.Take(piece);
            }

            cursor.Source("processSteps", best[0].Piece, string.Join(" | ", cursor.Card.ProcessSteps), Confidence.Sure);
            return;
        }

        // Steps written after the label on one line or one a line, without a table.
        foreach (var a in anchors)
        {
            if (FieldValue.Read(cursor, a, multi: true) is not { } value)
            {
                continue;
            }

            foreach (var line in value.Lines)
            {
                var parts = InlineSteps().Split(PersianText.ToLatinDigits(line)).Select(ValueText.Clean).Where(s => s.Length > 0).ToList();
                if (parts.Count <= 1)
                {
                    parts = ValueText.SplitList(line);
                }

                cursor.Card.ProcessSteps.AddRange(parts.Count > 0 ? parts : [line]);
            }

            cursor.Source("processSteps", value.At, value.Text, Confidence.Unsure);
            return;
        }
    }

    [GeneratedRegex(@"^\s*(?<n>\d{1,2})\s*[-–.)]\s*(?<text>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex StepNumber();

    [GeneratedRegex(@"(?:^|\s)\d{1,2}\s*[-–.)]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex InlineSteps();
}
