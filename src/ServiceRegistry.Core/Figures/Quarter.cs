using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Figures;

/// <summary>A period of the quarterly figures (the spec's <c>period</c>; named Quarter because Cards has a Period enum): a Jalali (Solar Hijri) quarter: the fiscal year starts in Farvardin, so quarter 1 is Farvardin–Khordad (spring),
/// 2 Tir–Shahrivar (summer), 3 Mehr–Azar (autumn), 4 Dey–Esfand (winter). Written <c>1404-Q3</c>, read «پاییز ۱۴۰۴».</summary>
public readonly record struct Quarter : IComparable<Quarter>
{
    private static readonly string[] Seasons = ["بهار", "تابستان", "پاییز", "زمستان"];
    private static readonly PersianCalendar Calendar = new();

    public Quarter(int year, int number)
    {
        if (year is < 1300 or > 1999 || number is < 1 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(number), $"not a Jalali quarter: {year}-Q{number}");
        }

        Year = year;
        Number = number;
    }

    public int Year { get; }
    /// <summary>1 (spring) to 4 (winter).</summary>
    public int Number { get; }

    /// <summary>Quarters counted from year 0 (for ordering and distance).</summary>
    public int Index => (Year * 4) + Number - 1;

    public Quarter Previous => Number == 1 ? new(Year - 1, 4) : new(Year, Number - 1);
    public Quarter Next => Number == 4 ? new(Year + 1, 1) : new(Year, Number + 1);

    /// <summary>What people read: «پاییز ۱۴۰۴».</summary>
    public string Label => $"{Seasons[Number - 1]} {PersianText.ToPersianDigits(Year.ToString(CultureInfo.InvariantCulture))}";

    /// <summary>The code the API, files and the database carry: <c>1404-Q3</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-Q{Number}");

    public int CompareTo(Quarter other) => Index.CompareTo(other.Index);

    public static bool operator <(Quarter a, Quarter b) => a.Index < b.Index;
    public static bool operator >(Quarter a, Quarter b) => a.Index > b.Index;
    public static bool operator <=(Quarter a, Quarter b) => a.Index <= b.Index;
    public static bool operator >=(Quarter a, Quarter b) => a.Index >= b.Index;

    /// <summary>Reads <c>1404-Q3</c> (any digit kind, q or Q, surrounding spaces); nothing else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Quarter quarter)
    {
        quarter = default;
        var s = PersianText.ToLatinDigits(text?.Trim());
        if (s.Length != 7 || s[4] != '-' || (s[5] != 'Q' && s[5] != 'q')
            || !int.TryParse(s.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || s[6] is < '1' or > '4' || year is < 1300 or > 1999)
        {
            return false;
        }

        quarter = new Quarter(year, s[6] - '0');
        return true;
    }

    public static Quarter Parse(string text) =>
        TryParse(text, out var quarter) ? quarter : throw new FormatException(NotAPeriod(text));

    /// <summary>The quarter a page or request asks for: <paramref name="period"/> when given (false when it is not a
    /// period, see <see cref="NotAPeriod"/>), else the last finished quarter at <paramref name="now"/>.</summary>
    public static bool TryChoose(string? period, DateTimeOffset now, out Quarter quarter)
    {
        if (string.IsNullOrWhiteSpace(period))
        {
            quarter = LastFinished(now);
            return true;
        }

        return TryParse(period, out quarter);
    }

    /// <summary>The message for text that is not a period.</summary>
    public static string NotAPeriod(string? text) => $"«{text}» دوره‌ای به شکل ۱۴۰۴-Q3 نیست.";

    /// <summary>The quarter an instant falls in, in Iran's time.</summary>
    public static Quarter Of(DateTimeOffset instant)
    {
        var local = JalaliDate.ToIran(instant.UtcDateTime);
        return new Quarter(Calendar.GetYear(local), ((Calendar.GetMonth(local) - 1) / 3) + 1);
    }

    /// <summary>The last finished quarter (the one returns are due for) at <paramref name="now"/>.</summary>
    public static Quarter LastFinished(DateTimeOffset now) => Of(now).Previous;

    /// <summary><paramref name="count"/> quarters ending with <paramref name="last"/>, oldest first.</summary>
    public static IReadOnlyList<Quarter> Ending(Quarter last, int count)
    {
        var list = new Quarter[count];
        var q = last;
        for (var i = count - 1; i >= 0; i--)
        {
            list[i] = q;
            q = q.Previous;
        }

        return list;
    }
}
