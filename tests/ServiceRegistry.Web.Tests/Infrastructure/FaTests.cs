using ServiceRegistry.Core.Cards;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Tests.Infrastructure;

/// <summary>The one formatter of what people read: Persian digits in text, codes as written, the duration once.</summary>
public sealed class FaTests
{
    [Theory]
    [InlineData("نوع خدمت (G2C) نامعتبر است", "نوع خدمت (G2C) نامعتبر است")]
    [InlineData("فایل 000_7fdb7cdd0a13a133.txt خوانده نشد", "فایل 000_7fdb7cdd0a13a133.txt خوانده نشد")]
    [InlineData("نسخه 5", "نسخه ۵")]
    [InlineData("ساعت 16:40", "ساعت ۱۶:۴۰")]
    [InlineData("نشانی a1@b.ir و ردیف 3", "نشانی a1@b.ir و ردیف ۳")]
    [InlineData("https://x.ir/1 یا 2", "https://x.ir/1 یا ۲")]
    public void Digits_Table(string input, string expected) => Assert.Equal(expected, Fa.Digits(input));

    [Theory]
    [InlineData(6, DurationUnit.Month, "6 ماه", "۶ ماه")]
    [InlineData(6, DurationUnit.Month, "۶ ماه", "۶ ماه")]
    [InlineData(6, DurationUnit.Month, null, "۶ ماه")]
    [InlineData(6, DurationUnit.Month, "6 ماه کاری", "۶ ماه (۶ ماه کاری)")]
    [InlineData(null, null, "دو هفته", "دو هفته")]
    public void Duration_ShownOnce(int? value, DurationUnit? unit, string? text, string expected) =>
        Assert.Equal(expected, Fa.Duration(new AverageDuration { Value = value, Unit = unit, Text = text }));
}
