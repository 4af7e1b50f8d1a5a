using ServiceRegistry.Core.Text;
using CardLabels = ServiceRegistry.Core.Cards.Labels;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>How values read in the UI: Persian digits, Persian labels, Solar Hijri dates.</summary>
public static class Fa
{
    public static string Digits(string? text) => PersianText.ToPersianDigits(text);

    public static string Number(decimal? value) => value is { } v ? PersianText.FormatNumber(v) : "—";

    public static string Label(Enum value) => CardLabels.Of(value);

    public static string Labels<T>(IEnumerable<T> values) where T : struct, Enum =>
        values.Any() ? string.Join("، ", values.Select(v => CardLabels.Of(v))) : "—";

    public static string Date(DateTime utc) => PersianText.ToPersianDigits(JalaliDate.Format(utc));

    /// <summary>Date and time in Iran, Solar Hijri, Persian digits: «۱۴۰۵/۰۱/۰۱ ساعت ۱۱:۳۰».</summary>
    public static string DateTime(System.DateTime utc) =>
        PersianText.ToPersianDigits(JalaliDate.Format(utc) + " ساعت " + JalaliDate.ToIran(utc).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));

    public static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "—" : value;
}
