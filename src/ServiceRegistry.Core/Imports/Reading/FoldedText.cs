using System.Globalization;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// Text folded for label matching, with a map back to the raw text. Characters fold as
/// <see cref="PersianText.Normalize"/> folds them (the table is built from it, so there is one set of rules);
/// in addition آ is alef, and white space, ZWNJ and punctuation are word breaks that are dropped, so
/// "منطقه ای", "منطقه‌ای" and "منطقهای" are the same key while "سال" does not match inside "ارسال".
/// </summary>
internal sealed class FoldedText
{
    private static readonly char[] Table = BuildTable();

    private const byte StartFlag = 1;
    private const byte EndFlag = 2;
    private readonly byte[] _flags;

    private FoldedText(string raw, char[] chars, int length, int[] rawStart, byte[] flags)
    {
        Raw = raw;
        Chars = chars;
        Length = length;
        RawStart = rawStart;
        _flags = flags;
    }

    public string Raw { get; }
    public char[] Chars { get; }
    public int Length { get; }
    /// <summary>The raw index of each folded character (each comes from exactly one raw character).</summary>
    public int[] RawStart { get; }

    public bool IsWordStart(int i) => (_flags[i] & StartFlag) != 0;

    public bool IsWordEnd(int i) => (_flags[i] & EndFlag) != 0;

    /// <summary>The raw index just after folded character <paramref name="i"/>.</summary>
    public int RawEndOf(int i) => RawStart[i] + 1;

    public ReadOnlySpan<char> Span => Chars.AsSpan(0, Length);

    public static FoldedText Of(string raw)
    {
        var n = raw.Length;
        var chars = new char[n];
        var rawStart = new int[n];
        var flags = new byte[n];
        var length = 0;
        var boundary = true;
        for (var i = 0; i < n; i++)
        {
            var f = Table[raw[i]];
            if (f == '\0')
            {
                continue;
            }

            if (f == ' ')
            {
                if (length > 0)
                {
                    flags[length - 1] |= EndFlag;
                }

                boundary = true;
                continue;
            }

            chars[length] = f;
            rawStart[length] = i;
            flags[length] = boundary ? StartFlag : (byte)0;
            boundary = false;
            length++;
        }

        if (length > 0)
        {
            flags[length - 1] |= EndFlag;
        }

        return new FoldedText(raw, chars, length, rawStart, flags);
    }

    /// <summary>The matching key of a label: folded, without word breaks.</summary>
    public static string Key(string text)
    {
        var f = Of(text);
        return new string(f.Chars, 0, f.Length);
    }

    /// <summary>Every place <paramref name="key"/> occurs as whole words (start at a word start, end at a word end).</summary>
    public void FindAll(string key, List<(int Start, int End)> into)
    {
        if (key.Length == 0 || key.Length > Length)
        {
            return;
        }

        var span = Span;
        var from = 0;
        while (from <= Length - key.Length)
        {
            var at = span[from..].IndexOf(key, StringComparison.Ordinal);
            if (at < 0)
            {
                return;
            }

            var start = from + at;
            var end = start + key.Length;
            if (IsWordStart(start) && IsWordEnd(end - 1))
            {
                into.Add((start, end));
            }

            from = start + 1;
        }
    }

    /// <summary>
    /// The best approximate occurrence of <paramref name="key"/> (Sellers' algorithm): at most
    /// <paramref name="maxErrors"/> edits, ending at a word end. Returns the end (exclusive) and the errors, or -1.
    /// Used only for leftovers that exact matching could not place, so typos such as «ایترنتی» still match.
    /// </summary>
    public (int End, int Errors) FindApproximate(string key, int maxErrors, int from = 0, int to = -1)
    {
        if (to < 0)
        {
            to = Length;
        }

        var m = key.Length;
        Span<int> column = m + 1 <= 256 ? stackalloc int[m + 1] : new int[m + 1];
        for (var i = 0; i <= m; i++)
        {
            column[i] = i;
        }

        var bestEnd = -1;
        var bestErrors = maxErrors + 1;
        for (var j = from; j < to; j++)
        {
            var diagonal = 0; // column[0] of the previous step: a match may start anywhere
            var c = Chars[j];
            for (var i = 1; i <= m; i++)
            {
                var above = column[i];
                var cost = key[i - 1] == c ? diagonal : Math.Min(Math.Min(diagonal, above), column[i - 1]) + 1;
                diagonal = above;
                column[i] = cost;
            }

            if (column[m] < bestErrors && IsWordEnd(j))
            {
                bestErrors = column[m];
                bestEnd = j + 1;
            }
        }

        return (bestEnd, bestErrors);
    }

    /// <summary>The raw text between two folded positions.</summary>
    public string RawSlice(int start, int end) =>
        start >= end || start >= Length ? "" : Raw[RawStart[start]..RawEndOf(end - 1)];

    /// <summary>The raw index where a folded position starts (or the raw length at the end).</summary>
    public int RawIndex(int folded) => folded >= Length ? Raw.Length : RawStart[folded];

    private static char[] BuildTable()
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c))
            {
                table[i] = c;
                continue;
            }

            if (char.IsWhiteSpace(c) || c == '\u200C')
            {
                table[i] = ' ';
                continue;
            }

            var n = PersianText.Normalize(c.ToString());
            if (n.Length == 0)
            {
                table[i] = '\0';
                continue;
            }

            var f = n[0];
            var category = char.GetUnicodeCategory(f);
            table[i] = f switch
            {
                'آ' => 'ا',
                'ء' => '\0',
                _ when char.IsPunctuation(f) || category is UnicodeCategory.MathSymbol or UnicodeCategory.OtherSymbol
                    or UnicodeCategory.ModifierSymbol or UnicodeCategory.CurrencySymbol => ' ',
                _ => f,
            };
        }

        return table;
    }
}
