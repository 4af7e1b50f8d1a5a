using System.Globalization;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Imports;

/// <summary>A number found in text: its value and where it is (raw indices, end exclusive).</summary>
internal readonly record struct FoundNumber(decimal Value, int Start, int End, bool InWords);

/// <summary>
/// Numbers as forms write them: Latin, Persian or Arabic-Indic digits with ٬ or , thousands separators, and
/// Persian number words (یک، دو، … دوازده، بیست و پنج، صد، دو هزار و پانصد، یک و نیم), also glued to «بار»
/// (یکبار، دوبار).
/// </summary>
internal static class PersianNumbers
{
    private static readonly Dictionary<string, decimal> Units = new(StringComparer.Ordinal)
    {
        ["یک"] = 1, ["یه"] = 1, ["دو"] = 2, ["سه"] = 3, ["چهار"] = 4, ["پنج"] = 5, ["شش"] = 6, ["شیش"] = 6, ["هفت"] = 7,
        ["هشت"] = 8, ["نه"] = 9, ["ده"] = 10, ["یازده"] = 11, ["دوازده"] = 12, ["سیزده"] = 13, ["چهارده"] = 14,
        ["پانزده"] = 15, ["پونزده"] = 15, ["شانزده"] = 16, ["هفده"] = 17, ["هجده"] = 18, ["هیجده"] = 18, ["نوزده"] = 19,
        ["بیست"] = 20, ["سی"] = 30, ["چهل"] = 40, ["پنجاه"] = 50, ["شصت"] = 60, ["هفتاد"] = 70, ["هشتاد"] = 80, ["نود"] = 90,
        ["صد"] = 100, ["یکصد"] = 100, ["دویست"] = 200, ["سیصد"] = 300, ["چهارصد"] = 400, ["پانصد"] = 500, ["ششصد"] = 600,
        ["هفتصد"] = 700, ["هشتصد"] = 800, ["نهصد"] = 900, ["نیم"] = 0.5m,
    };

    private static readonly Dictionary<string, decimal> Scales = new(StringComparer.Ordinal)
    {
        ["هزار"] = 1_000, ["میلیون"] = 1_000_000, ["ملیون"] = 1_000_000, ["میلیارد"] = 1_000_000_000,
    };

    private static readonly char[] Trailing = ['.', ':', '-'];

    /// <summary>The first number in <paramref name="text"/> at or after <paramref name="from"/>.</summary>
    public static FoundNumber? FindFirst(string text, int from = 0)
    {
        var words = Words(text);
        for (var w = 0; w < words.Count; w++)
        {
            if (words[w].Start < from)
            {
                continue;
            }

            if (TryAt(text, words, w, out var found, out _))
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>The number that ends <paramref name="text"/> (only white space and punctuation may follow it).</summary>
    public static FoundNumber? FindLast(string text)
    {
        var words = Words(text);
        for (var w = 0; w < words.Count; w++)
        {
            if (TryAt(text, words, w, out var found, out var last) && last == words.Count - 1)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Parses text that is only a number (digits or words).</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var found = FindFirst(text);
        if (found is not { } f || text[..f.Start].Trim().Length > 0 || text[f.End..].Trim().Trim(Trailing).Length > 0)
        {
            return false;
        }

        value = f.Value;
        return true;
    }

    private static bool TryAt(string text, List<(int Start, int End)> words, int w, out FoundNumber found, out int lastWord)
    {
        found = default;
        lastWord = w;
        var (start, end) = words[w];
        var token = PersianText.ToLatinDigits(text[start..end]);
        if (char.IsAsciiDigit(token[0]))
        {
            var digits = token.Replace(",", "", StringComparison.Ordinal).Replace("،", "", StringComparison.Ordinal);
            if (decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                found = new FoundNumber(number, start, end, false);
                return true;
            }

            return false;
        }

        decimal total = 0, current = 0;
        var any = false;
        var i = w;
        var lastEnd = end;
        while (i < words.Count)
        {
            var word = PersianText.Normalize(text[words[i].Start..words[i].End]);
            if (word.EndsWith("بار", StringComparison.Ordinal) && word.Length > 3 && Units.TryGetValue(word[..^3], out var glued))
            {
                // "یکبار", "دوبار": the number ends here; "بار" is the unit.
                current += glued;
                any = true;
                lastEnd = words[i].Start + (words[i].End - words[i].Start - 3);
                lastWord = i;
                break;
            }

            if (Units.TryGetValue(word, out var unit) && !(unit == 0.5m && !any))
            {
                current += unit;
                any = true;
            }
            else if (Scales.TryGetValue(word, out var scale) && (any || i == w))
            {
                current = (current == 0 ? 1 : current) * scale;
                total += current;
                current = 0;
                any = true;
            }
            else if (word == "و" && any && i + 1 < words.Count)
            {
                i++;
                continue;
            }
            else
            {
                break;
            }

            lastEnd = words[i].End;
            lastWord = i;
            i++;
        }

        if (!any)
        {
            return false;
        }

        found = new FoundNumber(total + current, start, lastEnd, true);
        return true;
    }

    /// <summary>Word spans: runs of letters, or of digits with their separators.</summary>
    private static List<(int Start, int End)> Words(string text)
    {
        var words = new List<(int, int)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsDigit(c))
            {
                var s = i;
                while (i < text.Length && (char.IsDigit(text[i]) || (text[i] is ',' or '٬' or '.' or '٫' && i + 1 < text.Length && char.IsDigit(text[i + 1]))))
                {
                    i++;
                }

                words.Add((s, i));
                continue;
            }

            if (char.IsLetter(c))
            {
                var s = i;
                while (i < text.Length && (char.IsLetter(text[i]) || char.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark))
                {
                    i++;
                }

                words.Add((s, i));
                continue;
            }

            i++;
        }

        return words;
    }
}
