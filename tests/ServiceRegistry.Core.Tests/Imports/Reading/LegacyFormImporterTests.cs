using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Imports;

namespace ServiceRegistry.Core.Tests.Imports;

/// <summary>One test per sample form (tests/fixtures/forms, copies of shared/samples/forms): the fields it states
/// plainly, and exactly what the importer could not place.</summary>
public sealed class LegacyFormImporterTests
{
    [Fact]
    public void Import_MayorsTraining_MapsFieldsAndKeepsTheRest()
    {
        // Act
        var result = Fixtures.Import(Fixtures.Forms, "mayors-training.txt");
        var card = result.Draft;

        // Assert
        Assert.Equal("آموزش شهرداران و شوراهای با هدف آشنایی با آیین نامه ها و دستورالعمل ها", card.Title);
        Assert.Null(card.ServiceId);
        Assert.Equal("استانداری", card.Provider.Agency);
        Assert.Equal("وزارت کشور", card.Provider.ParentAgency);
        Assert.Equal([ServiceType.G2G], card.ServiceTypes);
        Assert.Equal(Nature.Sovereign, card.Nature);
        Assert.Equal([LifeEvent.Education, LifeEvent.DocumentsAndCertificates], card.LifeEvents);
        Assert.Equal([Trigger.ApplicantRequest, Trigger.SpecificEvent, Trigger.Other], card.Triggers);
        Assert.Equal("ابلاغیه های سازمان شهرداریها", card.TriggerOther);
        Assert.Equal(750, card.Recipients.Count);
        Assert.Equal((1m, DurationUnit.Month), (card.AverageDuration.Value!.Value, card.AverageDuration.Unit!.Value));
        Assert.Equal(12, card.Frequency.Times);
        Assert.True(card.Stages.Informing.Electronic);
        Assert.Equal("شبکه دولت", card.Stages.Informing.ChannelOther);
        Assert.Equal("اتوماسیون اداری", card.Stages.Request.ChannelOther);
        Assert.True(card.Stages.Production.InPerson);
        Assert.Equal("بررسی و تایید گواهینامه های صادره", card.Stages.Delivery.InPersonReasonOther);
        Assert.Equal("شهرداری", Assert.Single(card.ExternalAgencyLinks).Agency);
        Assert.Equal(7, card.ProcessSteps.Count);
        Assert.Equal("نظارت و پایش روند اجرا", card.ProcessSteps[^1]);
        Assert.Equal(["نظارت حضوری بر دوره های آموزشی"], result.Unmapped);
        Assert.Equal(result.Unmapped, card.Unmapped);
    }

    [Fact]
    public void Import_MunicipalityGrading_ReadsRowsWithoutStageLabels()
    {
        // Act
        var result = Fixtures.Import(Fixtures.Forms, "municipality-grading.txt");
        var card = result.Draft;

        // Assert
        Assert.Equal("درجه بندی شهرداری ها", card.Title);
        Assert.Equal("استانداری - دفتر امور شهری و شوراها", card.Provider.Agency);
        Assert.Equal([ServiceLevel.City], card.Levels);
        Assert.Equal(4, card.RequiredDocuments.Count);
        Assert.Equal((25L, Period.Year), (card.Recipients.Count!.Value, card.Recipients.Period!.Value));
        Assert.Empty(card.WebAddresses);
        Assert.Equal("اتوماسیون برید", card.Stages.Informing.ChannelOther);
        Assert.True(card.Stages.Informing.InPerson);
        Assert.Equal([InPersonReason.VerifyDocument], card.Stages.Request.InPersonReasons);
        Assert.Equal([VisitLevel.Provincial], card.Stages.Request.VisitLevels);
        Assert.Equal([VisitLevel.County], card.Stages.Delivery.VisitLevels);
        Assert.Equal("اعلام پاسخ درجه بندی", card.Stages.Delivery.InPersonReasonOther);
        Assert.Equal(4, card.ProcessSteps.Count);

        // The typo «عنوانین مشابه» (for «عناوین مشابه دفاتر پیشخوان») is not a known label: kept for a person.
        Assert.Equal(["عنوانین مشابه", "عنوانین مشابه"], result.Unmapped);
    }

    [Fact]
    public void Import_RegionalAccounts_ReadsReversedCellsFillerAndEmptyPermits()
    {
        // Act
        var result = Fixtures.Import(Fixtures.Forms, "regional-accounts.txt");
        var card = result.Draft;

        // Assert
        Assert.Equal("تهیه حساب های منطقه ای", card.Title);
        Assert.Equal([ServiceType.G2C, ServiceType.G2B, ServiceType.G2G], card.ServiceTypes);
        Assert.Equal("نظام برنامه ریزی، دستگاههای اجرایی، مرکز آمار ایران، دانشجویان و اساتید.", card.Audience);
        Assert.Equal("درخواست مرکز آمار ایران", card.TriggerOther);
        Assert.Equal(["قانون مرکز آمار ایران", "برنامه ملی آمار", "مصوبات شورای عالی آمار"], card.Laws);
        Assert.Equal((80L, Period.Year), (card.Recipients.Count!.Value, card.Recipients.Period!.Value));
        Assert.Equal((1m, DurationUnit.Year), (card.AverageDuration.Value!.Value, card.AverageDuration.Unit!.Value));
        Assert.Equal((1L, Period.Year), (card.Frequency.Times!.Value, card.Frequency.Period!.Value));
        Assert.Equal(["www.lorestan.mporg.ir", "www.amar.org.ir"], card.WebAddresses);
        Assert.Equal("سامانه سجاد", card.SystemName);
        Assert.Equal("انجام مکاتبات رسمی از طریق شبکه دولت", card.Stages.Request.ChannelOther);
        Assert.Equal("از طریق سامانه الکترونیکی", card.Stages.Production.ChannelOther);
        Assert.Equal([Channel.Website], card.Stages.Delivery.Channels);
        Assert.Empty(card.InternalSystemLinks);
        Assert.Empty(card.ExternalAgencyLinks);
        Assert.Empty(card.Permits); // only blank template rows
        Assert.Equal(("سمیه بردی نشین", "معاونت آمار و اطلاعات", "33221465"), (card.FormFiller.Name, card.FormFiller.Unit, card.FormFiller.Phone));
        Assert.Null(card.FormFiller.Email);
        Assert.Equal(["عدم آگاهی خدمت گیرنده", "(بناکهای اطلاعاتی) در دستگاه", "نام استعمال در توضیحات درج شود"], result.Unmapped);
        Assert.Contains(result.Sources, s => s.Path == "systemName" && s.Confidence == Confidence.Unsure);
    }

    [Fact]
    public void Import_ResidenceDocuments_ReadsOldVariantAndFees()
    {
        // Act
        var result = Fixtures.Import(Fixtures.Forms, "residence-documents.txt");
        var card = result.Draft;

        // Assert
        Assert.Equal("صدور مجوز، تمدید و تعویض مدارک اقامتی", card.Title);
        Assert.Equal("ساماندهی اتباع خارجی مجاز", card.ProcessTitle);
        Assert.Equal("آمایش", card.ExecutionMethod);
        Assert.Equal("استانداری", card.Provider.Agency); // from the heading, unsure
        Assert.Contains(result.Sources, s => s.Path == "provider.agency" && s.Confidence == Confidence.Unsure);
        Assert.Equal(["دستورالعمل آمایش که به صورت سالانه صادر و ابلاغ میگردد", "کارت آمایش", "جدید الورد(نوزادان)"], card.RequiredDocuments);
        Assert.Equal((12000L, Period.Year), (card.Recipients.Count!.Value, card.Recipients.Period!.Value));
        Assert.Equal("به میزان نیاز", card.InPersonVisits.Text);
        Assert.Null(card.InPersonVisits.Count);
        Assert.Equal([300000L], card.Fees.AmountsRials);
        Assert.Equal([("2171134756001", "خزانه"), ("21744647500080", "اداره کل تعاون")], card.Fees.BankAccounts.Select(b => (b.Number, b.Holder)));
        Assert.False(card.Fees.ElectronicPayment);
        Assert.Empty(result.Unmapped);
    }

    [Fact]
    public void Import_ServiceDeskSupervision_ReadsProvinceCellAndFreeService()
    {
        // Act
        var result = Fixtures.Import(Fixtures.Forms, "service-desk-supervision.txt");
        var card = result.Draft;

        // Assert
        Assert.Null(card.ServiceId); // "در حال اخذ کد"
        Assert.Equal("تهران", card.Provider.Province);
        Assert.Equal("نظارت", card.LifeEventOther);
        Assert.Equal(6, card.Laws.Count);
        Assert.Equal(("دستگاه اجرایی", 60L), (card.Recipients.Unit, card.Recipients.Count!.Value));
        Assert.Equal((1L, "یکبار به صورت بازدید میدانی"), (card.InPersonVisits.Count!.Value, card.InPersonVisits.Text));
        Assert.True(card.Fees.Free);
        Assert.Equal(["mardom.ir"], card.WebAddresses);
        Assert.Equal([Channel.Website, Channel.Other], card.Stages.Request.Channels);
        Assert.True(card.Stages.Request.Electronic);
        Assert.Equal(["در مرحله خدمت"], result.Unmapped); // a stage label with its stage missing
    }

    [Theory]
    [InlineData("<input checked=\"\" type=\"checkbox\"/> حاکمیتی <input type=\"checkbox\"/> تصدی گری", Nature.Sovereign)]
    [InlineData("☐ حاکمیتی ☒ تصدی گری", Nature.Enterprise)]
    [InlineData("✔ حاکمیتی □ تصدی گری", Nature.Sovereign)]
    [InlineData("□ حاکمیتی ■ تصدی گری", Nature.Enterprise)]
    [InlineData("حاکمیتی ☐\tتصدی گری ✓", Nature.Enterprise)]
    [InlineData("R حاکمیتی £ تصدی گری", Nature.Sovereign)]
    [InlineData("حاکمیتی  þ تصدی گری", Nature.Enterprise)]
    [InlineData("ý حاکمیتی  تصدی گری", Nature.Sovereign)]
    [InlineData("حاکمیتی: True  تصدی گری: False", Nature.Sovereign)]
    [InlineData("حاکمیتی: خیر  تصدی گری: بلی", Nature.Enterprise)]
    [InlineData("x حاکمیتی   تصدی گری", Nature.Sovereign)]
    [InlineData("حاکمیتی   تصدی گری *", Nature.Enterprise)]
    [InlineData("[ ] حاکمیتی [x] تصدی گری", Nature.Enterprise)]
    [InlineData("تصدي گري", Nature.Enterprise)] // a report page: the value written out, Arabic letters
    public void Import_TickBoxEncodings_ReadTheTickedOption(string row, Nature expected)
    {
        // Arrange
        var form = $"عنوان خدمت: آزمون\nماهیت خدمت\t{row}\n";

        // Act
        var card = LegacyFormImporter.ImportText(form, ct: TestContext.Current.CancellationToken).Draft;

        // Assert
        Assert.Equal(expected, card.Nature);
    }

    [Theory]
    [InlineData("یک ماه", 1, DurationUnit.Month)]
    [InlineData("دوازده روز", 12, DurationUnit.Day)]
    [InlineData("بیست و پنج روز", 25, DurationUnit.Day)]
    [InlineData("صد و بیست ساعت", 120, DurationUnit.Hour)]
    [InlineData("یک و نیم سال", 1.5, DurationUnit.Year)]
    [InlineData("۴۸ ساعت", 48, DurationUnit.Hour)]
    [InlineData("٣ هفته", 3, DurationUnit.Week)]
    public void Import_DurationInWordsOrDigits_ReadsValueAndUnit(string written, double value, DurationUnit unit)
    {
        // Arrange
        var form = $"عنوان خدمت: آزمون\nمتوسط مدت زمان ارائه خدمت: {written}\n";

        // Act
        var card = LegacyFormImporter.ImportText(form, ct: TestContext.Current.CancellationToken).Draft;

        // Assert
        Assert.Equal((decimal)value, card.AverageDuration.Value);
        Assert.Equal(unit, card.AverageDuration.Unit);
        Assert.Equal(written, card.AverageDuration.Text);
    }

    [Theory]
    [InlineData("۱۲٬۰۰۰", 12000)]
    [InlineData("12,000", 12000)]
    [InlineData("١٢٠٠٠", 12000)]
    [InlineData("دو هزار و پانصد", 2500)]
    [InlineData("سیصد", 300)]
    public void Import_RecipientCount_ReadsSeparatorsScriptsAndWords(string written, long expected)
    {
        // Arrange
        var form = $"عنوان خدمت: آزمون\nآمار تعداد خدمت گیرندگان: {written} خدمت گیرندگان در: ☐ ماه ☐ فصل ☑ سال\n";

        // Act
        var card = LegacyFormImporter.ImportText(form, ct: TestContext.Current.CancellationToken).Draft;

        // Assert
        Assert.Equal(expected, card.Recipients.Count);
        Assert.Equal(Period.Year, card.Recipients.Period);
    }

    [Fact]
    public void Import_AnyForm_RecordsWhereEachFieldCameFrom()
    {
        // Act
        var result = Fixtures.Import(Fixtures.Forms, "regional-accounts.txt");

        // Assert
        var title = Assert.Single(result.Sources, s => s.Path == "title");
        Assert.Equal(Confidence.Sure, title.Confidence);
        Assert.True(title.Line > 0);
        Assert.Contains("تهیه حساب های منطقه ای", title.Snippet, StringComparison.Ordinal);
        Assert.True(result.NeedsReview);
        Assert.NotEmpty(result.Unsure);
    }
}
