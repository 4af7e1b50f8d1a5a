using ServiceRegistry.Core.Figures;

namespace ServiceRegistry.Core.Tests.Figures;

public sealed class QuarterTests
{
    [Theory]
    [InlineData("1404-Q3", 1404, 3)]
    [InlineData(" 1404-q1 ", 1404, 1)]
    [InlineData("۱۴۰۴-Q۴", 1404, 4)]
    public void TryParse_SpecForm_ReadsYearAndQuarter(string text, int year, int number)
    {
        // Act
        var ok = Quarter.TryParse(text, out var quarter);

        // Assert
        Assert.True(ok);
        Assert.Equal(new Quarter(year, number), quarter);
        Assert.Equal($"{year}-Q{number}", quarter.ToString());
    }

    [Theory]
    [InlineData("1404-Q5")]
    [InlineData("1404-Q0")]
    [InlineData("1404Q3")]
    [InlineData("14043")]
    [InlineData("2025-Q1")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("1404-Q3x")]
    public void TryParse_AnythingElse_IsRefused(string? text) => Assert.False(Quarter.TryParse(text, out _));

    [Theory]
    [InlineData(1404, 1, "بهار ۱۴۰۴")]
    [InlineData(1404, 2, "تابستان ۱۴۰۴")]
    [InlineData(1404, 3, "پاییز ۱۴۰۴")]
    [InlineData(1403, 4, "زمستان ۱۴۰۳")]
    public void Label_IsSeasonAndPersianYear(int year, int number, string expected) => Assert.Equal(expected, new Quarter(year, number).Label);

    [Fact]
    public void PreviousAndNext_CrossTheYearAtFarvardin()
    {
        Assert.Equal(new Quarter(1403, 4), new Quarter(1404, 1).Previous);
        Assert.Equal(new Quarter(1405, 1), new Quarter(1404, 4).Next);
        Assert.Equal(new Quarter(1404, 3), new Quarter(1404, 2).Next);
        Assert.True(new Quarter(1403, 4) < new Quarter(1404, 1));
    }

    [Theory]
    [InlineData(2025, 3, 20, 21, 0, "1404-Q1")]   // 00:30 Tehran on Nowruz 1404
    [InlineData(2025, 3, 20, 20, 0, "1403-Q4")]   // 23:30 the evening before: still Esfand
    [InlineData(2025, 6, 21, 12, 0, "1404-Q1")]   // 31 Khordad
    [InlineData(2025, 6, 22, 12, 0, "1404-Q2")]   // 1 Tir
    [InlineData(2025, 10, 22, 12, 0, "1404-Q3")]  // 30 Mehr
    [InlineData(2026, 1, 1, 12, 0, "1404-Q4")]    // 11 Dey
    public void Of_Instant_IsTheTehranQuarter(int y, int m, int d, int h, int min, string expected) =>
        Assert.Equal(expected, Quarter.Of(new DateTimeOffset(y, m, d, h, min, 0, TimeSpan.Zero)).ToString());

    [Fact]
    public void Ending_CountsBackOldestFirst()
    {
        var list = Quarter.Ending(new Quarter(1404, 2), 4).Select(q => q.ToString());
        Assert.Equal(["1403-Q3", "1403-Q4", "1404-Q1", "1404-Q2"], list);
    }

    [Theory]
    [InlineData(null, true, "1404-Q2")]
    [InlineData("  ", true, "1404-Q2")]
    [InlineData("۱۴۰۳-q۴", true, "1403-Q4")]
    [InlineData("1403-Q5", false, null)]
    public void TryChoose_BlankIsTheLastFinishedQuarter_ElseThePeriodAsked(string? period, bool ok, string? expected)
    {
        var now = new DateTimeOffset(2025, 10, 22, 12, 0, 0, TimeSpan.Zero); // 30 Mehr 1404: the third quarter runs

        Assert.Equal(ok, Quarter.TryChoose(period, now, out var quarter));
        if (ok)
        {
            Assert.Equal(expected, quarter.ToString());
        }

        Assert.Contains("1403-Q5", Quarter.NotAPeriod("1403-Q5"), StringComparison.Ordinal);
    }
}
