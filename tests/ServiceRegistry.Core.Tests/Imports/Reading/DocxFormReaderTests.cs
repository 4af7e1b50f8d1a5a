using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Imports;

namespace ServiceRegistry.Core.Tests.Imports;

public sealed class DocxFormReaderTests
{
    private const string Form = "عنوان خدمت\tصدور کارت\nماهیت خدمت\t[ ] حاکمیتی [v] تصدی گری\nسطح خدمت\t[v] ملی [ ] استانی [v] شهری";

    [Theory]
    [InlineData(CheckBoxKind.ContentControl)]
    [InlineData(CheckBoxKind.LegacyFormField)]
    [InlineData(CheckBoxKind.WingdingsSymbol)]
    [InlineData(CheckBoxKind.Wingdings2Text)]
    public void ReadText_EveryKindOfWordCheckBox_BecomesATickMark(CheckBoxKind kind)
    {
        // Arrange
        var docx = TestDocx.Build(Form, kind);

        // Act
        var text = DocxFormReader.ReadText(docx, TestContext.Current.CancellationToken);

        // Assert
        var lines = text.Split('\n');
        Assert.Equal("عنوان خدمت\tصدور کارت", lines[0]);
        Assert.Matches(@"^ماهیت خدمت\t\s*☐\s*حاکمیتی\s*☑\s*تصدی گری$", lines[1]);
        Assert.Matches(@"^سطح خدمت\t\s*☑\s*ملی\s*☐\s*استانی\s*☑\s*شهری$", lines[2]);
    }

    [Theory]
    [InlineData(CheckBoxKind.ContentControl)]
    [InlineData(CheckBoxKind.LegacyFormField)]
    [InlineData(CheckBoxKind.WingdingsSymbol)]
    [InlineData(CheckBoxKind.Wingdings2Text)]
    public void Import_WordForm_ReadsTableAndCheckBoxes(CheckBoxKind kind)
    {
        // Arrange
        var docx = TestDocx.Build(Form, kind);

        // Act
        var card = LegacyFormImporter.Import("card.docx", docx, TestContext.Current.CancellationToken).Draft;

        // Assert
        Assert.Equal("صدور کارت", card.Title);
        Assert.Equal(Nature.Enterprise, card.Nature);
        Assert.Equal([ServiceLevel.National, ServiceLevel.City], card.Levels);
    }
}
