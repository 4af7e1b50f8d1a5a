
namespace ServiceRegistry.Core.Cards;

/// <summary>
/// What a service costs the people who use it in a year (docs/e-readiness.md). Every figure is null when the card does
/// not say enough to compute it: unknown, shown as such, never guessed. A product with a known zero is zero (a free
/// service collects no fees however many people use it).
/// </summary>
/// <param name="RecipientsPerYear">Recipients normalised to a year: count × periods in a year (day 365, month 12, season 4, year 1).</param>
/// <param name="VisitsPerService">In-person visits one recipient makes: the card's count; 0 for a service whose four stages are
/// electronic with none in person and no visits written; otherwise unknown.</param>
/// <param name="VisitsPerYear">Recipients per year × visits per service.</param>
/// <param name="InquiriesByHand">Inquiries to other agencies the applicant carries by hand (non-electronic, done by the applicant).</param>
/// <param name="InquiriesByHandPerYear">Recipients per year × inquiries carried by hand.</param>
/// <param name="FeePerService">The fee one recipient pays: the sum of the amounts written (0 when free).</param>
/// <param name="FeesPerYear">Recipients per year × fee per service.</param>
public sealed record Burden(
    long? RecipientsPerYear,
    long? VisitsPerService,
    long? VisitsPerYear,
    int InquiriesByHand,
    long? InquiriesByHandPerYear,
    long FeePerService,
    long? FeesPerYear)
{
    /// <summary>Trips a year an electronic service would spare: in-person visits plus inquiries carried by hand.</summary>
    public long? AvoidableVisitsPerYear => VisitsPerYear is { } v && InquiriesByHandPerYear is { } h ? Add(v, h) : null;

    /// <summary>The largest figure stored for one service (10^15): larger products are cut to it, so sums over a registry never overflow.</summary>
    public const long Cap = 1_000_000_000_000_000;

    /// <summary>How many times a period fits in a year (a season is a quarter; a day is a calendar day).</summary>
    public static int PerYear(Period period) => period switch
    {
        Period.Day => 365,
        Period.Month => 12,
        Period.Season => 4,
        _ => 1,
    };

    public static Burden Of(CardContent content)
    {
        var recipients = content.Recipients.Count is { } count && content.Recipients.Period is { } period
            ? Multiply(count, PerYear(period))
            : null;

        long? visits = content.InPersonVisits.Count;
        if (visits is null && string.IsNullOrWhiteSpace(content.InPersonVisits.Text)
            && content.Stages.All().All(s => s.Stage.Electronic && !s.Stage.InPerson))
        {
            visits = 0;
        }

        var byHand = content.ExternalAgencyLinks.Count(l => l.Inquiry == InquiryMode.NonElectronic && l.NonElectronicBy == NonElectronicBy.Applicant);
        var fee = content.IsFree() ? 0 : content.Fees.AmountsRials.Where(a => a > 0).Aggregate(0L, (sum, a) => Add(sum, a));
        return new Burden(recipients, visits, Multiply(recipients, visits), byHand, Multiply(recipients, byHand), fee, Multiply(recipients, fee));
    }

    /// <summary>a × b, where a known zero makes the product zero even if the other side is unknown; cut to <see cref="Cap"/>.</summary>
    public static long? Multiply(long? a, long? b)
    {
        if (a == 0 || b == 0)
        {
            return 0;
        }

        if (a is not { } x || b is not { } y)
        {
            return null;
        }

        return x > Cap / y ? Cap : Math.Min(Cap, x * y);
    }

    private static long Add(long a, long b) => Math.Min(Cap, a > long.MaxValue - b ? long.MaxValue : a + b);
}

public static class BurdenExtensions
{
    /// <summary>The service's yearly burden; see <see cref="Burden.Of"/>.</summary>
    public static Burden Burden(this CardContent content) => ServiceRegistry.Core.Cards.Burden.Of(content);
}
