using System.Text;

namespace ServiceRegistry.Core.Imports;

/// <summary>The value written for a text field's label, the piece it starts at, how sure the reading is, and its
/// lines (for lists).</summary>
internal sealed record FieldValue(string Text, Piece At, Confidence Confidence, List<string> Lines, List<Piece> Pieces)
{
    /// <summary>
    /// The value of the text field at <paramref name="anchor"/>: the rest of its cell, else the next cells of its
    /// line, else (a table read backwards) the cells before it on its line, else the following lines up to the
    /// next label. <paramref name="multi"/> fields (description, lists) take every line up to the next label.
    /// The pieces read are taken.
    /// </summary>
    public static FieldValue? Read(FormCursor cursor, int anchor, bool multi)
    {
        var a = cursor[anchor];
        var (start, end) = cursor.Region(anchor);
        var own = new List<Piece>();
        var sameLine = new List<Piece>();
        var later = new List<Piece>();
        for (var i = start; i < end; i++)
        {
            var p = cursor[i];
            var boilerplate = p.IsAnchor && p.Anchor == Anchor.Boilerplate;
            if (!FormCursor.Free(p) || (p.IsAnchor && !boilerplate) || (p.IsMark && !p.Weak))
            {
                continue;
            }

            if (!boilerplate && ValueText.IsNoise(cursor.Text(p)))
            {
                continue;
            }

            if (p.Line == a.Line && p.Cell == a.Cell)
            {
                own.Add(p);
            }
            else if (p.Line == a.Line)
            {
                sameLine.Add(p);
            }
            else
            {
                later.Add(p);
            }
        }

        // Template wording inside a value stays (it is part of what was written); around it, it goes.
        own = TrimBoilerplate(own);
        sameLine = TrimBoilerplate(sameLine);
        later = TrimBoilerplate(later);
        List<Piece> chosen;
        var confidence = Confidence.Sure;

        if (own.Count == 0 && cursor.IsReversedLine(a.Line) && cursor.Backward(anchor) is { Count: > 0 } before)
        {
            chosen = before;
            confidence = Confidence.Unsure;
        }
        else if (own.Count > 0)
        {
            chosen = multi ? [.. own, .. sameLine, .. later] : own;
        }
        else if (sameLine.Count > 0)
        {
            chosen = multi ? [.. sameLine, .. later] : sameLine.Where(p => p.Cell == sameLine[0].Cell).ToList();
        }
        else if (cursor.Backward(anchor) is { Count: > 0 } back)
        {
            chosen = back;
            confidence = Confidence.Unsure;
        }
        else if (later.Count > 0)
        {
            chosen = multi ? later : later.Where(p => p.Line == later[0].Line).ToList();
        }
        else
        {
            return null;
        }

        if (multi && chosen.Select(p => p.Line).Distinct().Count() > 3)
        {
            confidence = Confidence.Unsure;
        }

        var lines = new List<string>();
        var sb = new StringBuilder();
        var line = -1;
        foreach (var p in chosen)
        {
            if (p.Line != line && sb.Length > 0)
            {
                lines.Add(sb.ToString().Trim());
                sb.Clear();
            }

            line = p.Line;
            sb.Append(p.IsAnchor ? p.Raw : cursor.Text(p)).Append(' ');
            if (!p.IsAnchor)
            {
                cursor.Take(p);
            }
        }

        if (sb.Length > 0)
        {
            lines.Add(sb.ToString().Trim());
        }

        var text = ValueText.Clean(string.Join(" ", lines));
        return text.Length == 0 ? null : new FieldValue(text, chosen[0], confidence, lines.Select(ValueText.Clean).Where(l => l.Length > 0).ToList(), chosen.Where(p => !p.IsAnchor).ToList());
    }

    private static List<Piece> TrimBoilerplate(List<Piece> pieces)
    {
        if (pieces.Count == 0 || !pieces.Exists(p => p.IsAnchor))
        {
            return pieces;
        }

        var result = new List<Piece>(pieces.Count);
        foreach (var line in pieces.GroupBy(p => (p.Line, p.Cell)))
        {
            var list = line.ToList();
            var first = list.FindIndex(p => !p.IsAnchor);
            var last = list.FindLastIndex(p => !p.IsAnchor);
            if (first >= 0)
            {
                result.AddRange(list.GetRange(first, last - first + 1));
            }
        }

        return result;
    }
}
