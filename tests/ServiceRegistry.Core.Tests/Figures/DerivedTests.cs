using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Figures;

namespace ServiceRegistry.Core.Tests.Figures;

/// <summary>The derived figures against values worked by hand, unknown figures included.</summary>
public sealed class DerivedTests
{
    private static readonly ChannelRequests Mix = new()
    {
        Website = 300, MobileApp = 100, Email = 20, Sms = 0, CallCenter = 30, CounterOffice = 250, Post = 0, Other = 0, InPerson = 300,
    };

    [Fact]
    public void TakeUp_EveryChannelKnown_IsElectronicOverAll_CounterOfficesApart()
    {
        // electronic 300 + 100 + 20 + 0 + 30 = 450 of 1,000; counter offices 250 are assisted, not electronic
        var figures = new QuarterFigures { Requests = Mix };
        Assert.Equal(0.45, Derived.TakeUp(figures, null)!.Value, 9);
        Assert.Equal(0.25, Derived.AssistedShare(figures, null)!.Value, 9);
    }

    [Fact]
    public void TakeUp_AListedChannelUnknown_IsUnknown()
    {
        var figures = new QuarterFigures { Requests = Mix with { MobileApp = null } };
        var offered = new HashSet<string>(StringComparer.Ordinal) { "website", "mobileApp", "inPerson" };
        Assert.Null(Derived.TakeUp(figures, offered));
        Assert.Null(Derived.TakeUp(figures, null));
    }

    [Fact]
    public void TakeUp_AnUnlistedChannelUnknown_CountsAsNone()
    {
        // website 300 and in person 300 known, the rest unknown and not listed by the card: 300 / 600
        var figures = new QuarterFigures { Requests = new() { Website = 300, InPerson = 300 } };
        var offered = new HashSet<string>(StringComparer.Ordinal) { "website", "inPerson" };
        Assert.Equal(0.5, Derived.TakeUp(figures, offered)!.Value, 9);
    }

    [Fact]
    public void TakeUp_NoRequests_IsUnknownNotZero() =>
        Assert.Null(Derived.TakeUp(new QuarterFigures { Requests = new() { Website = 0, InPerson = 0 } }, new HashSet<string>(StringComparer.Ordinal) { "website" }));

    [Theory]
    [InlineData(4, 0.49, true)]
    [InlineData(4, 0.5, false)]
    [InlineData(3, 0.1, false)]
    [InlineData(4, null, false)]
    public void IsGap_LevelFourUnderHalf(int level, double? takeUp, bool expected) => Assert.Equal(expected, Derived.IsGap(level, takeUp));

    [Fact]
    public void CostPerTransaction_FeesOverCompleted_UnknownWithoutEither()
    {
        Assert.Equal(50_000, Derived.CostPerTransaction(new QuarterFigures { FeesCollectedRials = 45_000_000, Completed = 900 })!.Value, 9);
        Assert.Null(Derived.CostPerTransaction(new QuarterFigures { FeesCollectedRials = 45_000_000 }));
        Assert.Null(Derived.CostPerTransaction(new QuarterFigures { Completed = 900 }));
        Assert.Null(Derived.CostPerTransaction(new QuarterFigures { FeesCollectedRials = 0, Completed = 0 }));
    }

    [Fact]
    public void DurationRatio_RealOverDeclaredDays()
    {
        // declared 2 weeks = 14 days; measured 21 days → 1.5 times as long
        var content = new CardContent { AverageDuration = new AverageDuration { Value = 2, Unit = DurationUnit.Week } };
        Assert.Equal(14, Derived.DeclaredDays(content)!.Value, 9);
        Assert.Equal(1.5, Derived.DurationRatio(new QuarterFigures { ProcessingDays = new() { Average = 21 } }, content)!.Value, 9);
        Assert.Null(Derived.DurationRatio(new QuarterFigures(), content));
        Assert.Null(Derived.DurationRatio(new QuarterFigures { ProcessingDays = new() { Average = 21 } }, new CardContent()));
    }

    [Fact]
    public void VisitsPerYear_FourQuartersReported_IsMeasured_ElseDeclaredAndMarked()
    {
        QuarterFigures V(long? visits) => new() { InPersonVisits = visits };

        Assert.Equal(new Sourced(100, FigureSource.Measured), Derived.VisitsPerYear([V(10), V(20), V(30), V(40)], 999));
        Assert.Equal(new Sourced(999, FigureSource.Declared), Derived.VisitsPerYear([V(10), V(null), V(30), V(40)], 999));
        Assert.Equal(new Sourced(999, FigureSource.Declared), Derived.VisitsPerYear([V(10), null, V(30), V(40)], 999));
        Assert.Equal(new Sourced(null, FigureSource.Declared), Derived.VisitsPerYear([V(10)], null));
    }

    [Fact]
    public void Offered_RequestStageChannelsAndInPerson_AsFigureKeys()
    {
        var content = new CardContent();
        content.Stages.Request.Channels.AddRange([Channel.Website, Channel.CounterOffice, Channel.Intranet]);
        content.Stages.Request.InPerson = true;
        Assert.Equal(["counterOffice", "inPerson", "other", "website"], Derived.Offered(content).Order(StringComparer.Ordinal));
    }
}
