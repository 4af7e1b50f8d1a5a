using System.Globalization;

namespace ServiceRegistry.Core.Text;

/// <summary>Solar Hijri (Jalali) dates, as every date a person sees is shown.</summary>
public static class JalaliDate
{
    private static readonly PersianCalendar Calendar = new();

    /// <summary>yyyy/MM/dd in the Solar Hijri calendar (Latin digits), for a UTC instant shown in Iran's time zone.</summary>
    public static string Format(DateTime utc)
    {
        var local = ToIran(utc);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Calendar.GetYear(local):0000}/{Calendar.GetMonth(local):00}/{Calendar.GetDayOfMonth(local):00}");
    }

    /// <summary>Iran Standard Time (UTC+03:30; Iran has kept no daylight saving since 2022).</summary>
    public static DateTime ToIran(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).AddHours(3.5);
}
