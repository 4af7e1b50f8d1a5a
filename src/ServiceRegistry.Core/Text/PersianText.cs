using System.Globalization;
using System.Text;

namespace ServiceRegistry.Core.Text;

/// <summary>
/// The spec's text rules in one place: what is stored is what the user wrote; <see cref="Normalize"/>
/// is the form used for comparing and searching.
/// </summary>
public static class PersianText
{
    private const char Zwnj = '\u200C';

    /// <summary>
    /// Folds Persian text for matching: Arabic ي ى ئ ك ة ۀ → ی ی ی ک ه ه, آ أ إ ٱ → ا, Persian and Arabic-Indic digits → Latin,
    /// ZWNJ → space, tatweel, diacritics and direction marks removed, Latin lower-cased, runs of white space
    /// folded to one space, trimmed.
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var raw in text)
        {
            var c = Fold(raw);
            if (c == '\0')
            {
                continue;
            }

            if (c == ' ')
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Maps one character to its matching form: '\0' drops it, ' ' marks a word break.</summary>
    private static char Fold(char c) => c switch
    {
        'ي' or 'ى' or 'ئ' => 'ی',
        'ك' => 'ک',
        'ة' or 'ۀ' => 'ه',
        'أ' or 'إ' or 'ٱ' or 'آ' => 'ا',                // alef with madda too: «اموزش» finds «آموزش»
        'ؤ' => 'و',
        >= '۰' and <= '۹' => (char)('0' + (c - '۰')),
        >= '٠' and <= '٩' => (char)('0' + (c - '٠')),
        Zwnj => ' ',
        'ـ' => '\0',                                   // tatweel
        >= '\u064B' and <= '\u065F' => '\0',           // harakat
        '\u0670' => '\0',                              // superscript alef
        '\u200B' or '\u200D' or '\u200E' or '\u200F' or '\uFEFF' => '\0',
        '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' => '\0',
        _ when char.IsWhiteSpace(c) => ' ',
        >= 'A' and <= 'Z' => char.ToLowerInvariant(c),
        _ => c,
    };

    /// <summary>Persian (۰–۹) and Arabic-Indic (٠–٩) digits to Latin, and the Persian decimal and thousands
    /// separators (٫ ٬) to '.' and ','. Everything else is kept.</summary>
    public static string ToLatinDigits(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        return string.Create(text.Length, text, static (span, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                var c = src[i];
                span[i] = c switch
                {
                    >= '۰' and <= '۹' => (char)('0' + (c - '۰')),
                    >= '٠' and <= '٩' => (char)('0' + (c - '٠')),
                    '٫' => '.',
                    '٬' => ',',
                    _ => c,
                };
            }
        });
    }

    /// <summary>Latin digits to Persian ones, for what people read.</summary>
    public static string ToPersianDigits(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        return string.Create(text.Length, text, static (span, src) =>
        {
            for (var i = 0; i < src.Length; i++)
            {
                var c = src[i];
                span[i] = c is >= '0' and <= '9' ? (char)('۰' + (c - '0')) : c;
            }
        });
    }

    /// <summary>Latin digits to Persian ones in running text, except inside a word that holds Latin letters or the marks of
    /// a code, file name, e-mail or address («(G2C)», «000_7fdb.txt», «a1@b.ir», «https://x.ir/1»), which stays as written.</summary>
    public static string ToPersianDigitsInText(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(char.IsAsciiDigit))
        {
            return text ?? "";
        }

        var sb = new StringBuilder(text.Length);
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                continue;
            }

            var word = text.AsSpan(start, i - start);
            var code = false;
            foreach (var c in word)
            {
                if (char.IsAsciiLetter(c) || c is '_' or '@' or '/' or '\\' or '#')
                {
                    code = true;
                    break;
                }
            }

            foreach (var c in word)
            {
                sb.Append(!code && char.IsAsciiDigit(c) ? (char)('۰' + (c - '0')) : c);
            }

            if (i < text.Length)
            {
                sb.Append(text[i]);
            }

            start = i + 1;
        }

        return sb.ToString();
    }

    /// <summary>A number as people read it: Persian digits with the Persian thousands separator (۱۲٬۰۰۰).</summary>
    public static string FormatNumber(decimal value) =>
        ToPersianDigits(value.ToString("#,0.##", CultureInfo.InvariantCulture).Replace(',', '٬'));

    /// <summary>Parses a non-negative integer typed in any digit kind, with optional ٬ or , separators.</summary>
    public static bool TryParseInteger(string? text, out long value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var latin = ToLatinDigits(text.Trim()).Replace(",", "", StringComparison.Ordinal).Replace("،", "", StringComparison.Ordinal);
        return long.TryParse(latin, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
