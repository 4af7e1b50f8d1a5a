using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// What the field readers share while they read one form: its pieces, which of them are taken (and the unread
/// rest of pieces taken in part), the card being filled, where each field came from, and the questions every
/// reader asks of the layout (the region after a label, a line read right to left, the cells before a label).
/// Readers run one after another (<see cref="FieldExtractor"/>); what one takes the next does not see.
/// </summary>
internal sealed class FormCursor
{
    private readonly List<Piece> _p;
    private readonly int[] _nextBoundary;
    private readonly Dictionary<int, string> _rest = [];
    private readonly Dictionary<int, bool> _reversed = [];
    private readonly Dictionary<int, int> _lineStart = [];
    private readonly List<FieldSource> _sources = [];
    private List<List<Piece>>? _allLines;
    private FormZones? _zones;

    public FormCursor(FormDocument doc, CancellationToken ct = default)
    {
        _p = doc.Pieces;
        Cancellation = ct;
        for (var i = _p.Count - 1; i >= 0; i--)
        {
            _lineStart[_p[i].Line] = i;
        }

        HasTickBoxes = _p.Any(p => p.IsMark && !p.Weak) || _p.Count(p => p.IsMark) >= 3;
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

    public IReadOnlyList<Piece> Pieces => _p;

    public int Count => _p.Count;

    public Piece this[int index] => _p[index];

    public CardContent Card { get; } = new();

    public IReadOnlyList<FieldSource> Sources => _sources;

    public CancellationToken Cancellation { get; }

    /// <summary>Whether the form marks its options at all. Where it does, an option with no mark is unticked;
    /// where it does not (a report page), the options written are the ones chosen.</summary>
    public bool HasTickBoxes { get; }

    /// <summary>Where the parts of the form begin (found once, before any reader takes a piece).</summary>
    public FormZones Zones => _zones ??= FormZones.Find(this);

    // ---- taking pieces --------------------------------------------------------------------------------

    /// <summary>What is left of a piece to read: its unread rest when a reader took part of it.</summary>
    public string Text(Piece p) => _rest.TryGetValue(p.Index, out var rest) ? rest : p.Raw;

    public static bool Free(Piece p) => !p.Used;

    public void Take(Piece p)
    {
        p.Used = true;
        _rest.Remove(p.Index);
    }

    /// <summary>Keeps only <paramref name="rest"/> of a piece for other readers (or takes it when nothing is left).</summary>
    public void Leave(Piece p, string rest)
    {
        if (ValueText.IsNoise(rest))
        {
            Take(p);
        }
        else
        {
            _rest[p.Index] = rest;
        }
    }

    /// <summary>Records where a field's value came from (the last record of a path wins).</summary>
    public void Source(string path, Piece at, string snippet, Confidence confidence)
    {
        _sources.RemoveAll(s => s.Path == path);
        var clipped = snippet.Length > 200 ? snippet[..200] + "…" : snippet;
        _sources.Add(new FieldSource(path, at.Line + 1, clipped.Trim(), confidence));
    }

    // ---- where things are -----------------------------------------------------------------------------

    public IEnumerable<int> AnchorsOf(Anchor anchor)
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
    public (int Start, int End) Region(int anchor) => (anchor + 1, _nextBoundary[anchor]);

    /// <summary>The free pieces (not labels) of an anchor's region.</summary>
    public List<Piece> RegionPieces(int anchor)
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

    /// <summary>Free pieces before an anchor on its line, back to the previous label.</summary>
    public List<Piece> BackwardPieces(int anchor)
    {
        var list = new List<Piece>();
        var line = _p[anchor].Line;
        for (var i = anchor - 1; i >= 0 && _p[i].Line == line && !_p[i].IsBoundary; i--)
        {
            if (Free(_p[i]) && !_p[i].IsAnchor)
            {
                list.Insert(0, _p[i]);
            }
        }

        return list;
    }

    /// <summary>
    /// A table row exported right to left: it ends with a label cell and starts with a value
    /// ("وزارت کشور ⇥ نام دستگاه مادر ⇥ استانداری ⇥ نام دستگاه اجرایی"), so each label's value is the cell before it.
    /// </summary>
    public bool IsReversedLine(int line)
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
                if (!(_p[i].IsText && ValueText.IsNoise(_p[i].Raw)))
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
    public List<Piece>? Backward(int anchor)
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

            if (!Free(p) || p.IsAnchor || (p.IsMark && !p.Weak) || ValueText.IsNoise(Text(p)))
            {
                continue;
            }

            list.Insert(0, p);
        }

        return list;
    }

    /// <summary>The number written just before a label ("۱۲ بار در", "۸۰ خدمت گیرندگان در"), taken from its piece.</summary>
    public NumberText? NumberBefore(int anchor)
    {
        var line = _p[anchor].Line;
        for (var i = anchor - 1; i >= 0 && _p[i].Line == line; i--)
        {
            var p = _p[i];
            if (p.IsMark && !p.Weak)
            {
                continue;
            }

            if (!Free(p) || p.IsBoundary)
            {
                return null;
            }

            if (p.IsAnchor)
            {
                continue;
            }

            var text = Text(p);
            if (PersianNumbers.FindLast(text) is not { } n)
            {
                return null;
            }

            Leave(p, text[..n.Start]);
            return new NumberText(n.Value, text[n.Start..n.End], n.InWords ? Confidence.Unsure : Confidence.Sure);
        }

        return null;
    }

    /// <summary>The tick box right after a label on its line (or right before it in its cell).</summary>
    public Piece? MarkBeside(int anchor)
    {
        var a = _p[anchor];
        for (var i = anchor + 1; i < _p.Count && _p[i].Line == a.Line; i++)
        {
            if (_p[i].IsMark && Free(_p[i]))
            {
                return _p[i];
            }

            if (_p[i].IsBoundary || (_p[i].IsText && !ValueText.IsNoise(Text(_p[i]))))
            {
                break;
            }
        }

        return anchor > 0 && _p[anchor - 1] is { IsMark: true } m && m.Line == a.Line && m.Cell == a.Cell && Free(m) ? m : null;
    }

    // ---- lines and cells ------------------------------------------------------------------------------

    /// <summary>Every line's pieces, in order (built once).</summary>
    public List<List<Piece>> AllLines()
    {
        if (_allLines is not null)
        {
            return _allLines;
        }

        _allLines = [];
        foreach (var p in _p)
        {
            if (_allLines.Count == 0 || _allLines[^1][0].Line != p.Line)
            {
                _allLines.Add([]);
            }

            _allLines[^1].Add(p);
        }

        return _allLines;
    }

    /// <summary>The pieces from <paramref name="from"/> to <paramref name="to"/> by line.</summary>
    public Dictionary<int, List<Piece>> ByLine(int from, int to)
    {
        var lines = new Dictionary<int, List<Piece>>();
        for (var i = from; i < to; i++)
        {
            var p = _p[i];
            if (!lines.TryGetValue(p.Line, out var list))
            {
                lines[p.Line] = list = [];
            }

            list.Add(p);
        }

        return lines;
    }

    /// <summary>The text of each cell of a line (labels and marks included), by cell index.</summary>
    public Dictionary<int, string> Cells(List<Piece> line)
    {
        var cells = new Dictionary<int, string>();
        foreach (var p in line)
        {
            var text = p.IsMark ? (p.Checked ? " ☑ " : " ☐ ") : Text(p);
            cells[p.Cell] = cells.TryGetValue(p.Cell, out var s) ? s + " " + text : text;
        }

        return cells;
    }
}

/// <summary>A number read from the text before a label, with how sure the reading is (number words are not).</summary>
internal sealed record NumberText(decimal Value, string Text, Confidence Confidence);
