using ServiceRegistry.Core.Imports;

namespace ServiceRegistry.Core.Tests.Imports;

/// <summary>The cursor the field readers share: taking pieces, the region after a label, lines read right to left.</summary>
public sealed class FormCursorTests
{
    internal static FormCursor Cursor(string text) => new(FormText.Parse(text, markdown: false, CancellationToken.None));

    private static int Anchor(FormCursor cursor, Core.Imports.Anchor anchor) => cursor.AnchorsOf(anchor).First();

    [Fact]
    public void Leave_PartOfAPiece_KeepsTheRestForLaterReaders()
    {
        // Arrange
        var cursor = Cursor("عنوان خدمت\tصدور پروانه ساختمان");
        var piece = cursor.RegionPieces(Anchor(cursor, Core.Imports.Anchor.Title))[0];

        // Act
        cursor.Leave(piece, "ساختمان");

        // Assert
        Assert.Equal("ساختمان", cursor.Text(piece));
        Assert.True(FormCursor.Free(piece));
    }

    [Fact]
    public void Leave_OnlyPunctuation_TakesThePiece()
    {
        // Arrange
        var cursor = Cursor("عنوان خدمت\tصدور پروانه");
        var piece = cursor.RegionPieces(Anchor(cursor, Core.Imports.Anchor.Title))[0];

        // Act
        cursor.Leave(piece, " : ");

        // Assert
        Assert.False(FormCursor.Free(piece));
        Assert.Empty(cursor.RegionPieces(Anchor(cursor, Core.Imports.Anchor.Title)));
    }

    [Fact]
    public void RegionPieces_StopAtTheNextLabel()
    {
        // Arrange
        var cursor = Cursor("عنوان خدمت\tصدور پروانه\nشرح خدمت\tصدور پروانه برای ساختمان های مسکونی");

        // Act
        var region = cursor.RegionPieces(Anchor(cursor, Core.Imports.Anchor.Title));

        // Assert
        Assert.Equal(["صدور پروانه"], region.Select(cursor.Text));
    }

    [Fact]
    public void IsReversedLine_ValueCellBeforeItsLabel_IsTrue()
    {
        // Arrange
        var cursor = Cursor("وزارت کشور\tنام دستگاه مادر\tاستانداری\tنام دستگاه اجرایی\nعنوان خدمت\tصدور پروانه");
        var agency = Anchor(cursor, Core.Imports.Anchor.Agency);

        // Act
        var reversed = cursor.IsReversedLine(cursor[agency].Line);
        var before = cursor.Backward(agency);

        // Assert
        Assert.True(reversed);
        Assert.False(cursor.IsReversedLine(cursor[Anchor(cursor, Core.Imports.Anchor.Title)].Line));
        Assert.Equal(["استانداری"], before!.Select(cursor.Text));
    }

    [Fact]
    public void NumberBefore_TakesTheNumberAndLeavesTheWords()
    {
        // Arrange
        var cursor = Cursor("تناوب\tحدود ۱۲ بار در ☐ ماه ☑ سال");
        var period = Anchor(cursor, Core.Imports.Anchor.FrequencyPeriod);

        // Act
        var number = cursor.NumberBefore(period);

        // Assert
        Assert.Equal(12m, number!.Value);
        Assert.Equal(Confidence.Sure, number.Confidence);
        Assert.Equal("حدود", cursor.Text(cursor[period - 1]).Trim());
    }

    [Fact]
    public void MarkBeside_ABoxAfterTheLabel_IsFound()
    {
        // Arrange
        var cursor = Cursor("پرداخت الکترونیکی\t☑\nعنوان خدمت\tصدور پروانه");

        // Act
        var mark = cursor.MarkBeside(Anchor(cursor, Core.Imports.Anchor.FeeElectronic));

        // Assert
        Assert.True(mark!.Checked);
    }

    [Fact]
    public void Source_SamePathTwice_KeepsTheLast()
    {
        // Arrange
        var cursor = Cursor("عنوان خدمت\tصدور پروانه\nشرح خدمت\tمتن");

        // Act
        cursor.Source("title", cursor[0], "اول", Confidence.Unsure);
        cursor.Source("title", cursor[1], "دوم", Confidence.Sure);

        // Assert
        var source = Assert.Single(cursor.Sources);
        Assert.Equal(("دوم", Confidence.Sure), (source.Snippet, source.Confidence));
    }

    [Fact]
    public void HasTickBoxes_ReportPageWithoutBoxes_IsFalse()
    {
        // Act
        var report = Cursor("عنوان خدمت\tصدور پروانه\nنوع خدمت\tخدمت به شهروندان (G2C)");
        var form = Cursor("عنوان خدمت\tصدور پروانه\nنوع خدمت\t☑ خدمت به شهروندان (G2C)");

        // Assert
        Assert.False(report.HasTickBoxes);
        Assert.True(form.HasTickBoxes);
    }
}
