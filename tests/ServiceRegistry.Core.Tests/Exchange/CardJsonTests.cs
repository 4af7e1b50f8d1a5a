using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Seeding;

namespace ServiceRegistry.Core.Tests.Exchange;

public sealed class CardJsonTests
{
    public static TheoryData<string> DemoCards() => new(DemoData.Cards().Select(c => c.Name));

    [Theory]
    [MemberData(nameof(DemoCards))]
    public void Serialize_ReadBack_IsIdentical(string name)
    {
        // Arrange
        var json = DemoData.Cards().Single(c => c.Name == name).Json;
        var first = CardJson.Read(json);
        Assert.True(first.Ok, string.Join("\n", first.Errors));

        // Act
        var exported = CardJson.Serialize(first.Content!);
        var again = CardJson.Serialize(CardJson.Read(exported).Content!);

        // Assert
        Assert.Equal(exported, again);
    }

    [Fact]
    public void Serialize_UsesSpecKeysAndCodes_AndReadablePersian()
    {
        // Arrange
        var card = new CardContent
        {
            Title = "صدور پروانه",
            ServiceTypes = [ServiceType.G2C, ServiceType.G2B],
            LifeEvents = [LifeEvent.DocumentsAndCertificates],
            Stages = new Stages { Request = new Stage { Channels = [Channel.CounterOffice], InPersonReasons = [InPersonReason.VerifyDocument] } },
            ExternalAgencyLinks = [new ExternalAgencyLink { Inquiry = InquiryMode.NonElectronic, NonElectronicBy = NonElectronicBy.Applicant }],
        };

        // Act
        var json = CardJson.Serialize(card);

        // Assert
        Assert.Contains("\"title\": \"صدور پروانه\"", json, StringComparison.Ordinal);
        Assert.Contains("\"G2C\"", json, StringComparison.Ordinal);
        Assert.Contains("\"documentsAndCertificates\"", json, StringComparison.Ordinal);
        Assert.Contains("\"counterOffice\"", json, StringComparison.Ordinal);
        Assert.Contains("\"verifyDocument\"", json, StringComparison.Ordinal);
        Assert.Contains("\"nonElectronic\"", json, StringComparison.Ordinal);
        Assert.Contains("\"nonElectronicBy\": \"applicant\"", json, StringComparison.Ordinal);
        Assert.Contains("\"amountsRials\": []", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PartialCard_FillsDefaults()
    {
        // Act
        var read = CardJson.Read("""{ "title": "خدمت", "stages": { "request": { "electronic": true } } }""");

        // Assert
        Assert.True(read.Ok);
        Assert.True(read.Content!.Stages.Request.Electronic);
        Assert.False(read.Content.Stages.Delivery.Electronic);
        Assert.Empty(read.Content.Fees.AmountsRials);
    }

    [Fact]
    public void Read_UnknownEnumCode_NamesFieldPositionAndAllowedCodes()
    {
        // Arrange
        const string json = "{\n  \"title\": \"خدمت\",\n  \"nature\": \"private\"\n}";

        // Act
        var read = CardJson.Read(json);

        // Assert
        var error = Assert.Single(read.Errors);
        Assert.Null(read.Content);
        Assert.Equal("$.nature", error.Path);
        Assert.Equal(3, error.Line);
        Assert.Contains("private", error.Message, StringComparison.Ordinal);
        Assert.Contains("sovereign", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NegativeAmount_NamesTheItemAndItsPosition()
    {
        // Arrange
        const string json = "{\n  \"title\": \"خدمت\",\n  \"fees\": {\n    \"amountsRials\": [1000, -5]\n  }\n}";

        // Act
        var read = CardJson.Read(json);

        // Assert
        var error = Assert.Single(read.Errors);
        Assert.Equal("$.fees.amountsRials[1]", error.Path);
        Assert.Equal(4, error.Line);
        Assert.Equal(28, error.Column);
        Assert.Contains("منفی", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"title\": \"x\", \"recipients\": { \"count\": \"many\" } }", "$.recipients.count", "عدد صحیح")]
    [InlineData("{ \"title\": \"x\", \"recipients\": { \"count\": 1.5 } }", "$.recipients.count", "عدد صحیح")]
    [InlineData("{ \"title\": \"x\", \"fees\": { \"electronicPayment\": \"yes\" } }", "$.fees.electronicPayment", "true")]
    [InlineData("{ \"title\": \"x\", \"laws\": \"one law\" }", "$.laws", "فهرست")]
    [InlineData("{ \"title\": \"x\", \"serviceTypes\": [\"G2X\"] }", "$.serviceTypes[0]", "G2C")]
    [InlineData("{ \"title\": \"x\", \"serviceTypes\": [0] }", "$.serviceTypes[0]", "G2C")]
    [InlineData("{ \"title\": \"x\", \"colour\": \"blue\" }", "$", "colour")]
    [InlineData("{ \"title\": \"x\", \"title\": \"y\" }", "$", "دو بار")]
    [InlineData("{ \"title\": \"\" }", "$.title", "عنوان")]
    [InlineData("{ \"description\": \"no title\" }", "$.title", "عنوان")]
    [InlineData("{ \"title\": \"x\", \"levels\": [\"city\", \"city\"] }", "$.levels[1]", "تکراری")]
    [InlineData("{ \"title\": \"x\", \"provider\": null }", "$.provider", "null")]
    [InlineData("{ \"title\": \"x\", \"permits\": [{ \"kind\": \"issue\" }] }", "$.permits[0].title", "عنوان مجوز")]
    [InlineData("{ \"title\": \"x\", \"fees\": { \"bankAccounts\": [{ \"holder\": \"خزانه\" }] } }", "$.fees.bankAccounts[0].number", "شماره حساب")]
    [InlineData("{ \"title\": \"x\", \"externalAgencyLinks\": [{ \"costRials\": -1 }] }", "$.externalAgencyLinks[0].costRials", "منفی")]
    [InlineData("{ \"title\": \"x\", ", "$", "JSON")]
    [InlineData("[1, 2]", "$", "شیء")]
    [InlineData("null", "$", "null")]
    public void Read_BadInput_IsRefusedWithFieldAndMessage(string json, string path, string messagePart)
    {
        // Act
        var read = CardJson.Read(json);

        // Assert
        Assert.False(read.Ok);
        Assert.Null(read.Content);
        var error = read.Errors[0];
        Assert.StartsWith(path, error.Path, StringComparison.Ordinal);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void Read_ByteOrderMark_IsAccepted()
    {
        var read = CardJson.Read("\uFEFF{ \"title\": \"خدمت\" }");
        Assert.True(read.Ok, string.Join("; ", read.Errors));
    }

    [Fact]
    public void Clone_IsDeepAndEqual()
    {
        // Arrange
        var card = CardJson.Read(DemoData.Cards().First().Json).Content!;

        // Act
        var clone = CardJson.Clone(card);
        clone.Fees.AmountsRials.Add(5);

        // Assert
        Assert.NotEqual(CardJson.ToCompact(card), CardJson.ToCompact(clone));
    }
}
