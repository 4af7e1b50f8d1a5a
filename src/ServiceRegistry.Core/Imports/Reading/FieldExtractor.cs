using System.Text;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// Reads the fields of one legacy form from its pieces. The form's printed labels are anchors; the value of a
/// field is what follows its anchor up to the next one, or, in right-to-left tables read backwards, the cells
/// before it on the same line. Each field group has its own reader; they run in the order of <see cref="Readers"/>
/// over one <see cref="FormCursor"/>, so what an earlier reader takes a later one does not see. What no reader
/// takes is unmapped.
/// </summary>
internal static class FieldExtractor
{
    /// <summary>
    /// The readers, in the order they run. The order matters: the tables (permits, process steps, stages, links)
    /// claim their rows first, because their cells hold option words and numbers the field readers would
    /// otherwise take; the count-per-period fields and fees take numbers before the text fields read whole
    /// values; the option fields run before the text fields so a ticked option is not read as a field's text;
    /// the header fallbacks only look at what is left.
    /// </summary>
    internal static readonly IReadOnlyList<(string Name, Action<FormCursor> Read)> Readers =
    [
        ("permits", PermitReader.Read),
        ("process steps", ProcessStepReader.Read),
        ("stages", StageReader.Read),
        ("links", LinkReader.Read),
        ("recipients", CountPerPeriodReader.Recipients.Read),
        ("frequency", CountPerPeriodReader.Frequency.Read),
        ("fees", FeeReader.Read),
        ("option fields", OptionFieldReader.Read),
        ("text fields", TextFieldReader.Read),
        ("header fallbacks", HeaderFallbackReader.Read),
    ];

    private static readonly char[] UnmappedEdges = [':', '-', '–', '*', '.', '،', ',', '؛', '|'];

    public static ImportResult Extract(FormDocument doc, CancellationToken ct)
    {
        var cursor = new FormCursor(doc, ct);
        _ = cursor.Zones; // found on the untouched form
        foreach (var (_, read) in Readers)
        {
            ct.ThrowIfCancellationRequested();
            read(cursor);
        }

        var unmapped = CollectUnmapped(cursor);
        cursor.Card.Unmapped = unmapped;
        return new ImportResult(cursor.Card, unmapped, cursor.Sources.ToList());
    }

    /// <summary>Every piece of text no reader took, cell by cell, without the form's own printed wording.</summary>
    internal static List<string> CollectUnmapped(FormCursor cursor)
    {
        var unmapped = new List<string>();
        var sb = new StringBuilder();
        Piece? group = null;
        foreach (var p in cursor.Pieces)
        {
            if (p.Used || p.IsAnchor || (p.IsMark && !p.Weak))
            {
                if (p.IsAnchor && p.Anchor == Anchor.Boilerplate)
                {
                    continue;
                }

                Flush();
                continue;
            }

            if (group is not null && (group.Line != p.Line || group.Cell != p.Cell))
            {
                Flush();
            }

            group ??= p;
            sb.Append(cursor.Text(p)).Append(' ');
        }

        Flush();
        return unmapped;

        void Flush()
        {
            if (sb.Length > 0)
            {
                var text = ValueText.CollapseSpaces(sb.ToString().Trim().Trim(UnmappedEdges).Trim());
                if (!ValueText.IsNoise(text) && !ValueText.IsTemplate(text))
                {
                    unmapped.Add(text);
                }
            }

            sb.Clear();
            group = null;
        }
    }

}
