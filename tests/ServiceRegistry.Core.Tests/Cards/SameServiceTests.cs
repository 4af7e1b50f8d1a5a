using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Tests.Cards;

/// <summary>What counts as the same title for the duplicate rule (<see cref="SameService.TitleKey"/>).</summary>
public sealed class SameServiceTests
{
    [Theory]
    [InlineData("تهیه حساب های منطقه ای", "تهیه حساب‌های منطقه‌ای")]   // space and ZWNJ
    [InlineData("تهیه حساب های منطقه ای", "تهيه حسابهاي منطقه اي")]      // Arabic yeh, no space before the plural
    [InlineData("صدور پروانه کسب", "  صدور  پروانه كسب. ")]                // Arabic kaf, spaces, punctuation
    [InlineData("آموزش شهرداران", "اموزش شهرداران")]                      // alef with madda
    [InlineData("صدور کارت سوخت ۲", "صدور کارت سوخت 2")]                 // Persian and Latin digits
    public void TitleKey_SpellingsOfOneTitle_AreEqual(string a, string b) =>
        Assert.Equal(SameService.TitleKey(a), SameService.TitleKey(b));

    [Theory]
    [InlineData("صدور پروانه کسب", "صدور پروانه ساختمان")]
    [InlineData("صدور کارت سوخت ۲", "صدور کارت سوخت ۳")]
    public void TitleKey_DifferentTitles_Differ(string a, string b) =>
        Assert.NotEqual(SameService.TitleKey(a), SameService.TitleKey(b));

    [Fact]
    public void Find_ServiceIdOrTitle_NamesTheCardAddedFirst()
    {
        // Arrange: a workbook's earlier rows
        var lookup = SameService.Lookup.Empty();
        lookup.Add(7, new CardContent { Title = "صدور پروانه کسب", ServiceId = "1100000001" });
        lookup.Add(9, new CardContent { Title = "صدور پروانه کسب" });

        // Act / Assert
        Assert.Equal(7, lookup.Find(new CardContent { Title = "صدور پروانه‌ كسب" })!.Id);
        Assert.Equal(7, lookup.Find(new CardContent { Title = "عنوان دیگر", ServiceId = " 1100000001 " })!.Id);
        Assert.Null(lookup.Find(new CardContent { Title = "عنوان دیگر" }));
        Assert.Null(lookup.Find(new CardContent { Title = "" }));
    }
}
