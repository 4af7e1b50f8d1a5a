using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Seeding;

namespace ServiceRegistry.Core.Tests.Cards;

/// <summary>The e-readiness rule (Cards/Maturity.cs, docs/e-readiness.md) as tables.</summary>
public sealed class MaturityTests
{
    /// <summary>A card from a stage code per stage (informing, request, production, delivery):
    /// E electronic, P in person, B both, - neither.</summary>
    private static CardContent Card(string stages, long? visits = null, string? visitsText = null)
    {
        var content = new CardContent { InPersonVisits = new InPersonVisits { Count = visits, Text = visitsText } };
        var all = content.Stages.All().Select(s => s.Stage).ToList();
        for (var i = 0; i < 4; i++)
        {
            all[i].Electronic = stages[i] is 'E' or 'B';
            all[i].InPerson = stages[i] is 'P' or 'B';
        }

        return content;
    }

    [Theory]
    [InlineData("----", 0)]
    [InlineData("PPPP", 0)]
    [InlineData("E---", 1)]
    [InlineData("EE--", 2)]
    [InlineData("EEE-", 3)]
    [InlineData("EEEP", 3)]
    [InlineData("EEEE", 4)]
    [InlineData("EEEB", 3)] // delivery online but also in person
    [InlineData("BBBB", 3)] // every stage online and in person: 1–3 count, 4 does not
    [InlineData("-EEE", 0)] // a gap stops the count
    [InlineData("E-EE", 1)]
    [InlineData("EE-E", 2)]
    public void Level_FollowsTheStagesInOrder(string stages, int level) =>
        Assert.Equal(level, Card(stages).Maturity().Level);

    [Theory]
    [InlineData(null, null, 4)]
    [InlineData(0L, null, 4)]
    [InlineData(0L, "ندارد", 4)]
    [InlineData(1L, null, 3)]
    [InlineData(2L, "یکبار به صورت بازدید میدانی", 3)]
    [InlineData(null, "به میزان نیاز", 3)]
    public void Level4_NeedsNoInPersonVisit(long? visits, string? text, int level) =>
        Assert.Equal(level, Card("EEEE", visits, text).Maturity().Level);

    [Theory]
    [InlineData(InquiryMode.NonElectronic, NonElectronicBy.Applicant, 2)]
    [InlineData(InquiryMode.NonElectronic, NonElectronicBy.Agency, 2)]
    [InlineData(InquiryMode.NonElectronic, null, 2)]
    [InlineData(InquiryMode.Online, null, 4)]
    [InlineData(InquiryMode.Batch, null, 4)]
    [InlineData(null, null, 4)]
    public void Level3_NeedsInquiriesToOtherAgenciesOnline(InquiryMode? inquiry, NonElectronicBy? by, int level)
    {
        // Arrange
        var content = Card("EEEE");
        content.ExternalAgencyLinks.Add(new ExternalAgencyLink { Agency = "ثبت احوال", Inquiry = inquiry, NonElectronicBy = by });

        // Act
        var maturity = content.Maturity();

        // Assert
        Assert.Equal(level, maturity.Level);
    }

    [Fact]
    public void Reasons_NameTheStageAndWhyPeopleComeInPerson()
    {
        // Arrange: the request needs a visit to verify a document (the municipality-grading kind of card)
        var content = Card("EPEE");
        content.Stages.Request.InPersonReasons = [InPersonReason.VerifyDocument];

        // Act
        var maturity = content.Maturity();

        // Assert
        Assert.Equal(1, maturity.Level);
        var gap = Assert.Single(maturity.Gaps);
        Assert.Equal("request", gap.Stage);
        Assert.Equal(MaturityGapKind.StageNotElectronic, gap.Kind);
        Assert.Equal([InPersonReason.VerifyDocument], gap.InPersonReasons);
        Assert.Equal("درخواست خدمت الکترونیکی نیست و مراجعه حضوری لازم دارد (جهت احراز اصالت مدرک).", gap.Text);
    }

    [Theory]
    [InlineData(InPersonReason.VerifyIdentity, null, "جهت احراز اصالت فرد")]
    [InlineData(InPersonReason.VerifyDocument, null, "جهت احراز اصالت مدرک")]
    [InlineData(InPersonReason.NoInfrastructure, null, "نبود زیرساخت ارتباطی مناسب")]
    [InlineData(InPersonReason.Other, "امضای حضوری قرارداد", "امضای حضوری قرارداد")]
    [InlineData(InPersonReason.Other, null, "سایر")]
    public void Reasons_GiveEachInPersonReason(InPersonReason reason, string? other, string expected)
    {
        // Arrange: delivery is electronic but still in person
        var content = Card("EEEB");
        content.Stages.Delivery.InPersonReasons = [reason];
        content.Stages.Delivery.InPersonReasonOther = other;

        // Act
        var gap = Assert.Single(content.Maturity().Gaps);

        // Assert
        Assert.Equal(MaturityGapKind.StageInPerson, gap.Kind);
        Assert.Equal("delivery", gap.Stage);
        Assert.Equal($"ارائه خدمت الکترونیکی است اما مراجعه حضوری هم لازم دارد ({expected}).", gap.Text);
    }

    [Fact]
    public void Reasons_ListEveryGapInTheFormsOrder()
    {
        // Arrange
        var content = Card("EEPE", visits: 2);
        content.Stages.Production.InPersonReasons = [InPersonReason.VerifyIdentity, InPersonReason.NoInfrastructure];
        content.ExternalAgencyLinks.Add(new ExternalAgencyLink { Agency = "شهرداری", Inquiry = InquiryMode.NonElectronic, NonElectronicBy = NonElectronicBy.Applicant });

        // Act
        var maturity = content.Maturity();

        // Assert
        Assert.Equal(2, maturity.Level);
        Assert.Equal(
        [
            "تولید خدمت الکترونیکی نیست و مراجعه حضوری لازم دارد (جهت احراز اصالت فرد، نبود زیرساخت ارتباطی مناسب).",
            "استعلام از «شهرداری» الکترونیکی نیست؛ مراجعه‌کننده خودش آن را می‌برد و می‌آورد.",
            "خدمت ۲ بار مراجعه حضوری دارد.",
        ], maturity.Reasons);
        Assert.Equal([MaturityGapKind.StageNotElectronic, MaturityGapKind.NonElectronicInquiry, MaturityGapKind.InPersonVisits], maturity.Gaps.Select(g => g.Kind));
        Assert.Equal("شهرداری", maturity.Gaps[1].Agency);
    }

    [Fact]
    public void FullyElectronic_HasNoReasons() =>
        Assert.Empty(Card("EEEE").Maturity().Reasons);

    [Theory]
    [InlineData("regional-accounts", 4)]
    [InlineData("service-desk-supervision", 2)]
    [InlineData("mayors-training", 1)]
    [InlineData("municipality-grading", 0)]
    [InlineData("residence-documents", 0)]
    public void DemoCards_HaveTheirLevels(string name, int level)
    {
        // Arrange
        var json = DemoData.Cards().Single(c => c.Name == name).Json;

        // Act
        var maturity = CardJson.Read(json).Content!.Maturity();

        // Assert
        Assert.Equal(level, maturity.Level);
        if (name == "municipality-grading")
        {
            Assert.Contains("درخواست خدمت الکترونیکی نیست و مراجعه حضوری لازم دارد (جهت احراز اصالت مدرک).", maturity.Reasons);
        }
    }

    [Fact]
    public void IsFree_FreeFlagOrNoAmount()
    {
        Assert.True(new CardContent().IsFree());
        Assert.False(new CardContent { Fees = new Fees { AmountsRials = [1000] } }.IsFree());
        Assert.True(new CardContent { Fees = new Fees { AmountsRials = [1000], Free = true } }.IsFree());
    }
}
