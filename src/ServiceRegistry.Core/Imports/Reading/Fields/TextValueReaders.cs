using System.Text;
using System.Text.RegularExpressions;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Imports;

/// <summary>Text fields with a shape of their own: lists (one item a line, behind bullet boxes, or split on one
/// line), the average duration (number and unit), in-person visits, web addresses.</summary>
internal static partial class TextValueReaders
{
    public static void ReadList(FormCursor cursor, int anchor, string path, List<string> into)
    {
        var region = cursor.RegionPieces(anchor);
        var items = new List<string>();
        Piece? at = null;
        var confidence = Confidence.Sure;
        if (region.Any(p => p.IsMark && !p.Weak) && region.Any(p => p.IsText))
        {
            // Each item behind its own (bullet) box.
            var sb = new StringBuilder();
            foreach (var p in region)
            {
                if (p.IsMark && !p.Weak)
                {
                    Flush();
                    cursor.Take(p);
                    continue;
                }

                at ??= p;
                sb.Append(cursor.Text(p)).Append(' ');
                cursor.Take(p);
            }

            Flush();

            void Flush()
            {
                var item = ValueText.Clean(sb.ToString());
                if (item.Length > 0)
                {
                    items.Add(item);
                }

                sb.Clear();
            }
        }
        else if (FieldValue.Read(cursor, anchor, multi: true) is { } value)
        {
            at = value.At;
            confidence = value.Confidence;
            foreach (var line in value.Lines)
            {
                items.AddRange(ValueText.SplitList(line));
            }
        }

        foreach (var item in items.Where(i => !into.Contains(i)))
        {
            into.Add(item);
        }

        if (at is not null && items.Count > 0)
        {
            cursor.Source(path, at, string.Join(" | ", items), confidence);
        }
    }


    public static void ReadDuration(FormCursor cursor, int anchor)
    {
        if (FieldValue.Read(cursor, anchor, multi: false) is not { } value)
        {
            return;
        }

        cursor.Card.AverageDuration.Text = value.Text;
        var confidence = value.Confidence;
        if (PersianNumbers.FindFirst(value.Text) is { } n)
        {
            cursor.Card.AverageDuration.Value = n.Value;
            var folded = FoldedText.Of(value.Text[n.End..]);
            var unit = FormVocabulary.DurationUnits.Index.Scan(folded).FirstOrDefault();
            if (unit.Item is not null && unit.Start == 0)
            {
                cursor.Card.AverageDuration.Unit = (DurationUnit)unit.Item.Code;
            }
            else
            {
                confidence = Confidence.Unsure;
            }

            confidence = n.InWords ? Confidence.Unsure : confidence;
        }
        else
        {
            confidence = Confidence.Unsure;
        }

        cursor.Source("averageDuration", value.At, value.Text, confidence);
    }

    public static void ReadVisits(FormCursor cursor, int anchor)
    {
        if (FieldValue.Read(cursor, anchor, multi: false) is not { } value)
        {
            return;
        }

        var text = value.Text;
        if (PersianNumbers.TryParse(text, out var only))
        {
            cursor.Card.InPersonVisits.Count = (long)only;
            cursor.Source("inPersonVisits.count", value.At, text, value.Confidence);
            return;
        }

        cursor.Card.InPersonVisits.Text = text;
        if (PersianNumbers.FindFirst(text) is { } n && n.Start == 0)
        {
            cursor.Card.InPersonVisits.Count = (long)n.Value;
        }

        cursor.Source("inPersonVisits", value.At, text, Confidence.Unsure);
    }

    public static void ReadWeb(FormCursor cursor, int anchor)
    {
        var (start, end) = cursor.Region(anchor);
        var found = new List<(Piece Piece, string Url)>();
        for (var i = start; i < end; i++)
        {
            var p = cursor[i];
            if (!FormCursor.Free(p) || !p.IsText)
            {
                continue;
            }

            var text = cursor.Text(p);
            var matches = Url().Matches(text);
            if (matches.Count == 0)
            {
                continue;
            }

            foreach (Match m in matches)
            {
                found.Add((p, m.Value.TrimEnd(UrlEnd)));
            }

            var rest = Url().Replace(text, " ");
            rest = Conjunction().Replace(rest, " ");
            cursor.Leave(p, rest.Trim());
        }

        foreach (var (_, url) in found)
        {
            if (!cursor.Card.WebAddresses.Contains(url, StringComparer.OrdinalIgnoreCase))
            {
                cursor.Card.WebAddresses.Add(url);
            }
        }

        if (found.Count > 0)
        {
            cursor.Source("webAddresses", found[0].Piece, string.Join(" ", found.Select(f => f.Url)), Confidence.Sure);
        }
    }

    private static readonly char[] UrlEnd = ['.', '/'];

    [GeneratedRegex(@"(?<![\w@.])(?:https?://)?(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:/[^\s,،]*)?(?![\w@])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [GeneratedRegex(@"\b(?:and|or|و|یا)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Conjunction();
}
