using System.Text;

namespace ServiceRegistry.Core.Tests.Imports.Rendering;

/// <summary>How a tick is written: the ticked and unticked tokens (an empty unticked token writes nothing), whether
/// the token is glued to its label, and whether it stands after the label (True/False, بلی/خیر).</summary>
public sealed record TickEncoding(string Ticked, string Unticked, bool Glued = false, bool After = false);

/// <summary>How a whole form is laid out.</summary>
public enum FormLayout
{
    /// <summary>The official two-column table: one row a line, cells separated by tabs (Word's text export).</summary>
    Table,

    /// <summary>The same rows with their cells in reverse order (a right-to-left table exported left to right).</summary>
    TableReversed,

    /// <summary>A Markdown pipe table.</summary>
    Markdown,

    /// <summary>One field a line: "label: value".</summary>
    OneFieldALine,

    /// <summary>A label-value report page: only the chosen options, as words joined by a separator; yes/no as a word.</summary>
    Report,
}

/// <summary>How the words of a form differ from the official one's (held-back forms differ this way too).</summary>
[Flags]
public enum TextVariant
{
    None = 0,

    /// <summary>Typed on an Arabic keyboard: ي and ك for ی and ک.</summary>
    ArabicLetters = 1,

    /// <summary>Latin digits (0-9) where the official form has Persian ones.</summary>
    LatinDigits = 2,

    /// <summary>Other wording of the labels (an agency's own copy of the form).</summary>
    OtherLabels = 4,

    /// <summary>No ZWNJ: «ها» and «می» written with a space (or glued).</summary>
    NoZwnj = 8,
}

/// <summary>One way to write a card as a legacy document.</summary>
public sealed record Rendering(string Name, FormLayout Layout, TickEncoding Ticks, string Joiner = "، ", string Extension = ".txt", TextVariant Variant = TextVariant.None);

/// <summary>
/// Writes a card's form rows (<see cref="FormRows"/>) as a legacy document in one <see cref="Rendering"/>: the
/// layouts and tick encodings agencies' files actually use. A test tool, never on the request path.
/// </summary>
public static class LegacyFormRenderer
{
    public static readonly IReadOnlyList<Rendering> Renderings =
    [
        new("table ☑/☐", FormLayout.Table, new("☑", "☐")),
        new("table ■/□", FormLayout.Table, new("■", "□")),
        new("table ✓ (unticked: nothing)", FormLayout.Table, new("✓", "")),
        new("table x (unticked: nothing)", FormLayout.Table, new("x", "")),
        new("table * (unticked: nothing)", FormLayout.Table, new("*", "")),
        new("table (x)/( )", FormLayout.Table, new("(x)", "( )")),
        new("table [x]/[ ]", FormLayout.Table, new("[x]", "[ ]")),
        new("table Wingdings 2 R/£ spaced", FormLayout.Table, new("R", "£")),
        new("table Wingdings 2 R/£ glued", FormLayout.Table, new("R", "£", Glued: true)),
        new("table Wingdings 2 R glued, unticked nothing", FormLayout.Table, new("R", "", Glued: true)),
        new("table Wingdings 2 S/£ spaced", FormLayout.Table, new("S", "£")),
        new("table Wingdings þ/¨ glued", FormLayout.Table, new("þ", "¨", Glued: true)),
        new("table Wingdings ý glued, unticked nothing", FormLayout.Table, new("ý", "", Glued: true)),
        new("table True/False after the label", FormLayout.Table, new("True", "False", After: true)),
        new("table بلی/خیر after the label", FormLayout.Table, new("بلی", "خیر", After: true)),
        new("table دارد/ندارد after the label", FormLayout.Table, new("دارد", "ندارد", After: true)),
        new("table right to left, cells reversed", FormLayout.TableReversed, new("☑", "☐")),
        new("markdown table", FormLayout.Markdown, new("☑", "☐"), Extension: ".md"),
        new("one field a line", FormLayout.OneFieldALine, new("☑", "☐")),
        new("report page, choices joined by «،»", FormLayout.Report, new("True", "False")),
        new("report page, choices joined by commas, True/False", FormLayout.Report, new("True", "False"), Joiner: ", "),
        new("report page, بلی/خیر", FormLayout.Report, new("بلی", "خیر")),
        new("table ☑/☐, Arabic ي/ك and Latin digits", FormLayout.Table, new("☑", "☐"), Variant: TextVariant.ArabicLetters | TextVariant.LatinDigits),
        new("table ☑/☐, other label wording", FormLayout.Table, new("☑", "☐"), Variant: TextVariant.OtherLabels),
        new("one field a line, other labels, Arabic letters, no ZWNJ", FormLayout.OneFieldALine, new("[x]", "[ ]"), Variant: TextVariant.OtherLabels | TextVariant.ArabicLetters | TextVariant.NoZwnj),
        new("report page, other labels, Latin digits", FormLayout.Report, new("بلی", "خیر"), Variant: TextVariant.OtherLabels | TextVariant.LatinDigits),
    ];

    /// <summary>Labels as agencies' own copies of the form word them.</summary>
    private static readonly Dictionary<string, string> OtherLabels = new(StringComparer.Ordinal)
    {
        ["عنوان خدمت"] = "نام خدمت",
        ["شرح خدمت"] = "توضیحات خدمت",
        ["نام دستگاه اجرایی"] = "دستگاه اجرایی ارائه دهنده",
        ["مدارک لازم برای انجام خدمت"] = "مدارک مورد نیاز برای انجام خدمت",
        ["متوسط مدت زمان ارائه خدمت"] = "مدت زمان ارائه خدمت",
        ["هزینه ارائه خدمت"] = "هزینه خدمت",
        ["آدرس دقیق و مستقیم خدمت در وبگاه"] = "نشانی خدمت در وبگاه",
    };

    public static string Render(FormRows form, Rendering rendering)
    {
        var lines = new List<List<string>> { new() { "فرم شناسنامه خدمت" } };
        foreach (var row in form.Rows)
        {
            var label = rendering.Variant.HasFlag(TextVariant.OtherLabels) && OtherLabels.TryGetValue(row.Label, out var other) ? other : row.Label;
            lines.Add([label, .. Cells(row, rendering)]);
        }

        if (form.Stages.Count > 0)
        {
            if (rendering.Layout != FormLayout.Report && rendering.Layout != FormLayout.OneFieldALine)
            {
                lines.Add(["مراحل خدمت", "نوع ارائه", "رسانه ارتباطی خدمت"]);
            }

            foreach (var (stage, electronic, inPerson) in form.Stages)
            {
                lines.Add([stage, .. Cells(electronic, rendering)]);
                lines.Add(rendering.Layout is FormLayout.Report or FormLayout.OneFieldALine ? [stage, .. Cells(inPerson, rendering)] : ["", .. Cells(inPerson, rendering)]);
            }
        }

        if (form.Steps.Count > 0)
        {
            lines.Add(["عناوین فرایندهای خدمت"]);
            lines.AddRange(form.Steps.Select((s, i) => new List<string> { $"{Fa(i + 1)}- {s}" }));
        }

        var sb = new StringBuilder();
        foreach (var cells in lines)
        {
            sb.Append(Line(cells, rendering.Layout)).Append('\n');
        }

        return Vary(sb.ToString(), rendering.Variant);
    }

    private static string Vary(string text, TextVariant variant)
    {
        if (variant.HasFlag(TextVariant.ArabicLetters))
        {
            text = text.Replace('ی', 'ي').Replace('ک', 'ك');
        }

        if (variant.HasFlag(TextVariant.LatinDigits))
        {
            text = string.Concat(text.Select(c => c is >= '۰' and <= '۹' ? (char)('0' + (c - '۰')) : c));
        }

        if (variant.HasFlag(TextVariant.NoZwnj))
        {
            text = text.Replace("\u200Cها", " ها", StringComparison.Ordinal).Replace("\u200C", "", StringComparison.Ordinal);
        }

        return text;
    }

    private static string Line(List<string> cells, FormLayout layout)
    {
        if (cells.Count == 1)
        {
            return cells[0];
        }

        return layout switch
        {
            FormLayout.TableReversed => string.Join('\t', Enumerable.Reverse(cells)),
            FormLayout.Markdown => "| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |",
            FormLayout.OneFieldALine or FormLayout.Report => cells[0] + ": " + string.Join(" ", cells.Skip(1)),
            _ => string.Join('\t', cells),
        };
    }

    private static IEnumerable<string> Cells(FormRow row, Rendering rendering)
    {
        if (row.Options is null)
        {
            yield return row.Text ?? "";
            yield break;
        }

        var ticks = rendering.Ticks;
        if (rendering.Layout == FormLayout.Report)
        {
            if (row.IsBoolean)
            {
                yield return row.Options[0].Ticked ? ticks.Ticked : ticks.Unticked;
                yield break;
            }

            var chosen = row.Options.Where(o => o.Ticked).Select(o => o.Other is { Length: > 0 } other ? $"{o.Label}: {other}" : o.Label);
            yield return (row.BeforeOptions is { } before ? before + " " : "") + string.Join(rendering.Joiner, chosen);
            yield break;
        }

        var parts = new List<string>();
        foreach (var option in row.Options)
        {
            var mark = option.Ticked ? ticks.Ticked : ticks.Unticked;
            var label = option.Label + (option.Other is { Length: > 0 } o ? " " + o : "");
            if (label.Length == 0)
            {
                parts.Add(mark.Length > 0 ? mark : ticks.Unticked);
            }
            else if (mark.Length == 0)
            {
                parts.Add(label);
            }
            else if (ticks.After)
            {
                parts.Add(label + " " + mark);
            }
            else
            {
                parts.Add(mark + (ticks.Glued ? "" : " ") + label);
            }
        }

        yield return (row.BeforeOptions is { } b ? b + " " : "") + string.Join("   ", parts);
    }

    private static string Fa(int n) => string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => (char)('۰' + (c - '0'))));
}
