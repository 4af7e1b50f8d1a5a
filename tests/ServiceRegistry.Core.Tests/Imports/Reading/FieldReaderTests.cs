using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Imports;

namespace ServiceRegistry.Core.Tests.Imports;

/// <summary>Each field reader on a short snippet, run alone on a fresh cursor.</summary>
public sealed class FieldReaderTests
{
    private static FormCursor Read(string text, params Action<FormCursor>[] readers)
    {
        var cursor = FormCursorTests.Cursor(text);
        foreach (var read in readers)
        {
            read(cursor);
        }

        return cursor;
    }

    [Fact]
    public void Readers_RunInTheDocumentedOrder()
    {
        // Act
        var names = FieldExtractor.Readers.Select(r => r.Name);

        // Assert
        Assert.Equal(["permits", "process steps", "stages", "links", "recipients", "frequency", "fees", "option fields", "text fields", "header fallbacks"], names);
    }

    [Fact]
    public void TextFieldReader_LabelThenValue_ReadsTheValue()
    {
        // Act
        var card = Read("عنوان خدمت\tصدور پروانه\nشرح خدمت\tخط اول\nخط دوم", TextFieldReader.Read).Card;

        // Assert
        Assert.Equal("صدور پروانه", card.Title);
        Assert.Equal("خط اول خط دوم", card.Description);
    }

    [Fact]
    public void TextFieldReader_RowReadRightToLeft_TakesTheCellBeforeTheLabelAsUnsure()
    {
        // Act
        var cursor = Read("وزارت کشور\tنام دستگاه مادر\tاستانداری\tنام دستگاه اجرایی", TextFieldReader.Read);

        // Assert
        Assert.Equal(("استانداری", "وزارت کشور"), (cursor.Card.Provider.Agency, cursor.Card.Provider.ParentAgency));
        Assert.Equal(Confidence.Unsure, cursor.Sources.Single(s => s.Path == "provider.agency").Confidence);
    }

    [Fact]
    public void TextValueReaders_ListOnOneLine_SplitsAtCommas()
    {
        // Act
        var card = Read("مدارک لازم\tکارت ملی، شناسنامه، عکس", TextFieldReader.Read).Card;

        // Assert
        Assert.Equal(["کارت ملی", "شناسنامه", "عکس"], card.RequiredDocuments);
    }

    [Fact]
    public void TextValueReaders_Duration_ReadsNumberAndUnit()
    {
        // Act
        var card = Read("متوسط مدت زمان ارائه خدمت\t۴۵ روز", TextFieldReader.Read).Card;

        // Assert
        Assert.Equal((45m, DurationUnit.Day), (card.AverageDuration.Value, card.AverageDuration.Unit));
    }

    [Fact]
    public void OptionFieldReader_TickedBoxes_AreTheSelection()
    {
        // Act
        var card = Read("نوع خدمت\t☑ خدمت به شهروندان (G2C)\t☐ خدمت به کسب و کار (G2B)\t☑ خدمت به دستگاه های دولتی (G2G)", OptionFieldReader.Read).Card;

        // Assert
        Assert.Equal([ServiceType.G2C, ServiceType.G2G], card.ServiceTypes);
    }

    [Fact]
    public void OptionFieldReader_ReportPageWithoutBoxes_TakesTheWordsWritten()
    {
        // Act
        var card = Read("عنوان خدمت\tصدور پروانه\nسطح خدمت\tاستانی، روستایی", OptionFieldReader.Read).Card;

        // Assert
        Assert.Equal([ServiceLevel.Provincial, ServiceLevel.Rural], card.Levels);
    }

    [Fact]
    public void CountPerPeriodReader_Recipients_ReadsCountUnitAndPeriod()
    {
        // Act
        var card = Read("تعداد خدمت گیرندگان\t۶۰ دستگاه اجرایی در: ☐ ماه ☐ فصل ☑ سال", CountPerPeriodReader.Recipients.Read).Card;

        // Assert
        Assert.Equal((60L, "دستگاه اجرایی", Period.Year), (card.Recipients.Count, card.Recipients.Unit, card.Recipients.Period));
    }

    [Fact]
    public void CountPerPeriodReader_Frequency_ReadsTimesPeriodAndOnceForever()
    {
        // Act
        var card = Read("تناوب\t۱۲ بار در ☑ ماه ☐ سال\t☐ یکبار برای همیشه", CountPerPeriodReader.Frequency.Read).Card;

        // Assert
        Assert.Equal((12L, Period.Month, false), (card.Frequency.Times, card.Frequency.Period, card.Frequency.OnceForever));
    }

    [Fact]
    public void CountPerPeriodReader_FrequencyInWords_KeepsTheWordsAsUnsure()
    {
        // Act
        var cursor = Read("تناوب\tبنا به نیاز متقاضی", CountPerPeriodReader.Frequency.Read);

        // Assert
        Assert.Equal("بنا به نیاز متقاضی", cursor.Card.Frequency.Text);
        Assert.Equal(Confidence.Unsure, cursor.Sources.Single(s => s.Path == "frequency.text").Confidence);
    }

    [Fact]
    public void FeeReader_AmountAndAccount_AreSeparated()
    {
        // Act
        var card = Read("هزینه خدمت\t۵۰,۰۰۰ ریال به حساب 4001123456789012 (خزانه)", FeeReader.Read).Card;

        // Assert
        Assert.Equal([50_000L], card.Fees.AmountsRials);
        Assert.Equal(("4001123456789012", "خزانه"), (card.Fees.BankAccounts[0].Number, card.Fees.BankAccounts[0].Holder));
    }

    [Fact]
    public void FeeReader_FreeOfCharge_SetsFree()
    {
        // Act
        var card = Read("هزینه خدمت\tرایگان", FeeReader.Read).Card;

        // Assert
        Assert.True(card.Fees.Free);
    }

    [Fact]
    public void ProcessStepReader_NumberedLinesUnderTheLabel_AreTheSteps()
    {
        // Act
        var card = Read("مراحل انجام خدمت\n۱- ثبت درخواست\n۲- بررسی مدارک\n۳- صدور", ProcessStepReader.Read).Card;

        // Assert
        Assert.Equal(["ثبت درخواست", "بررسی مدارک", "صدور"], card.ProcessSteps);
    }

    [Fact]
    public void StageReader_RowWithoutItsLabel_GoesToTheStageBefore()
    {
        // Arrange
        const string table = "مرحله درخواست خدمت\t☑ الکترونیکی\t☑ اینترنتی (مانند وبگاه/درگاه دستگاه)\n\t☑ غیر الکترونیکی\t☑ جهت احراز اصالت فرد\n";

        // Act
        var request = Read(table, StageReader.Read).Card.Stages.Request;

        // Assert
        Assert.True(request.Electronic);
        Assert.True(request.InPerson);
        Assert.Equal([Channel.Website], request.Channels);
        Assert.Equal([InPersonReason.VerifyIdentity], request.InPersonReasons);
    }

    [Fact]
    public void HeaderFallbackReader_HeadingNamesTheAgency_AsUnsure()
    {
        // Act
        var cursor = Read("فرم شناسنامه خدمات استانداری\nشرح خدمت\tمتن", HeaderFallbackReader.Read);

        // Assert
        Assert.Equal("استانداری", cursor.Card.Provider.Agency);
        Assert.Equal(Confidence.Unsure, Assert.Single(cursor.Sources).Confidence);
    }

    [Fact]
    public void Readers_InOrder_TakeAPieceOnlyOnce()
    {
        // Arrange: «۷ روز» after the duration label would also read as a period option.
        const string form = "متوسط مدت زمان ارائه خدمت\t۷ روز\nتعداد خدمت گیرندگان\t۴۰ نفر در سال";

        // Act
        var card = Read(form, [.. FieldExtractor.Readers.Select(r => r.Read)]).Card;

        // Assert
        Assert.Equal((7m, DurationUnit.Day), (card.AverageDuration.Value, card.AverageDuration.Unit));
        Assert.Equal((40L, Period.Year), (card.Recipients.Count, card.Recipients.Period));
    }
}
