using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Core.Imports;

namespace ServiceRegistry.Core.Tests.Imports;

/// <summary>Archives over SafeZip's bounds are refused with a Persian reason that says what was wrong (issue 13).</summary>
public sealed class SafeZipTests
{
    [Fact]
    public void Open_MoreEntriesThanTheCap_IsRefusedNamingTheCount()
    {
        // Arrange
        var zip = ManyEntries(SafeZip.MaxEntries + 1);

        // Act
        var error = Assert.Throws<FormImportException>(() => SafeZip.Open(new MemoryStream(zip)));

        // Assert
        Assert.Contains((SafeZip.MaxEntries + 1).ToString("N0", System.Globalization.CultureInfo.CurrentCulture), error.Message, StringComparison.Ordinal);
        Assert.Contains("فایل دارد", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportDocx_MoreEntriesThanTheCap_IsAFormImportError()
    {
        // Act
        var error = Assert.Throws<FormImportException>(() => LegacyFormImporter.Import("many.docx", ManyEntries(SafeZip.MaxEntries + 1), TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("فایل دارد", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExcelImport_MoreEntriesThanTheCap_IsInvalidData()
    {
        // Act
        var error = Assert.Throws<InvalidDataException>(() => ExcelImport.Read(ManyEntries(SafeZip.MaxEntries + 1), TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("فایل دارد", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UploadedZip_MoreEntriesThanTheCap_IsOneRefusedInput()
    {
        // Act
        var input = Assert.Single(ImportInputs.FromZip("many.zip", ManyEntries(SafeZip.MaxEntries + 1)));

        // Assert
        Assert.Null(input.Load);
        Assert.Contains("فایل دارد", input.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportDocx_BombWhoseHeadersLie_IsReportedAsABomb()
    {
        // Arrange: word/document.xml inflates to 80 MB, but both of its headers say 2 KB.
        var docx = LyingHeaders(TestDocx.Build("عنوان خدمت\tآزمون", CheckBoxKind.ContentControl), "word/document.xml", 80 * 1024 * 1024, declared: 2048);

        // Act
        var error = Assert.Throws<FormImportException>(() => LegacyFormImporter.Import("bomb.docx", docx, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("بمب zip", error.Message, StringComparison.Ordinal);
        Assert.Contains("word/document.xml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExcelImport_BombWhoseHeadersLie_IsReportedAsABomb()
    {
        // Arrange
        var workbook = new MemoryStream();
        await ExcelExport.WriteAsync(AsyncEnumerable.Empty<ServiceCard>(), workbook, TestContext.Current.CancellationToken);
        var bomb = LyingHeaders(workbook.ToArray(), "xl/workbook.xml", 70 * 1024 * 1024, declared: 1000);

        // Act
        var error = Assert.Throws<InvalidDataException>(() => ExcelImport.Read(bomb, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("بمب zip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportDocx_HonestPackage_StillReads()
    {
        // Act
        var text = DocxFormReader.ReadText(TestDocx.Build("عنوان خدمت\tصدور پروانه آزمون", CheckBoxKind.ContentControl), TestContext.Current.CancellationToken);

        // Assert
        Assert.Contains("صدور پروانه آزمون", text, StringComparison.Ordinal);
    }

    /// <summary>A zip of <paramref name="count"/> empty text files.</summary>
    internal static byte[] ManyEntries(int count)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                zip.CreateEntry($"f{i}.txt", CompressionLevel.NoCompression);
            }
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Rewrites <paramref name="package"/> with <paramref name="entryName"/> replaced by an XML part of
    /// <paramref name="realSize"/> bytes (mostly spaces), then patches its local and central headers to claim
    /// <paramref name="declared"/> bytes: the deflate stream expands far beyond what the headers say.
    /// </summary>
    internal static byte[] LyingHeaders(byte[] package, string entryName, int realSize, uint declared)
    {
        using var source = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var to = target.CreateEntry(entry.FullName, CompressionLevel.SmallestSize).Open();
                if (entry.FullName != entryName)
                {
                    using var from = entry.Open();
                    from.CopyTo(to);
                    continue;
                }

                var head = Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><x>");
                to.Write(head);
                var spaces = new byte[1024 * 1024];
                Array.Fill(spaces, (byte)' ');
                for (var written = head.Length; written < realSize; written += spaces.Length)
                {
                    to.Write(spaces);
                }

                to.Write("</x>"u8);
            }
        }

        var bytes = output.ToArray();
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50 && bytes.AsSpan(i + 30, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), declared);
            }
            else if (signature == 0x02014b50 && bytes.AsSpan(i + 46, name.Length).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), declared);
            }
        }

        return bytes;
    }
}
