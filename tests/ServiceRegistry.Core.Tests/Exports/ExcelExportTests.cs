using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Core.Seeding;

namespace ServiceRegistry.Core.Tests.Exports;

public sealed class ExcelExportTests
{
    /// <summary>The demo cards with ids 1…5, as if stored (the workbook keys part rows by card id).</summary>
    private static List<ServiceCard> DemoCards() =>
        DemoData.Cards().Select((c, i) =>
        {
            var card = ServiceCard.FromFile(1, CardJson.Read(c.Json).Content!, CardStatus.Published, DateTimeOffset.UnixEpoch);
            typeof(ServiceCard).GetProperty(nameof(ServiceCard.Id))!.SetValue(card, i + 1);
            return card;
        }).ToList();

    private static async IAsyncEnumerable<ServiceCard> Stream(IEnumerable<ServiceCard> cards, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var card in cards)
        {
            await Task.Yield();
            yield return card;
        }
    }

    [Fact]
    public async Task WriteThenRead_EveryDemoCard_ComesBackFieldForField()
    {
        // Arrange
        var cards = DemoCards();
        using var file = new MemoryStream();

        // Act
        await ExcelExport.WriteAsync(Stream(cards), file, TestContext.Current.CancellationToken);
        var rows = ExcelImport.Read(file.ToArray(), TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(cards.Count, rows.Count);
        for (var i = 0; i < cards.Count; i++)
        {
            Assert.True(rows[i].Ok, string.Join("; ", rows[i].Errors));
            Assert.Equal(CardJson.Serialize(cards[i].Content), CardJson.Serialize(rows[i].Content!));
        }
    }

    [Fact]
    public async Task Write_ToAWriteOnlyStream_Streams()
    {
        using var inner = new MemoryStream();
        await using var writeOnly = new WriteOnly(inner);
        await ExcelExport.WriteAsync(Stream(DemoCards()), writeOnly, TestContext.Current.CancellationToken);
        Assert.True(inner.Length > 1000);
    }

    [Theory]
    [InlineData("not-a-zip", "اکسل (.xlsx) نیست")]
    [InlineData("zip-bomb", "بمب zip")]
    [InlineData("zip-without-workbook", "کارپوشه اکسل نیست")]
    public void Read_AFileThatIsNotAGoodWorkbook_IsAPersianProblem_WithoutInflatingIt(string kind, string expected)
    {
        // Arrange
        byte[] file = kind switch
        {
            "not-a-zip" => "ردیف اول\tستون دوم"u8.ToArray(),
            "zip-bomb" => Zip("xl/worksheets/sheet1.xml", 200), // 200 MB of zeros, a few hundred KB compressed
            _ => Zip("notes.xml", 1),
        };

        // Act
        var error = Assert.Throws<InvalidDataException>(() => ExcelImport.Read(file, TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static byte[] Zip(string entryName, int megabytesOfZeros)
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(entryName, System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < megabytesOfZeros; i++)
            {
                entry.Write(zeros);
            }
        }

        return stream.ToArray();
    }

    [Fact]
    public async Task Read_BadValues_ReportSheetRowAndColumn()
    {
        // Arrange: a workbook whose services row has an unknown level and a missing title
        using var file = new MemoryStream();
        await ExcelExport.WriteAsync(Stream([ServiceCard.FromFile(1, new CardContent { Title = "x" }, CardStatus.Draft, DateTimeOffset.UnixEpoch)]), file, TestContext.Current.CancellationToken);
        var edited = EditCell(file.ToArray(), "سطح خدمت", "کهکشانی");

        // Act
        var rows = ExcelImport.Read(edited, TestContext.Current.CancellationToken);

        // Assert
        var row = Assert.Single(rows);
        Assert.False(row.Ok);
        Assert.Equal(2, row.Row);
        Assert.Contains(row.Errors, e => e.Contains("سطح خدمت", StringComparison.Ordinal) && e.Contains("کهکشانی", StringComparison.Ordinal));
    }

    [Fact]
    public void JsonLd_Duration_IsAnXsdDuration()
    {
        Assert.Equal("P6M", JsonLdExport.Duration(new AverageDuration { Value = 6, Unit = DurationUnit.Month }));
        Assert.Equal("PT2H", JsonLdExport.Duration(new AverageDuration { Value = 2, Unit = DurationUnit.Hour }));
        Assert.Equal("P14D", JsonLdExport.Duration(new AverageDuration { Value = 2, Unit = DurationUnit.Week }));
        Assert.Equal("PT2160M", JsonLdExport.Duration(new AverageDuration { Value = 1.5m, Unit = DurationUnit.Day }));
        Assert.Null(JsonLdExport.Duration(new AverageDuration { Text = "به میزان نیاز" }));
    }

    [Fact]
    public void JsonLd_EveryKeyWritten_IsATermOfTheContext()
    {
        var context = JsonLdExport.Context();
        var exporter = new JsonLdExport("https://registry.example");
        foreach (var card in DemoCards())
        {
            foreach (var key in Keys(exporter.Service(card)))
            {
                Assert.True(key.StartsWith('@') || context.ContainsKey(key), $"{key} is not in the @context");
            }
        }
    }

    private static IEnumerable<string> Keys(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Keys(p.Value).Prepend(p.Key)),
        JsonArray a => a.SelectMany(Keys),
        _ => [],
    };

    /// <summary>Replaces the first data cell under a header of the services sheet (as a person would in Excel).</summary>
    private static byte[] EditCell(byte[] workbook, string header, string value)
    {
        using var copy = new MemoryStream();
        copy.Write(workbook);
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(copy, true))
        {
            var part = document.WorkbookPart!.WorksheetParts.First(p => p.Uri.ToString().EndsWith("sheet1.xml", StringComparison.Ordinal));
            var rows = part.Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
            var index = rows[0].Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().Select(c => c.InnerText).ToList().IndexOf(header);
            var cell = rows[1].Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ElementAt(index);
            cell.DataType = DocumentFormat.OpenXml.Spreadsheet.CellValues.InlineString;
            cell.RemoveAllChildren();
            cell.AppendChild(new DocumentFormat.OpenXml.Spreadsheet.InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value)));
            part.Worksheet.Save();
        }

        return copy.ToArray();
    }

    private sealed class WriteOnly(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
