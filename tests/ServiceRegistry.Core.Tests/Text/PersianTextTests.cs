using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Tests.Text;

public sealed class PersianTextTests
{
    [Theory]
    [InlineData("شهرداري", "شهرداری")]                         // Arabic yeh
    [InlineData("كتاب", "کتاب")]                               // Arabic kaf
    [InlineData("مصطفى", "مصطفی")]                             // alef maksura
    [InlineData("مدرسة", "مدرسه")]                             // teh marbuta
    [InlineData("خانۀ ما", "خانه ما")]                         // heh with yeh above
    [InlineData("آموزش", "اموزش")]                             // alef with madda
    [InlineData("۱۴۰۳", "1403")]                               // Persian digits
    [InlineData("٢٠٢٥", "2025")]                               // Arabic-Indic digits
    [InlineData("می‌شود", "می شود")]                           // ZWNJ is a word break
    [InlineData("كتاب‌هاي", "کتاب های")]                       // ZWNJ and Arabic letters together
    [InlineData("مـــدارک", "مدارک")]                          // tatweel
    [InlineData("  سلام \t\n  دنیا  ", "سلام دنیا")]           // runs of white space, trimmed
    [InlineData("سلام\u00A0دنیا", "سلام دنیا")]                // no-break space
    [InlineData("\u200Fسلام\u200E", "سلام")]                   // direction marks
    [InlineData("مُدَرِّس", "مدرس")]                            // diacritics
    [InlineData("G2C Service", "g2c service")]                 // Latin lower-cased
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_Table_FoldsForMatching(string? input, string expected)
    {
        // Act
        var actual = PersianText.Normalize(input);

        // Assert
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Normalize_VariantsOfOneWord_AreEqual()
    {
        // Arrange
        string[] variants = ["شهرداري‌ها", "شهرداری ها", "شهرداريها ".Replace("يها", "ی‌ها", StringComparison.Ordinal), "  شهرداری\u200Cها"];

        // Act
        var normalized = variants.Select(PersianText.Normalize).Distinct().ToList();

        // Assert
        Assert.Single(normalized);
    }

    [Theory]
    [InlineData("۱۲٬۰۰۰", "12,000")]
    [InlineData("٣٫٥", "3.5")]
    [InlineData("abc ۰۹", "abc 09")]
    public void ToLatinDigits_Table(string input, string expected) => Assert.Equal(expected, PersianText.ToLatinDigits(input));

    [Theory]
    [InlineData("12000", "۱۲۰۰۰")]
    [InlineData("ID-7", "ID-۷")]
    public void ToPersianDigits_Table(string input, string expected) => Assert.Equal(expected, PersianText.ToPersianDigits(input));

    [Theory]
    [InlineData(300000, "۳۰۰٬۰۰۰")]
    [InlineData(0, "۰")]
    [InlineData(1.5, "۱.۵")]
    public void FormatNumber_Table(decimal input, string expected) => Assert.Equal(expected, PersianText.FormatNumber(input));

    [Theory]
    [InlineData("۳۰۰٬۰۰۰", 300000)]
    [InlineData("300,000", 300000)]
    [InlineData("٣٠٠٠", 3000)]
    [InlineData(" 42 ", 42)]
    public void TryParseInteger_AnyDigitsAndSeparators_Parses(string input, long expected)
    {
        Assert.True(PersianText.TryParseInteger(input, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("۱۲ریال")]
    [InlineData("")]
    [InlineData("1.5")]
    public void TryParseInteger_NotANonNegativeInteger_Fails(string input) => Assert.False(PersianText.TryParseInteger(input, out _));
}
