using System.Text;
using ServiceRegistry.Core.Imports;

namespace ServiceRegistry.Core.Tests.Imports;

/// <summary>Files the fuzz tests found to crash the importers (tests/fixtures/fuzz): each is now read or refused with a reason.</summary>
public sealed class FuzzRegressionTests
{
    private static byte[] Input(string name) => File.ReadAllBytes(Path.Combine(Fixtures.Root, "fuzz", name));

    [Fact]
    public void ImportDocx_PackageSystemIOPackagingCallsCorrupt_IsRefusedAsBrokenWord()
    {
        // Act: System.IO.Packaging threw FileFormatException, which escaped the reader
        var error = Assert.Throws<FormImportException>(() => LegacyFormImporter.Import("card.docx", Input("docx-file-format-exception.docx"), TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("سند Word خراب است", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("xlsx-null-worksheet.xlsx")]
    [InlineData("xlsx-api-500.xlsx")]
    [InlineData("xlsx-bad-content-type.xlsx")]
    [InlineData("xlsx-bad-cell-type.xlsx")]
    [InlineData("xlsx-missing-part.xlsx")]
    public void ExcelImport_DamagedWorkbook_IsReadOrRefusedWithAReason(string name)
    {
        // Act: a sheet part without a worksheet root was a NullReferenceException
        var exception = Record.Exception(() => ExcelImport.Read(Input(name), TestContext.Current.CancellationToken));

        // Assert
        Assert.True(exception is null or InvalidDataException, exception?.ToString());
    }

    [Fact]
    public void ImportZip_TextThatIsNotUtf8_IsDecodedAsWindows1256OrRefused()
    {
        // Act: Encoding.GetEncoding(1256) threw NotSupportedException (no code-page provider registered)
        var exceptions = ImportInputs.FromZip("batch.zip", Input("zip-windows-1256-text.zip"))
            .Where(i => i.Load is not null)
            .Select(i => Record.Exception(() => LegacyFormImporter.Import(i.DisplayName, i.Load!(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken)))
            .ToList();

        // Assert
        Assert.NotEmpty(exceptions);
        Assert.All(exceptions, e => Assert.True(e is null or FormImportException, e?.ToString()));
    }

    [Fact]
    public void ImportText_PersianFormInWindows1256_Imports()
    {
        // Arrange: an old Persian export, not UTF-8
        var text = File.ReadAllText(Path.Combine(Fixtures.Forms, "residence-documents.txt"));
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1256)!.GetBytes(text);

        // Act
        var result = LegacyFormImporter.Import("old.txt", bytes, TestContext.Current.CancellationToken);

        // Assert (Windows-1256 has no Persian ی, so it comes back as Arabic ي)
        Assert.StartsWith("صدور مجوز، تمد", result.Draft.Title, StringComparison.Ordinal);
    }
}
