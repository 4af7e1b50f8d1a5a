using ServiceRegistry.Core.Figures;

namespace ServiceRegistry.Core.Tests.Figures;

public sealed class QuarterFiguresTests
{
    private static readonly ChannelRequests AllChannels = new()
    {
        Website = 60, MobileApp = 20, Email = 0, Sms = 0, CallCenter = 0, CounterOffice = 10, Post = 0, Other = 0, InPerson = 10,
    };

    [Fact]
    public void Problems_PlausibleReturn_None()
    {
        var figures = new QuarterFigures { Requests = AllChannels, Completed = 90, Rejected = 10, ProcessingDays = new() { Average = 3, P90 = 7 } };
        Assert.Empty(figures.Problems());
    }

    [Fact]
    public void Problems_NothingKnown_None() => Assert.Empty(new QuarterFigures().Problems());

    [Fact]
    public void Problems_CompletedAndRejectedAboveTheChannels_NamesCompleted()
    {
        // Arrange: 100 requests by channel, 95 + 10 decided
        var figures = new QuarterFigures { Requests = AllChannels, Completed = 95, Rejected = 10 };

        // Act
        var problems = figures.Problems();

        // Assert
        var (path, message) = Assert.Single(problems);
        Assert.Equal("$.completed", path);
        Assert.Contains("۱۰۵", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_AChannelUnknown_TotalIsNotChecked()
    {
        var figures = new QuarterFigures { Requests = AllChannels with { InPerson = null }, Completed = 500 };
        Assert.Null(figures.TotalRequests);
        Assert.Equal(90, figures.KnownRequests);
        Assert.Empty(figures.Problems());
    }

    [Fact]
    public void Problems_NegativeShareAndPercentileBelowAverage_EachNamed()
    {
        var figures = new QuarterFigures
        {
            Requests = new() { Website = -1 },
            Satisfaction = new() { SatisfiedShare = 80, Answers = 10 },
            ProcessingDays = new() { Average = 5, P90 = 2 },
        };

        var paths = figures.Problems().Select(p => p.Path).Order(StringComparer.Ordinal);

        Assert.Equal(["$.processingDays.p90", "$.requests.website", "$.satisfaction.satisfiedShare"], paths);
    }

    [Fact]
    public void Json_RoundTrip_KeepsUnknownApartFromZero()
    {
        var figures = new QuarterFigures { Requests = new() { Website = 0, InPerson = 12 }, Completed = null, Complaints = 0 };
        var json = FiguresJson.Write(figures);
        Assert.Contains("\"website\":0", json, StringComparison.Ordinal);
        Assert.Contains("\"mobileApp\":null", json, StringComparison.Ordinal);
        Assert.Equal(figures, FiguresJson.ReadStored(json));
    }

    [Fact]
    public void Read_UnknownKey_IsAnErrorWithItsPath()
    {
        var (input, path, error) = FiguresJson.Read("""{ "requests": { "website": 1, "fax": 2 } }"""u8);
        Assert.Null(input);
        Assert.NotNull(error);
        Assert.StartsWith("$.requests", path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReturnAudit.Saved, "ثبت آمار فصلی")]
    [InlineData(ReturnAudit.Submitted, "ارسال آمار فصلی")]
    [InlineData(ReturnAudit.Locked, "قفل آمار فصلی")]
    public void AuditLabel_ReturnActions_ArePersian(string action, string label) => Assert.Equal(label, ServiceRegistry.Core.Cards.AuditActions.Label(action));
}
