using System.Text;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// Reads the fields of one legacy form from its pieces. The form's printed labels are anchors; the value of a
/// field is what follows its anchor up to the next one, or, in right-to-left tables read backwards, the cells
/// before it on the same line. Tick boxes are paired with the option label on their side. Readers that need
/// the table's lines (stages, links, process steps, permits) claim their pieces first; what no reader takes
/// is unmapped.
/// </summary>
internal sealed partial class FieldExtractor
{
    private readonly FormDocument _doc;
    private readonly List<Piece> _p;
    private readonly CardContent _card = new();
    private readonly List<FieldSource> _sources = [];
    private readonly CancellationToken _ct;
    private readonly int[] _nextBoundary;

    /// <summary>Whether the form marks its options at all. Where it does, an option with no mark is unticked;
    /// where it does not (a report page), the options written are the ones chosen.</summary>
    private readonly bool _hasTickBoxes;

    private FieldExtractor(FormDocument doc, CancellationToken ct)
    {
        _doc = doc;
        _p = doc.Pieces;
        _ct = ct;
        for (var i = _p.Count - 1; i >= 0; i--)
        {
            _lineStart[_p[i].Line] = i;
        }

        _hasTickBoxes = _p.Any(p => p.IsMark && !p.Weak) || _p.Count(p => p.IsMark) >= 3;
        _nextBoundary = new int[_p.Count + 1];
        var next = _p.Count;
        _nextBoundary[_p.Count] = next;
        for (var i = _p.Count - 1; i >= 0; i--)
        {
            _nextBoundary[i] = next;
            if (_p[i].IsBoundary)
            {
                next = i;
            }
        }
    }

    /// <summary>Pieces a reader consumed in part keep their unread rest here.</summary>
    private readonly Dictionary<int, string> _rest = [];

    public static ImportResult Extract(FormDocument doc, CancellationToken ct)
    {
        var extractor = new FieldExtractor(doc, ct);
        return extractor.Run();
    }

    private ImportResult Run()
    {
        var zones = FindZones();
        ReadPermits(zones);
        _ct.ThrowIfCancellationRequested();
        ReadProcessSteps();
        ReadStages(zones);
        _ct.ThrowIfCancellationRequested();
        ReadLinks(zones);
        ReadRecipients();
        ReadFrequency();
        ReadFees();
        _ct.ThrowIfCancellationRequested();
        ReadEnums();
        ReadTexts(zones);
        ReadHeaderFallbacks(zones);
        var unmapped = CollectUnmapped();
        _card.Unmapped = unmapped;
        return new ImportResult(_card, unmapped, _sources);
    }

    // ---- pieces ---------------------------------------------------------------------------------------

    private string Text(Piece p) => _rest.TryGetValue(p.Index, out var rest) ? rest : p.Raw;

    private bool Free(Piece p) => !p.Used;

    private void Take(Piece p)
    {
        p.Used = true;
        _rest.Remove(p.Index);
    }

    /// <summary>Keeps only <paramref name="rest"/> of a piece for other readers (or takes it when nothing is left).</summary>
    private void Leave(Piece p, string rest)
    {
        if (IsNoise(rest))
        {
            Take(p);
        }
        else
        {
            _rest[p.Index] = rest;
        }
    }

    private IEnumerable<int> AnchorsOf(Anchor anchor)
    {
        for (var i = 0; i < _p.Count; i++)
        {
            if (_p[i].IsAnchor && _p[i].Anchor == anchor)
            {
                yield return i;
            }
        }
    }

    /// <summary>The pieces after an anchor up to the next boundary anchor.</summary>
    private (int Start, int End) Region(int anchor) => (anchor + 1, _nextBoundary[anchor]);

    private List<Piece> RegionPieces(int anchor)
    {
        var (start, end) = Region(anchor);
        var list = new List<Piece>(end - start);
        for (var i = start; i < end; i++)
        {
            if (Free(_p[i]) && !_p[i].IsAnchor)
            {
                list.Add(_p[i]);
            }
        }

        return list;
    }

    private void Source(string path, Piece at, string snippet, Confidence confidence)
    {
        _sources.RemoveAll(s => s.Path == path);
        var clipped = snippet.Length > 200 ? snippet[..200] + "…" : snippet;
        _sources.Add(new FieldSource(path, at.Line + 1, clipped.Trim(), confidence));
    }

    private static readonly char[] ValueStart = [':', '：', '-', '–', '،', ',', '؛', ';', '*', '.'];
    private static readonly char[] ValueEnd = [':', '：', '-', '–', '،', ',', '؛', ';', '*'];
    private static readonly char[] NumberingEnd = ['-', '–', '.', ')', ':'];
    private static readonly char[] UnmappedEdges = [':', '-', '–', '*', '.', '،', ',', '؛', '|'];
    private static readonly char[] UrlEnd = ['.', '/'];

    /// <summary>True when text holds no value: white space, punctuation, a section number, an ellipsis.</summary>
    private static bool IsNoise(string text)
    {
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                return false;
            }
        }

        // Digits alone are a value unless they are a section number ("۴-", "5.").
        var trimmed = text.Trim();
        var t = trimmed.TrimEnd(NumberingEnd).Trim();
        return t.Length == 0 || t.All(c => !char.IsDigit(c)) || (trimmed[^1] is '-' or '–' or '.' or ')' && t.All(char.IsDigit));
    }

    // ---- values of text fields --------------------------------------------------------------------------

    private sealed record Value(string Text, Piece At, Confidence Confidence, List<string> Lines, List<Piece> Pieces);

    /// <summary>
    /// The value of the text field at <paramref name="anchor"/>: the rest of its cell, else the next cells of its
    /// line, else (a table read backwards) the cells before it on its line, else the following lines up to the
    /// next label. <paramref name="multi"/> fields (description, lists) take every line up to the next label.
    /// </summary>
    private Value? ValueOf(int anchor, bool multi)
    {
        var a = _p[anchor];
        var (start, end) = Region(anchor);
        var own = new List<Piece>();
        var sameLine = new List<Piece>();
        var later = new List<Piece>();
        for (var i = start; i < end; i++)
        {
            var p = _p[i];
            var boilerplate = p.IsAnchor && p.Anchor == Anchor.Boilerplate;
            if (!Free(p) || (p.IsAnchor && !boilerplate) || (p.IsMark && !p.Weak))
            {
                continue;
            }

            if (!boilerplate && IsNoise(Text(p)))
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

        if (own.Count == 0 && IsReversedLine(a.Line) && Backward(anchor) is { Count: > 0 } before)
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
        else if (Backward(anchor) is { Count: > 0 } back)
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
            sb.Append(p.IsAnchor ? p.Raw : Text(p)).Append(' ');
            if (!p.IsAnchor)
            {
                Take(p);
            }
        }

        if (sb.Length > 0)
        {
            lines.Add(sb.ToString().Trim());
        }

        var text = CleanValue(string.Join(" ", lines));
        return text.Length == 0 ? null : new Value(text, chosen[0], confidence, lines.Select(CleanValue).Where(l => l.Length > 0).ToList(), chosen.Where(p => !p.IsAnchor).ToList());
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

    private readonly Dictionary<int, bool> _reversed = [];
    private readonly Dictionary<int, int> _lineStart = [];

    /// <summary>
    /// A table row exported right to left: it ends with a label cell and starts with a value
    /// ("وزارت کشور ⇥ نام دستگاه مادر ⇥ استانداری ⇥ نام دستگاه اجرایی"), so each label's value is the cell before it.
    /// </summary>
    private bool IsReversedLine(int line)
    {
        if (_reversed.TryGetValue(line, out var known))
        {
            return known;
        }

        var pieces = new List<Piece>();
        if (_lineStart.TryGetValue(line, out var from))
        {
            for (var i = from; i < _p.Count && _p[i].Line == line; i++)
            {
                if (!(_p[i].IsText && IsNoise(_p[i].Raw)))
                {
                    pieces.Add(_p[i]);
                }
            }
        }

        var result = false;
        if (pieces.Count > 1)
        {
            var lastCell = pieces[^1].Cell;
            var firstCell = pieces[0].Cell;
            result = firstCell != lastCell
                && pieces.Where(p => p.Cell == lastCell).All(p => p.IsAnchor) && pieces.Any(p => p.Cell == lastCell && p.IsBoundary)
                && !pieces[0].IsAnchor;
        }

        _reversed[line] = result;
        return result;
    }

    /// <summary>The whole cells before an anchor on its line, when nothing else claims them. On a reversed line
    /// that is the cells back to the previous label.</summary>
    private List<Piece>? Backward(int anchor)
    {
        var a = _p[anchor];
        var reversed = IsReversedLine(a.Line);
        var list = new List<Piece>();
        for (var i = anchor - 1; i >= 0 && _p[i].Line == a.Line; i--)
        {
            var p = _p[i];
            if (p.IsBoundary)
            {
                // Text between two labels on a line belongs to the first, unless that one holds no value.
                return reversed || p.Anchor is Anchor.Section or Anchor.StageHeader or Anchor.LinksHeader or Anchor.FillerHeader ? list : null;
            }

            if (!Free(p) || p.IsAnchor || (p.IsMark && !p.Weak) || IsNoise(Text(p)))
            {
                continue;
            }

            list.Insert(0, p);
        }

        return list;
    }

    /// <summary>Trims what surrounds a value: colons, dashes, ellipses, instructions in brackets.</summary>
    private static string CleanValue(string text)
    {
        var t = text.Trim();
        t = t.Replace("…", " ", StringComparison.Ordinal).Replace("...", " ", StringComparison.Ordinal);
        for (var again = true; again;)
        {
            var before = t;
            t = t.Trim().TrimStart(ValueStart).Trim();
            t = t.TrimEnd(ValueEnd).Trim();
            if (t.StartsWith(')'))
            {
                t = t[1..];
            }

            if (t.EndsWith('(') || (t.EndsWith(')') && t.AsSpan().Count(')') > t.AsSpan().Count('(')))
            {
                t = t[..^1];
            }

            if (t.StartsWith('(') && t.AsSpan().Count('(') > t.AsSpan().Count(')'))
            {
                t = t[1..];
            }

            again = t != before;
        }

        if (t.StartsWith('(') && t.EndsWith(')') && t.IndexOf(')', StringComparison.Ordinal) == t.Length - 1)
        {
            t = t[1..^1].Trim();
        }

        return IsNoise(t) ? "" : CollapseSpaces(t);
    }

    private static string CollapseSpaces(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
