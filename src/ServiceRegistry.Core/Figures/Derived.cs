using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Figures;

/// <summary>Where a burden figure comes from: measured in the returns, or declared on the card.</summary>
public enum FigureSource
{
    Measured,
    Declared,
}

/// <summary>A figure and where it comes from (burden: measured visits where reported, else the card's declared figure).</summary>
public sealed record Sourced(long? Value, FigureSource Source);

/// <summary>
/// The figures computed from returns, never entered (shared/spec/templates-and-figures.md, «Derived figures»). Written once
/// here; the API, the dashboard, the exports and the pages read them. Unknown in, unknown out: null, never zero.
/// </summary>
public static class Derived
{
    /// <summary>The request-channel keys that count as electronic (the spec's digital take-up numerator).</summary>
    public static readonly IReadOnlySet<string> Electronic = new HashSet<string>(StringComparer.Ordinal) { "website", "mobileApp", "email", "sms", "callCenter" };

    /// <summary>Level-4 services whose take-up is below this are listed in the declared-vs-measured gap.</summary>
    public const double GapThreshold = 0.5;

    /// <summary>The request channels a card lists (its request stage's channels, and <c>inPerson</c> when it says so), as figure keys.</summary>
    public static IReadOnlySet<string> Offered(CardContent content)
    {
        var stage = content.Stages.Request;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var channel in stage.Channels)
        {
            keys.Add(channel switch
            {
                Channel.Website => "website",
                Channel.MobileApp => "mobileApp",
                Channel.Email => "email",
                Channel.Sms => "sms",
                Channel.CallCenter => "callCenter",
                Channel.CounterOffice => "counterOffice",
                Channel.Post => "post",
                _ => "other", // intranet and other: no key of their own among the figures
            });
        }

        if (stage.InPerson)
        {
            keys.Add("inPerson");
        }

        return keys;
    }

    /// <summary>Electronic, assisted (counter offices) and all requests, or null when a channel the card lists is unknown
    /// (a channel it does not list counts as none; with no list given, every channel must be known).</summary>
    public static (long Electronic, long Assisted, long All)? Requests(QuarterFigures figures, IReadOnlySet<string>? offered)
    {
        long electronic = 0, assisted = 0, all = 0;
        foreach (var (key, value) in figures.Requests.All())
        {
            if (value is null)
            {
                if (offered is null || offered.Contains(key))
                {
                    return null;
                }

                continue;
            }

            all += value.Value;
            electronic += Electronic.Contains(key) ? value.Value : 0;
            assisted += key == "counterOffice" ? value.Value : 0;
        }

        return (electronic, assisted, all);
    }

    /// <summary>Digital take-up: electronic requests ÷ all requests (null when unknown or when there were none).</summary>
    public static double? TakeUp(QuarterFigures figures, IReadOnlySet<string>? offered) =>
        Requests(figures, offered) is { All: > 0 } r ? (double)r.Electronic / r.All : null;

    /// <summary>Assisted share: requests made at counter offices (پیشخوان) ÷ all requests, shown apart from take-up.</summary>
    public static double? AssistedShare(QuarterFigures figures, IReadOnlySet<string>? offered) =>
        Requests(figures, offered) is { All: > 0 } r ? (double)r.Assisted / r.All : null;

    /// <summary>Whether a card's declared level and its measured take-up disagree: level 4 with under half the requests electronic.</summary>
    public static bool IsGap(int declaredLevel, double? takeUp) => declaredLevel >= 4 && takeUp is < GapThreshold;

    /// <summary>Cost per transaction: fees collected ÷ completed requests (null when either is unknown or none were completed).</summary>
    public static double? CostPerTransaction(QuarterFigures figures) =>
        figures is { FeesCollectedRials: { } fees, Completed: > 0 and var completed } ? (double)fees / completed : null;

    /// <summary>The card's declared average duration in days (hour = 1/24 day, week 7, month 30, year 365), or null.</summary>
    public static double? DeclaredDays(CardContent content) => content.AverageDuration is { Value: { } value, Unit: { } unit }
        ? (double)value * unit switch
        {
            DurationUnit.Hour => 1.0 / 24,
            DurationUnit.Day => 1,
            DurationUnit.Week => 7,
            DurationUnit.Month => 30,
            _ => 365,
        }
        : null;

    /// <summary>Real against declared duration: measured average days ÷ declared days (2 = twice as long as the card says).</summary>
    public static double? DurationRatio(QuarterFigures figures, CardContent content) =>
        figures.ProcessingDays.Average is { } real && DeclaredDays(content) is > 0 and var declared ? real / declared : null;

    /// <summary>In-person visits in a year: measured when the four quarters ending with the last all report visits, else the
    /// card's declared yearly figure (marked as declared; null when the card does not say either).</summary>
    public static Sourced VisitsPerYear(IReadOnlyList<QuarterFigures?> lastFourQuarters, long? declaredPerYear) =>
        lastFourQuarters.Count == 4 && lastFourQuarters.All(f => f?.InPersonVisits is not null)
            ? new Sourced(lastFourQuarters.Sum(f => f!.InPersonVisits!.Value), FigureSource.Measured)
            : new Sourced(declaredPerYear, FigureSource.Declared);
}
