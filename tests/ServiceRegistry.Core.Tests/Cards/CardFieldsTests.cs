using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Tests.Cards;

public sealed class CardFieldsTests
{
    [Fact]
    public void Compare_ChangedAddedAndRemovedValues_ListedWithPersianLabels()
    {
        // Arrange
        var before = new CardContent { Title = "الف", Levels = [ServiceLevel.Provincial], Fees = new Fees { BankAccounts = [new BankAccount { Number = "123", Holder = "خزانه" }] } };
        var after = new CardContent { Title = "الف", Levels = [ServiceLevel.City], ProcessSteps = ["گام یک"] };

        // Act
        var changes = CardFields.Compare(before, after).ToDictionary(c => c.Path);

        // Assert
        Assert.Equal("استانی", changes["$.levels"].Before);
        Assert.Equal("شهری", changes["$.levels"].After);
        Assert.Equal("سطح خدمت", changes["$.levels"].Label);
        Assert.Null(changes["$.processSteps"].Before);
        Assert.Equal("گام یک", changes["$.processSteps"].After);
        Assert.Equal("خزانه", changes["$.fees.bankAccounts[0].holder"].Before);
        Assert.Equal("هزینه ارائه خدمت › شماره حساب (های) بانکی › ردیف ۱ › صاحب حساب", changes["$.fees.bankAccounts[0].holder"].Label);
        Assert.False(changes.ContainsKey("$.title"));
    }

    [Theory]
    [InlineData("$.description", "شرح خدمت")]
    [InlineData("$.stages.request", "مراحل خدمت › در مرحله درخواست خدمت")]
    [InlineData("$.permits[1].inquiries[0].agency", "لیست مجوزها › ردیف ۲ › استعلام‌ها (فرم شماره دو) › ردیف ۱ › عنوان دستگاه استعلام شونده")]
    public void LabelOf_JsonPath_GivesPersianLabel(string path, string label) => Assert.Equal(label, CardFields.LabelOf(path));
}
