using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Core.Tests.Imports.Rendering;
using UglyToad.PdfPig.Writer;

namespace ServiceRegistry.Core.Tests.Imports;

/// <summary>Word web pages, PDFs, .doc and .rtf: read as the importer's text, or refused with a Persian reason.</summary>
public sealed class OtherFormatTests
{
    private const string Form = "عنوان خدمت\tصدور کارت\nماهیت خدمت\t☐ حاکمیتی ☑ تصدی گری\nسطح خدمت\t☑ ملی ☐ استانی ☑ شهری";

    [Theory]
    [InlineData(WebTicks.CheckBoxInputs, false)]
    [InlineData(WebTicks.WingdingsSpans, true)]
    [InlineData(WebTicks.Wingdings2Spans, false)]
    public void Import_WordWebPage_ReadsTableAndTicks(WebTicks ticks, bool windows1256)
    {
        // Arrange
        var html = WordWebPage.Build(Form, ticks, windows1256);

        // Act
        var card = LegacyFormImporter.Import("form.htm", html, TestContext.Current.CancellationToken).Draft;

        // Assert
        Assert.Equal("صدور کارت", card.Title);
        Assert.Equal(Nature.Enterprise, card.Nature);
        Assert.Equal([ServiceLevel.National, ServiceLevel.City], card.Levels);
    }

    [Fact]
    public void ReadText_WordWebPage_DropsStylesCommentsAndHead()
    {
        // Arrange
        var html = WordWebPage.Build(Form, WebTicks.WingdingsSpans, windows1256: true);

        // Act
        var text = HtmlFormReader.ReadText(html, TestContext.Current.CancellationToken);

        // Assert
        Assert.StartsWith("عنوان خدمت\tصدور کارت\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("MsoNormal", text, StringComparison.Ordinal);
        Assert.DoesNotContain("mso", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_PdfWithoutTextLayer_IsRefusedAsAScan()
    {
        // Arrange: a page with nothing but a drawn rectangle (as a scanned image has no letters either).
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        page.DrawRectangle(new UglyToad.PdfPig.Core.PdfPoint(50, 50), 200, 100);
        var pdf = builder.Build();

        // Act
        var ex = Assert.Throws<FormImportException>(() => LegacyFormImporter.Import("scan.pdf", pdf, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("لایه متن ندارد", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_BrokenPdf_IsRefusedWithAReason()
    {
        // Act
        var ex = Assert.Throws<FormImportException>(() => LegacyFormImporter.Import("broken.pdf", "%PDF-1.4 not really"u8.ToArray(), TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("PDF", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToDocx_WithoutLibreOffice_SaysWhatToInstall()
    {
        // Act
        var ex = Assert.Throws<FormImportException>(() => LegacyWordConverter.ToDocx([0xD0, 0xCF, 0x11, 0xE0], ".doc", program: null, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("LibreOffice", ex.Message, StringComparison.Ordinal);
        Assert.Contains("apt-get install libreoffice-writer-nogui", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_DocAndPdfMadeByLibreOffice_ReadTheForm()
    {
        // Arrange
        Assert.SkipWhen(LegacyWordConverter.Program is null, "LibreOffice (soffice) is not installed");
        // (a heading before the table, as on the official form: LibreOffice drops a grid-less table that opens a .doc)
        var docx = TestDocx.Build("فرم شناسنامه خدمت\n" + Form.Replace("☑", "[v]", StringComparison.Ordinal).Replace("☐", "[ ]", StringComparison.Ordinal), CheckBoxKind.ContentControl);
        var rtf = ConvertWithLibreOffice(docx, "rtf");
        var doc = ConvertWithLibreOffice(rtf, "doc", from: "rtf"); // LibreOffice's .docx → .doc export drops small tables; Word's own .doc keeps them
        var pdf = ConvertWithLibreOffice(docx, "pdf");

        // Act
        var cards = new[] { ("form.doc", doc), ("form.rtf", rtf), ("form.pdf", pdf) }
            .Select(f => LegacyFormImporter.Import(f.Item1, f.Item2, TestContext.Current.CancellationToken).Draft).ToList();

        // Assert
        Assert.All(cards, card =>
        {
            Assert.Equal("صدور کارت", card.Title);
            Assert.Equal(Nature.Enterprise, card.Nature);
            Assert.Equal([ServiceLevel.National, ServiceLevel.City], card.Levels);
        });
    }

    private static byte[] ConvertWithLibreOffice(byte[] source, string to, string from = "docx")
    {
        var folder = Directory.CreateTempSubdirectory("format-test-").FullName;
        File.WriteAllBytes(Path.Combine(folder, "form." + from), source);
        var start = new System.Diagnostics.ProcessStartInfo(LegacyWordConverter.Program!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-env:UserInstallation=" + new Uri(Path.Combine(folder, "profile")).AbsoluteUri, "--headless", "--convert-to", to, "--outdir", folder, Path.Combine(folder, "form." + from) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        process.WaitForExit(60_000);
        return File.ReadAllBytes(Path.Combine(folder, "form." + to));
    }
}
