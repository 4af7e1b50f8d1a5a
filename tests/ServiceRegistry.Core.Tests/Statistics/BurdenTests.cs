using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Tests.Statistics;

/// <summary>The burden formulas (Statistics/Burden.cs, docs/e-readiness.md) against values worked out by hand.</summary>
public sealed class BurdenTests
{
    private static CardContent Card(long? count, Period? period, long? visits = null, string? visitsText = null, bool electronic = false)
    {
        var content = new CardContent
        {
            Recipients = new Recipients { Count = count, Period = period },
            InPersonVisits = new InPersonVisits { Count = visits, Text = visitsText },
        };
        foreach (var (_, stage) in content.Stages.All())
        {
            stage.Electronic = electronic;
            stage.InPerson = !electronic;
        }

        return content;
    }

    [Theory]
    [InlineData(10L, Period.Day, 3650L)]
    [InlineData(10L, Period.Month, 120L)]
    [InlineData(10L, Period.Season, 40L)]
    [InlineData(10L, Period.Year, 10L)]
    [InlineData(0L, Period.Day, 0L)]
    [InlineData(null, Period.Day, null)] // no count: unknown
    [InlineData(750L, null, null)]      // a count without its period: unknown, not taken as a year
    [InlineData(null, null, null)]
    public void RecipientsPerYear_NormalisesThePeriod(long? count, Period? period, long? perYear) =>
        Assert.Equal(perYear, Card(count, period).Burden().RecipientsPerYear);

    [Theory]
    [InlineData(100L, Period.Month, 2L, null, false, 2400L)]   // 1,200 a year × 2 visits
    [InlineData(100L, Period.Month, 0L, null, false, 0L)]
    [InlineData(null, null, 0L, null, false, 0L)]              // no visits: zero even with unknown recipients
    [InlineData(100L, Period.Year, null, null, false, null)]   // visits not counted, stages in person: unknown
    [InlineData(100L, Period.Year, null, "به میزان نیاز", false, null)]
    [InlineData(100L, Period.Year, null, null, true, 0L)]      // four electronic stages, none in person, nothing written: no visits
    [InlineData(null, null, null, null, true, 0L)]
    [InlineData(null, Period.Year, 3L, null, false, null)]     // visits known, recipients unknown
    public void VisitsPerYear_IsRecipientsTimesVisits(long? count, Period? period, long? visits, string? text, bool electronic, long? expected) =>
        Assert.Equal(expected, Card(count, period, visits, text, electronic).Burden().VisitsPerYear);

    [Fact]
    public void InquiriesByHand_CountOnlyNonElectronicOnesTheApplicantCarries()
    {
        // Arrange: 5 a day; of four links, two are carried by the applicant
        var content = Card(5, Period.Day, visits: 1);
        content.ExternalAgencyLinks =
        [
            new() { Agency = "ثبت احوال", Inquiry = InquiryMode.NonElectronic, NonElectronicBy = NonElectronicBy.Applicant },
            new() { Agency = "شهرداری", Inquiry = InquiryMode.NonElectronic, NonElectronicBy = NonElectronicBy.Applicant },
            new() { Agency = "دارایی", Inquiry = InquiryMode.NonElectronic, NonElectronicBy = NonElectronicBy.Agency },
            new() { Agency = "پست", Inquiry = InquiryMode.Online },
        ];

        // Act
        var burden = content.Burden();

        // Assert: 1,825 a year × 2 = 3,650; avoidable = 1,825 visits + 3,650 inquiries
        Assert.Equal(2, burden.InquiriesByHand);
        Assert.Equal(3650, burden.InquiriesByHandPerYear);
        Assert.Equal(1825, burden.VisitsPerYear);
        Assert.Equal(5475, burden.AvoidableVisitsPerYear);
    }

    [Theory]
    [InlineData(new long[] { 300_000 }, false, 12_000L, Period.Year, 300_000L, 3_600_000_000L)]
    [InlineData(new long[] { 100_000, 50_000 }, false, 10L, Period.Month, 150_000L, 18_000_000L)] // every amount written is charged
    [InlineData(new long[] { 100_000 }, true, 10L, Period.Month, 0L, 0L)]                        // free wins over amounts
    [InlineData(new long[0], false, null, null, 0L, 0L)]                                          // no fee: zero even with unknown recipients
    [InlineData(new long[] { 5_000 }, false, null, null, 5_000L, null)]
    public void FeesPerYear_IsRecipientsTimesTheFee(long[] amounts, bool free, long? count, Period? period, long fee, long? perYear)
    {
        // Arrange
        var content = Card(count, period);
        content.Fees = new Fees { AmountsRials = [.. amounts], Free = free };

        // Act
        var burden = content.Burden();

        // Assert
        Assert.Equal(fee, burden.FeePerService);
        Assert.Equal(perYear, burden.FeesPerYear);
    }

    [Fact]
    public void Figures_AreCutAtTheCap()
    {
        var burden = Card(long.MaxValue / 2, Period.Day, visits: 1000).Burden();
        Assert.Equal(Burden.Cap, burden.RecipientsPerYear);
        Assert.Equal(Burden.Cap, burden.VisitsPerYear);
    }
}
