using ServiceRegistry.Core.Text;
using CardLabels = ServiceRegistry.Core.Cards.Labels;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>How values read in the UI: Persian digits, Persian labels, Solar Hijri dates.</summary>
public static class Fa
{
    /// <summary>Persian digits in text people read; a word that is a code, file name, e-mail or address keeps its Latin
    /// digits («(G2C)», «000_7fdb.txt»).</summary>
    public static string Digits(string? text) => PersianText.ToPersianDigitsInText(text);

    /// <summary>The average duration once: the value and unit, and the text as written only when it says something more.</summary>
    public static string Duration(ServiceRegistry.Core.Cards.AverageDuration duration)
    {
        var measured = duration.Value is { } v ? (Number(v) + (duration.Unit is { } u ? " " + Label(u) : "")) : null;
        var text = string.IsNullOrWhiteSpace(duration.Text) ? null : duration.Text.Trim();
        return measured is null ? text ?? "—"
            : text is null || PersianText.Normalize(text) == PersianText.Normalize(measured) ? measured
            : $"{measured} ({Digits(text)})";
    }

    public static string Number(decimal? value) => value is { } v ? PersianText.FormatNumber(v) : "—";

    public static string Label(Enum value) => CardLabels.Of(value);

    public static string Labels<T>(IEnumerable<T> values) where T : struct, Enum =>
        values.Any() ? string.Join("، ", values.Select(v => CardLabels.Of(v))) : "—";

    public static string Date(DateTime utc) => PersianText.ToPersianDigits(JalaliDate.Format(utc));

    /// <summary>Date and time in Iran, Solar Hijri, Persian digits: «۱۴۰۵/۰۱/۰۱ ساعت ۱۱:۳۰».</summary>
    public static string DateTime(System.DateTime utc) =>
        PersianText.ToPersianDigits(JalaliDate.Format(utc) + " ساعت " + JalaliDate.ToIran(utc).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>
    /// A downloaded file's name: <paramref name="stem"/> (characters a file system refuses become '-'), then the Solar Hijri
    /// date in Iran (and the time, when <paramref name="withTime"/>), Latin digits so names sort and travel between
    /// systems as they are: «services-1405-01-01-1130.xlsx», «شناسنامه خدمت - صدور پروانه - 1405-01-01.pdf».
    /// </summary>
    public static string FileName(string stem, System.DateTime utc, string extension, bool withTime = false)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var clean = new string(stem.Select(ch => invalid.Contains(ch) ? '-' : ch).ToArray()).Trim();
        var separator = clean.Contains(' ', StringComparison.Ordinal) ? " - " : "-";
        var stamp = JalaliDate.Format(utc).Replace('/', '-')
            + (withTime ? "-" + JalaliDate.ToIran(utc).ToString("HHmm", System.Globalization.CultureInfo.InvariantCulture) : "");
        return $"{clean}{separator}{stamp}.{extension.TrimStart('.')}";
    }

    public static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "—" : value;
}
