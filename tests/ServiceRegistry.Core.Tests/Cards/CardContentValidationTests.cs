using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Tests.Cards;

public sealed class CardContentValidationTests
{
    private static CardContent Valid() => new()
    {
        Title = "صدور پروانه",
        Provider = new Provider { Agency = "اداره کل آزمایش" },
    };

    [Theory]
    [InlineData("IR590170000000100324200007")]
    [InlineData("ir59 0170 0000 0010 0324 2000 07")]
    [InlineData("IR۵۹۰۱۷۰۰۰۰۰۰۰۱۰۰۳۲۴۲۰۰۰۰۷")]
    [InlineData("2171134756001")]
    [InlineData("۰۱۰۱-۱۲۳۴۵۶-۱")]
    public void AccountNumberProblem_ValidIbanOrAccount_IsNull(string number) =>
        Assert.Null(CardContent.AccountNumberProblem(number));

    [Theory]
    [InlineData("IR580170000000100324200007", "رقم‌های کنترلی")]
    [InlineData("IR5901700000001003242000", "۲۴ رقم")]
    [InlineData("12ab34", "شماره حساب")]
    [InlineData("123", "شماره حساب")]
    public void AccountNumberProblem_Malformed_SaysWhyInPersian(string number, string expected) =>
        Assert.Contains(expected, CardContent.AccountNumberProblem(number), StringComparison.Ordinal);

    [Theory]
    [InlineData("www.lorestan.mporg.ir", true)]
    [InlineData("https://amar.org.ir/service?id=5", true)]
    [InlineData("http://127.0.0.1", false)]
    [InlineData("not a url", false)]
    [InlineData("www", false)]
    public void IsWebAddress_HostOrHttpUrl(string text, bool expected) => Assert.Equal(expected, CardContent.IsWebAddress(text));

    [Theory]
    [InlineData("33221465", true)]
    [InlineData("۰۶۶-۳۳۲۲۱۴۶۵", true)]
    [InlineData("+98 21 8888 0000", true)]
    [InlineData("021-88880000 داخلی 212", true)]
    [InlineData("12", false)]
    [InlineData("تلفن ندارد", false)]
    public void IsPhone_DigitsWithSeparators(string text, bool expected) => Assert.Equal(expected, CardContent.IsPhone(text));

    [Fact]
    public void ValidationProblems_OtherTickedWithoutText_IsWarningNotError()
    {
        // Arrange
        var card = Valid();
        card.LifeEvents = [LifeEvent.Other];
        card.Stages.Request.Channels = [Channel.Other];

        // Act
        var problems = card.ValidationProblems();

        // Assert
        Assert.All(problems, p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
        Assert.Contains(problems, p => p.Path == "$.lifeEventOther");
        Assert.Contains(problems, p => p.Path == "$.stages.request.channelOther");
    }

    [Fact]
    public void ValidationProblems_BadValues_AreErrorsAtTheirPaths()
    {
        // Arrange
        var card = Valid();
        card.Title = " ";
        card.Provider.Agency = null;
        card.Fees.AmountsRials = [1000, -5];
        card.Fees.BankAccounts = [new BankAccount { Number = "IR000000000000000000000000" }];
        card.WebAddresses = ["bad address"];
        card.FormFiller.Phone = "abc";
        card.FormFiller.Email = "a@b";

        // Act
        var errors = card.ValidationProblems().Where(p => p.Severity == ProblemSeverity.Error).Select(p => p.Path).ToList();

        // Assert
        Assert.Equal(
            ["$.title", "$.fees.amountsRials[1]", "$.provider.agency", "$.fees.bankAccounts[0].number", "$.webAddresses[0]", "$.formFiller.phone", "$.formFiller.email"],
            errors);
    }

    [Fact]
    public void Tidy_DropsBlankRowsTrimsAndWritesNumbersInLatinDigits()
    {
        // Arrange
        var card = Valid();
        card.Laws = ["  قانون یک ", "", " "];
        card.Fees.BankAccounts = [new BankAccount { Number = "۲۱۷۱۱۳۴۷۵۶۰۰۱", Holder = " خزانه " }, new BankAccount { Number = "" }];
        card.FormFiller.Phone = "۳۳۲۲۱۴۶۵";
        card.Permits = [new Permit(), new Permit { Title = "پروانه", Inquiries = [new PermitInquiry()] }];
        card.WebAddresses = ["WWW.", "www.amar.org.ir"];

        // Act
        card.Tidy();

        // Assert
        Assert.Equal(["قانون یک"], card.Laws);
        Assert.Equal("2171134756001", Assert.Single(card.Fees.BankAccounts).Number);
        Assert.Equal("خزانه", card.Fees.BankAccounts[0].Holder);
        Assert.Equal("33221465", card.FormFiller.Phone);
        Assert.Empty(Assert.Single(card.Permits).Inquiries);
        Assert.Equal(["www.amar.org.ir"], card.WebAddresses);
    }

    [Fact]
    public void Completeness_EmptyCard_ListsTheFormsFieldsInOrder()
    {
        // Act
        var result = new CardContent().Completeness();

        // Assert
        Assert.Equal(0, result.Percent);
        Assert.Equal("$.title", result.Missing[0].Path);
        Assert.Contains(result.Missing, m => m.Path == "$.stages.delivery");
        Assert.Equal(result.Expected, result.Missing.Count);
    }

    [Fact]
    public void Completeness_OtherTextAndBankAccounts_CountOnlyWhenTheyApply()
    {
        // Arrange
        var card = Valid();
        var before = card.Completeness().Expected;
        card.Triggers = [Trigger.Other];
        card.Fees.AmountsRials = [300_000];

        // Act
        var after = card.Completeness();

        // Assert
        Assert.Equal(before + 2, after.Expected);
        Assert.Contains(after.Missing, m => m.Path == "$.triggerOther");
        Assert.Contains(after.Missing, m => m.Path == "$.fees.bankAccounts");
        Assert.DoesNotContain(after.Missing, m => m.Path == "$.fees.amountsRials");
    }
}
