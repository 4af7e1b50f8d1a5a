namespace ServiceRegistry.Core.Imports;

internal enum PieceKind
{
    Text,
    Mark,
    Anchor,
}

/// <summary>One token of a form: a run of text, a tick box (with its state) or a field label (anchor), with the
/// line and table cell it sits in. Readers set <see cref="Used"/> on what they take; the rest is unmapped.</summary>
internal sealed class Piece
{
    public required PieceKind Kind { get; init; }
    public required string Raw { get; init; }
    public required int Line { get; init; }
    public required int Cell { get; init; }
    public bool Checked { get; init; }

    /// <summary>A mark that may also be plain text (a lone R, x, *, True, خیر…): it counts as a tick only
    /// beside an option label, and only where no real tick boxes are.</summary>
    public bool Weak { get; init; }

    public Anchor Anchor { get; init; }
    public int Index { get; set; }
    public bool Used { get; set; }

    private FoldedText? _folded;

    /// <summary>The raw text folded for matching (computed once).</summary>
    public FoldedText Folded
    {
        get => _folded ??= FoldedText.Of(Raw);
        init => _folded = value;
    }

    public bool IsText => Kind == PieceKind.Text;
    public bool IsMark => Kind == PieceKind.Mark;
    public bool IsAnchor => Kind == PieceKind.Anchor;

    /// <summary>An anchor that ends the value before it (boilerplate does not).</summary>
    public bool IsBoundary => Kind == PieceKind.Anchor && Anchor != Anchor.Boilerplate;

    public override string ToString() => Kind switch
    {
        PieceKind.Mark => Checked ? "☑" : "☐",
        PieceKind.Anchor => $"[{Anchor}]",
        _ => Raw,
    };
}

/// <summary>A legacy form as a stream of pieces, whatever its layout: Word/PDF text with tab-separated cells,
/// Markdown pipe tables, one field a line, label-value report pages.</summary>
internal sealed class FormDocument
{
    public FormDocument(IReadOnlyList<string> lines, List<Piece> pieces)
    {
        Lines = lines;
        Pieces = pieces;
        for (var i = 0; i < pieces.Count; i++)
        {
            pieces[i].Index = i;
        }
    }

    public IReadOnlyList<string> Lines { get; }
    public List<Piece> Pieces { get; }
}
