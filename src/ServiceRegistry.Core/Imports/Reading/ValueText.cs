using System.Text;
using System.Text.RegularExpressions;

namespace ServiceRegistry.Core.Imports;

/// <summary>Pure text rules of the field readers: what counts as no value, how a value is trimmed, how a list
/// written on one line splits, and what is only the form's own printed wording.</summary>
internal static partial class ValueText
{
    private static readonly char[] ValueStart = [':', '：', '-', '–', '،', ',', '؛', ';', '*', '.'];
    private static readonly char[] ValueEnd = [':', '：', '-', '–', '،', ',', '؛', ';', '*'];
    private static readonly char[] NumberingEnd = ['-', '–', '.', ')', ':'];

    /// <summary>True when text holds no value: white space, punctuation, a section number, an ellipsis.</summary>
    public static bool IsNoise(string text)
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

    /// <summary>Trims what surrounds a value: colons, dashes, ellipses, instructions in brackets.</summary>
    public static string Clean(string text)
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

    public static string CollapseSpaces(string text)
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

    /// <summary>Splits a list written on one line: at commas and semicolons outside brackets, and at dashes
    /// with a space beside them ("الف - ب", "الف- ب"), and at item numbers ("۱- الف ۲- ب").</summary>
    public static List<string> SplitList(string text)
    {
        var items = new List<string>();
        var sb = new StringBuilder();
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '(' or '[' or '«')
            {
                depth++;
            }
            else if (c is ')' or ']' or '»')
            {
                depth = Math.Max(0, depth - 1);
            }

            var split = depth == 0 && (c is '،' or ';' or '؛' or '•'
                || (c == ',' && !(i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1])))
                || (c is '-' or '–' && ((i > 0 && char.IsWhiteSpace(text[i - 1])) || (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1])))
                    && !(i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1]))));
            if (split)
            {
                Add();
                continue;
            }

            sb.Append(c);
        }

        Add();
        return items;

        void Add()
        {
            var item = ItemNumber().Replace(sb.ToString(), "");
            item = Clean(item);
            if (item.Length > 0)
            {
                items.Add(item);
            }

            sb.Clear();
        }
    }

    private static readonly LabelIndex<bool> TemplateIndex = new(
        FormVocabulary.Anchors.Select(a => (a.Key, true))
            .Concat(new[]
            {
                FormVocabulary.ServiceTypes, FormVocabulary.Natures, FormVocabulary.Levels, FormVocabulary.LifeEvents, FormVocabulary.Triggers,
                FormVocabulary.Periods, FormVocabulary.StageOptions, FormVocabulary.Inquiries, FormVocabulary.NonElectronicBys,
                FormVocabulary.PermitKinds, FormVocabulary.Applicants, FormVocabulary.OnceForever,
            }.SelectMany(s => s.Labels).Select(l => (l.Key, true)))
            .Concat(FormVocabulary.BoilerplateKeys.Select(k => (k, true)))
            .Concat(new[] { "www", "مستقیم", "دستگاه", "مراجعه کننده", "فرآیند مجوز", "مجموعه فرآیند مجوز", "روز ساعت", "موارد استعلام با ذکر نام", "نوع فرآیند", "مراجع ناظر", "توضیحات" }
                .Select(k => (FoldedText.Key(k), true))));

    /// <summary>True when text is only the form's printed labels and options (an unticked template).</summary>
    public static bool IsTemplate(string text)
    {
        var folded = FoldedText.Of(text);
        var covered = 0;
        foreach (var (s, e, _) in TemplateIndex.Scan(folded))
        {
            covered += e - s;

            // An option's printed instruction in brackets right after it: "پیام کوتاه: (شماره سامانه پیامکی)".
            var after = folded.RawEndOf(e - 1);
            while (after < text.Length && (char.IsWhiteSpace(text[after]) || text[after] == ':'))
            {
                after++;
            }

            if (after < text.Length && text[after] == '(' && text.IndexOf(')', after) is > 0 and var close)
            {
                var inside = FoldedText.Of(text[after..close]);
                covered += inside.Length;
            }
        }

        var letters = 0;
        for (var i = 0; i < folded.Length; i++)
        {
            if (char.IsLetter(folded.Chars[i]))
            {
                letters++;
            }
        }

        return letters - covered < 3;
    }

    [GeneratedRegex(@"^\s*(?:\d+|[۰-۹]+)\s*[-–.)]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ItemNumber();
}
