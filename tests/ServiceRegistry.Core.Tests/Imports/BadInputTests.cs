using System.IO.Compression;
using System.Text;
using ServiceRegistry.Core.Imports;

namespace ServiceRegistry.Core.Tests.Imports;

/// <summary>Files that are not cards: each fails with a clear message of its own, quickly, and never takes the
/// rest of a batch down with it.</summary>
public sealed class BadInputTests
{
    private static readonly byte[] Good = File.ReadAllBytes(Path.Combine(Fixtures.Forms, "residence-documents.txt"));

    [Fact]
    public void Import_BinaryFile_FailsAsNotText()
    {
        // Arrange
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        bytes[10] = 0;

        // Act
        var error = Assert.Throws<FormImportException>(() => LegacyFormImporter.Import("scan.txt", bytes, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("متنی نیست", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t\r\n ")]
    public void Import_EmptyFile_FailsAsEmpty(string text)
    {
        // Act
        var error = Assert.Throws<FormImportException>(() => LegacyFormImporter.Import("empty.txt", Encoding.UTF8.GetBytes(text), TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("خالی", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_FiftyMegabyteFile_FailsOnSizeWithoutReadingIt()
    {
        // Arrange
        var dir = Directory.CreateTempSubdirectory("import-big-").FullName;
        var path = Path.Combine(dir, "huge.txt");
        using (var file = File.Create(path))
        {
            file.SetLength(50L * 1024 * 1024);
        }

        var input = Assert.Single(ImportInputs.Expand([path]));

        // Act
        var error = Assert.Throws<FormImportException>(() => input.Load!(TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("مگابایت", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormImportException>(() => LegacyFormImporter.Import("huge.txt", new byte[(int)LegacyFormImporter.MaxTextBytes + 1], TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Import_DocxZipBomb_FailsWithoutInflatingIt()
    {
        // Arrange: word/document.xml says it holds 200 MB (of zeros, a few hundred KB compressed).
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 200; i++)
            {
                entry.Write(zeros);
            }
        }

        // Act
        var error = Assert.Throws<FormImportException>(() => LegacyFormImporter.Import("bomb.docx", stream.ToArray(), TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("zip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_DocxThatIsNotAZip_FailsAsNotWord()
    {
        // Act
        var error = Assert.Throws<FormImportException>(() => LegacyFormImporter.Import("card.docx", Good, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains(".docx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_BrokenZipOrEmptyPackage_FailsAsBrokenWord()
    {
        // Arrange
        var truncated = TestDocx.Build("عنوان خدمت\tآزمون", CheckBoxKind.ContentControl)[..200];
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("readme.txt");
        }

        // Act + Assert
        Assert.Throws<FormImportException>(() => LegacyFormImporter.Import("truncated.docx", truncated, TestContext.Current.CancellationToken));
        Assert.Throws<FormImportException>(() => LegacyFormImporter.Import("empty.docx", stream.ToArray(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Import_FormInAnotherLanguage_FailsAsNotPersian()
    {
        // Arrange
        var english = "Service identity card\nService title: Passport renewal\nAgency: Ministry of Interior\nType: [x] G2C [ ] G2B\n";

        // Act
        var error = Assert.Throws<FormImportException>(() => LegacyFormImporter.Import("english.txt", Encoding.UTF8.GetBytes(english), TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("فارسی نیست", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_PersianTextThatIsNotACard_FailsAsNotACard()
    {
        // Arrange
        var letter = "باسمه تعالی\nبا سلام و احترام، خواهشمند است دستور فرمایید نسبت به پرداخت حقوق معوق اقدام شود.\nبا تشکر";

        // Act
        var error = Assert.Throws<FormImportException>(() => LegacyFormImporter.Import("letter.txt", Encoding.UTF8.GetBytes(letter), TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("شناسنامه خدمت نیست", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_HugeText_StopsWhenItsTimeIsUp()
    {
        // Arrange: seven megabytes of tick boxes and labels, and 50 ms to read them.
        var text = "عنوان خدمت: آزمون\n" + string.Concat(Enumerable.Repeat("سطح خدمت\t☐ ملی ☑ استانی ☐ شهری\tسایر: متن\n", 100_000));
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        // Act
        Assert.ThrowsAny<OperationCanceledException>(() => LegacyFormImporter.Import("big.txt", Encoding.UTF8.GetBytes(text), timeout.Token));

        // Assert
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Import_BatchWithBadFiles_ImportsTheGoodOnesAndReportsEachBadOne()
    {
        // Arrange
        var dir = Directory.CreateTempSubdirectory("import-batch-").FullName;
        File.WriteAllBytes(Path.Combine(dir, "01-good.txt"), Good);
        File.WriteAllBytes(Path.Combine(dir, "02-empty.txt"), []);
        File.WriteAllBytes(Path.Combine(dir, "03-binary.txt"), [0x00, 0xFF, 0x10, 0x00, 0x7F]);
        File.WriteAllBytes(Path.Combine(dir, "04-not-a-zip.docx"), Good);
        File.WriteAllBytes(Path.Combine(dir, "05-good.docx"), TestDocx.Build(Encoding.UTF8.GetString(Good).Replace("<input type=\"checkbox\"/>", "[ ]", StringComparison.Ordinal), CheckBoxKind.ContentControl));
        using (var zip = ZipFile.Open(Path.Combine(dir, "06-batch.zip"), ZipArchiveMode.Create))
        {
            using (var entry = zip.CreateEntry("inner-good.txt").Open())
            {
                entry.Write(Good);
            }

            using (var entry = zip.CreateEntry("inner-english.txt").Open())
            {
                entry.Write(Encoding.UTF8.GetBytes("Hello world, this is not a card at all."));
            }
        }

        File.WriteAllText(Path.Combine(dir, "07-notes.odt"), "ignored: not a card format");

        // Act
        var outcomes = new List<(string Name, string? Error)>();
        foreach (var input in ImportInputs.Expand([dir]))
        {
            try
            {
                var result = LegacyFormImporter.Import(input.DisplayName, input.Load!(TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
                outcomes.Add((input.Stem, null));
                Assert.False(string.IsNullOrEmpty(result.Draft.Title));
            }
            catch (FormImportException ex)
            {
                outcomes.Add((input.Stem, ex.Message));
            }
        }

        // Assert
        Assert.Equal(["01-good", "05-good", "inner-good"], outcomes.Where(o => o.Error is null).Select(o => o.Name));
        Assert.Equal(["02-empty", "03-binary", "04-not-a-zip", "inner-english"], outcomes.Where(o => o.Error is not null).Select(o => o.Name));
        Assert.All(outcomes.Where(o => o.Error is not null), o => Assert.False(string.IsNullOrWhiteSpace(o.Error)));
    }
}
