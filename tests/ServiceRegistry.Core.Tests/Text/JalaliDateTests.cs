using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Tests.Text;

public sealed class JalaliDateTests
{
    [Theory]
    [InlineData(2025, 3, 20, 21, 0, "1404/01/01")]   // 00:30 Tehran time on Nowruz 1404
    [InlineData(2025, 3, 20, 20, 0, "1403/12/30")]   // 23:30 Tehran time, the evening before
    [InlineData(2026, 11, 21, 12, 0, "1405/08/30")]
    [InlineData(2024, 3, 20, 12, 0, "1403/01/01")]
    public void Format_UtcInstant_ShowsTehranSolarHijriDate(int y, int m, int d, int h, int min, string expected)
    {
        var utc = new DateTime(y, m, d, h, min, 0, DateTimeKind.Utc);
        Assert.Equal(expected, JalaliDate.Format(utc));
    }
}
