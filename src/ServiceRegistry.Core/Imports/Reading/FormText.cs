using System.Net;
using System.Text.RegularExpressions;

namespace ServiceRegistry.Core.Imports;

/// <summary>Turns the text of a form into pieces: lines into cells, tick boxes in every encoding into marks,
/// and the form's printed labels into anchors.</summary>
internal static partial class FormText
{
    /// <summary>A form longer than this many lines is not a card.</summary>
    public const int MaxLines = 200_000;

    private static readonly LabelIndex<AnchorLabel> AnchorIndex =
        new(FormVocabulary.Anchors.Select(a => (a.Key, a)));

    private static readonly LabelIndex<OptionLabel> PeriodIndex = new(FormVocabulary.Periods.Labels.Select(l => (l.Key, l)));

    public static FormDocument Parse(string text, bool markdown, CancellationToken ct)
    {
        var lines = SplitLines(text);
        if (lines.Count > MaxLines)
        {
            throw new FormImportException($"فایل {lines.Count:N0} سطر دارد؛ یک شناسنامه خدمت چنین طولی ندارد.");
        }

        var pieces = new List<Piece>(lines.Count * 4);
        for (var lineNo = 0; lineNo < lines.Count; lineNo++)
        {
            if ((lineNo & 255) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var cells = SplitCells(lines[lineNo], markdown);
            for (var cellNo = 0; cellNo < cells.Count; cellNo++)
            {
                Tokenize(cells[cellNo], lineNo, cellNo, pieces);
            }
        }

        var withAnchors = new List<Piece>(pieces.Count + 64);
        for (var i = 0; i < pieces.Count; i++)
        {
            if ((i & 1023) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var piece = pieces[i];
            if (!piece.IsText)
            {
                withAnchors.Add(piece);
                continue;
            }

            var previous = withAnchors.Count > 0 ? withAnchors[^1] : null;
            var afterMark = previous is { IsMark: true } && previous.Line == piece.Line && previous.Cell == piece.Cell;
            SplitAnchors(piece, afterMark, withAnchors);
        }

        DropFalsePeriodAnchors(withAnchors);
        return new FormDocument(lines, withAnchors);
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\u2028' or '\u2029' or '\f' or '\v')
            {
                lines.Add(text[start..i]);
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add(text[start..]);
        return lines;
    }

    private static List<string> SplitCells(string line, bool markdown)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0)
        {
            return [];
        }

        if (trimmed.Length > 1 && trimmed[0] == '|')
        {
            if (MarkdownSeparator().IsMatch(trimmed))
            {
                return [];
            }

            var inner = trimmed.EndsWith('|') ? trimmed[1..^1] : trimmed[1..];
            return inner.Split('|').Select(c => CleanMarkdown(c, markdown)).ToList();
        }

        if (markdown)
        {
            line = MarkdownHeading().Replace(line, "");
            line = MarkdownBullet().Replace(line, "");
        }
        else
        {
            line = TextBullet().Replace(line, "");
        }

        return line.Split('\t').Select(c => CleanMarkdown(c, markdown)).ToList();
    }

    private static string CleanMarkdown(string cell, bool markdown)
    {
        if (!markdown)
        {
            return cell;
        }

        return cell.Replace("**", "", StringComparison.Ordinal).Replace("__", "", StringComparison.Ordinal)
            .Replace("`", "", StringComparison.Ordinal).Replace("<br>", " ", StringComparison.OrdinalIgnoreCase)
            .Replace("<br/>", " ", StringComparison.OrdinalIgnoreCase).Replace("\\|", "|", StringComparison.Ordinal);
    }

    /// <summary>Splits one cell into text and tick marks.</summary>
    private static void Tokenize(string cell, int line, int cellNo, List<Piece> into)
    {
        if (cell.Contains('&', StringComparison.Ordinal))
        {
            cell = WebUtility.HtmlDecode(cell);
        }

        var last = 0;
        foreach (var match in StrongMarks().EnumerateMatches(cell))
        {
            AddWeak(cell, last, match.Index, line, cellNo, into);
            var token = cell.Substring(match.Index, match.Length);
            var (isChecked, weak) = Classify(token);
            into.Add(new Piece { Kind = PieceKind.Mark, Raw = token, Line = line, Cell = cellNo, Checked = isChecked, Weak = weak });
            last = match.Index + match.Length;
        }

        AddWeak(cell, last, cell.Length, line, cellNo, into);
    }

    private static readonly Dictionary<string, bool> WeakMarks = new(StringComparer.Ordinal)
    {
        ["R"] = true, ["S"] = true, ["Q"] = true, ["ý"] = true, ["þ"] = true, ["x"] = true, ["X"] = true, ["×"] = true, ["*"] = true,
        ["✗"] = true, ["✘"] = true, ["ü"] = true, ["True"] = true, ["TRUE"] = true, ["true"] = true, ["بلی"] = true, ["بله"] = true,
        ["آری"] = true, ["دارد"] = true, ["£"] = false, ["¨"] = false, ["False"] = false, ["FALSE"] = false, ["false"] = false, ["خیر"] = false,
        ["ندارد"] = false,
    };

    /// <summary>Wingdings letters that Word writes against the label they mark when the symbol font is lost
    /// («Rخدمت به شهروندان»): a Latin letter never starts a Persian word, so the letter is the mark.</summary>
    private static readonly System.Buffers.SearchValues<char> GluedMarks = System.Buffers.SearchValues.Create("RSQþýü£¨");

    private static readonly Dictionary<string, bool>.AlternateLookup<ReadOnlySpan<char>> WeakLookup = WeakMarks.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly System.Buffers.SearchValues<char> WeakFirst = System.Buffers.SearchValues.Create(string.Concat(WeakMarks.Keys.Select(k => k[0]).Distinct()));

    /// <summary>Text between real tick boxes, with the stand-alone words that may be marks (R, x, *, True, خیر…) split out.</summary>
    private static void AddWeak(string cell, int from, int to, int line, int cellNo, List<Piece> into)
    {
        var textStart = from;
        var i = from;
        while (i < to)
        {
            if (char.IsWhiteSpace(cell[i]) || cell[i] is ':' or '،' or ',' or '؛' or ';' or '(' or ')' or '.')
            {
                i++;
                continue;
            }

            var start = i;
            while (i < to && !char.IsWhiteSpace(cell[i]) && cell[i] is not (':' or '،' or ',' or '؛' or ';' or '(' or ')' or '.'))
            {
                i++;
            }

            var length = i - start;
            if (length > 1 && GluedMarks.Contains(cell[start]) && IsPersianLetter(cell[start + 1]))
            {
                AddText(cell[textStart..start], line, cellNo, into);
                into.Add(new Piece { Kind = PieceKind.Mark, Raw = cell.Substring(start, 1), Line = line, Cell = cellNo, Checked = WeakMarks[cell.Substring(start, 1)], Weak = true });
                textStart = start + 1;
                continue;
            }

            if (length > 5 || (cell[start] == '.' && length == 1))
            {
                continue;
            }

            if (WeakFirst.Contains(cell[start]) && WeakLookup.TryGetValue(cell.AsSpan(start, length), out var isChecked)
                && !(start > 0 && cell[start - 1] == '*') && !(i < cell.Length && cell[i] == '*'))
            {
                AddText(cell[textStart..start], line, cellNo, into);
                into.Add(new Piece { Kind = PieceKind.Mark, Raw = cell.Substring(start, length), Line = line, Cell = cellNo, Checked = isChecked, Weak = true });
                textStart = i;
            }
        }

        AddText(cell[textStart..to], line, cellNo, into);
    }

    private static bool IsPersianLetter(char c) => c is >= '\u0620' and <= '\u064A' or >= '\u066E' and <= '\u06D3';

    private static void AddText(string text, int line, int cellNo, List<Piece> into)
    {
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = HtmlTag().Replace(text, " ");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        into.Add(new Piece { Kind = PieceKind.Text, Raw = text, Line = line, Cell = cellNo });
    }

    private static (bool Checked, bool Weak) Classify(string token)
    {
        if (token.StartsWith('<'))
        {
            return (HtmlChecked().IsMatch(token), false);
        }

        if (token.StartsWith('['))
        {
            return (token.AsSpan(1, token.Length - 2).Trim().Length > 0, false);
        }

        return token switch
        {
            "☑" or "☒" or "✓" or "✔" or "■" or "⊠" or "✅" or "🗹" => (true, false),
            "☐" or "□" or "▢" or "❏" or "⬜" => (false, false),
            "£" or "¨" or "False" or "FALSE" or "false" or "خیر" or "ندارد" => (false, true),
            _ => (true, true),
        };
    }

    /// <summary>Splits a text piece at the form's labels.</summary>
    private static void SplitAnchors(Piece piece, bool afterMark, List<Piece> into)
    {
        var folded = piece.Folded;
        var rawFrom = 0;
        var i = 0;
        while (i < folded.Length)
        {
            if (!AnchorIndex.TryMatchAt(folded, i, out var label, out var end) || !Allowed(label, folded, i, end, afterMark))
            {
                i++;
                continue;
            }

            var rawStart = folded.RawStart[i];
            var rawEnd = folded.RawEndOf(end - 1);
            if (rawStart > rawFrom)
            {
                AddSplit(piece, piece.Raw[rawFrom..rawStart], into);
            }

            into.Add(new Piece { Kind = PieceKind.Anchor, Raw = piece.Raw[rawStart..rawEnd], Line = piece.Line, Cell = piece.Cell, Anchor = label.Anchor });
            rawFrom = rawEnd;
            i = end;
        }

        if (rawFrom == 0)
        {
            into.Add(new Piece { Kind = piece.Kind, Raw = piece.Raw, Line = piece.Line, Cell = piece.Cell, Folded = folded });
        }
        else if (rawFrom < piece.Raw.Length)
        {
            AddSplit(piece, piece.Raw[rawFrom..], into);
        }
    }

    private static readonly char[] SplitStart = [':', '：', ')', '،', ','];

    private static void AddSplit(Piece piece, string text, List<Piece> into)
    {
        // A closing bracket or colon left over from a label belongs to the label.
        var trimmed = text.Trim().TrimStart(SplitStart).Trim();
        if (trimmed.Length == 0 || (trimmed.Length == 1 && trimmed[0] is '(' or ')' or ':' or '-'))
        {
            return;
        }

        into.Add(new Piece { Kind = PieceKind.Text, Raw = text, Line = piece.Line, Cell = piece.Cell });
    }

    private static bool Allowed(AnchorLabel label, FoldedText folded, int start, int end, bool afterMark)
    {
        if (label.Rules.HasFlag(AnchorRule.NotAfterMark) && afterMark && start == 0)
        {
            return false;
        }

        if (label.Rules.HasFlag(AnchorRule.NeedsColon))
        {
            var raw = folded.Raw.AsSpan(folded.RawEndOf(end - 1)).TrimStart();
            return raw.Length > 0 && raw[0] is ':' or '：';
        }

        return true;
    }

    /// <summary>"بار در" and "خدمت گیرندگان در" are labels only when a period (ماه، فصل، سال) follows on the line.</summary>
    private static void DropFalsePeriodAnchors(List<Piece> pieces)
    {
        for (var i = 0; i < pieces.Count; i++)
        {
            var p = pieces[i];
            if (p.Kind != PieceKind.Anchor || p.Anchor is not (Anchor.FrequencyPeriod or Anchor.RecipientsPeriod))
            {
                continue;
            }

            var found = false;
            var chars = 0;
            for (var j = i + 1; j < pieces.Count && pieces[j].Line == p.Line && chars < 80 && !found; j++)
            {
                if (pieces[j].IsText)
                {
                    chars += pieces[j].Raw.Length;
                    found = PeriodIndex.Scan(FoldedText.Of(pieces[j].Raw)).Count > 0;
                }
            }

            if (!found)
            {
                pieces[i] = new Piece { Kind = PieceKind.Text, Raw = p.Raw, Line = p.Line, Cell = p.Cell };
            }
        }
    }

    [GeneratedRegex(@"<input\b[^>]*>|\[\s*[xX×✓✔*]\s*\]|\[\s*\]|[☑☒✓✔■⊠✅☐□▢❏⬜]|🗹", RegexOptions.CultureInvariant)]
    private static partial Regex StrongMarks();

    [GeneratedRegex(@"\bchecked\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlChecked();

    [GeneratedRegex(@"</?[A-Za-z][^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"^\|?(\s*:?-{2,}:?\s*\|)+\s*(:?-{2,}:?\s*)?\|?$", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownSeparator();

    [GeneratedRegex(@"^\s*#{1,6}\s+", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownHeading();

    [GeneratedRegex(@"^\s*[-+*]\s+(?=\S)", RegexOptions.CultureInvariant)]
    private static partial Regex MarkdownBullet();

    [GeneratedRegex(@"^\s*[•●▪◦]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex TextBullet();
}
