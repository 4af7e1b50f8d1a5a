using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Exports;

/// <summary>
/// Cards to an Excel workbook (<see cref="CardSheets"/> layout): the services sheet, then one sheet per repeated
/// part, right-to-left, Persian headers. Streams: the package is written in create mode straight to the output
/// (any write-only stream, e.g. an HTTP response) with <see cref="OpenXmlWriter"/>; rows of the part sheets are
/// spooled to temporary files during the single pass over the cards, so memory stays flat however many cards.
/// </summary>
public static class ExcelExport
{
    private static readonly Cell CellElement = new();
    private static readonly Row RowElement = new();
    private static readonly InlineString InlineElement = new();
    private static readonly DocumentFormat.OpenXml.Spreadsheet.Text TextElement = new();
    private static readonly CellValue ValueElement = new();
    private static readonly OpenXmlAttribute[] InlineAttributes = [new("t", "", "inlineStr")];
    private static readonly OpenXmlAttribute[] HeaderAttributes = [new("t", "", "inlineStr"), new("s", "", "1")];

    public static async Task WriteAsync(IAsyncEnumerable<ServiceCard> cards, Stream output, CancellationToken ct = default)
    {
        var spools = CardSheets.Parts.Select(_ => new Spool()).ToList();
        try
        {
            // The package is assembled with ZipArchive in create mode, which streams entry by entry to a
            // write-only output (the Open XML SDK 2.x package API needs a readable, seekable stream and then
            // buffers every part in memory). Each part's XML is written by OpenXmlWriter.
            using var zip = new ZipArchive(output.CanSeek ? output : new WriteOnlyStream(output), ZipArchiveMode.Create, leaveOpen: true);
            var sheetCount = CardSheets.Parts.Count + 1;
            WritePlumbing(zip, sheetCount);

            using (var entry = Entry(zip, "xl/styles.xml"))
            using (var writer = OpenXmlWriter.Create(entry))
            {
                writer.WriteElement(Styles());
            }

            var headers = new List<string> { CardSheets.KeyHeader };
            headers.AddRange(CardSheets.Services.Select(c => c.Header));
            headers.Add(CardSheets.TemplateHeader);
            headers.AddRange(CardSheets.ComputedHeaders);
            var numeric = new List<bool> { true };
            numeric.AddRange(CardSheets.Services.Select(c => c.Numeric));
            numeric.Add(true);
            numeric.AddRange(CardSheets.ComputedHeaders.Select(_ => false));

            using (var entry = Entry(zip, "xl/worksheets/sheet1.xml"))
            using (var writer = OpenXmlWriter.Create(entry))
            {
                StartSheet(writer, headers);
                var values = new string?[headers.Count];
                await foreach (var card in cards.WithCancellation(ct))
                {
                    var key = card.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    values[0] = key;
                    var i = 1;
                    foreach (var column in CardSheets.Services)
                    {
                        values[i++] = column.Get(card.Content);
                    }

                    values[i++] = CardSheets.TemplateLink(card);

                    foreach (var computed in CardSheets.Computed(card))
                    {
                        values[i++] = computed;
                    }

                    WriteRow(writer, values, numeric);
                    for (var p = 0; p < CardSheets.Parts.Count; p++)
                    {
                        foreach (var row in CardSheets.Parts[p].RowsOf(card.Content))
                        {
                            spools[p].Add(key, row);
                        }
                    }
                }

                EndSheet(writer);
            }

            for (var p = 0; p < CardSheets.Parts.Count; p++)
            {
                var sheet = CardSheets.Parts[p];
                using var entry = Entry(zip, $"xl/worksheets/sheet{p + 2}.xml");
                using var writer = OpenXmlWriter.Create(entry);
                var sheetHeaders = new List<string> { CardSheets.KeyHeader };
                sheetHeaders.AddRange(sheet.Headers);
                var sheetNumeric = new List<bool> { true };
                sheetNumeric.AddRange(sheet.NumericColumns);
                StartSheet(writer, sheetHeaders);
                foreach (var row in spools[p].Read())
                {
                    WriteRow(writer, row, sheetNumeric);
                }

                EndSheet(writer);
            }

            using (var entry = Entry(zip, "xl/workbook.xml"))
            using (var writer = OpenXmlWriter.Create(entry))
            {
                writer.WriteStartElement(new Workbook());
                writer.WriteStartElement(new Sheets());
                var names = new[] { CardSheets.ServicesSheet }.Concat(CardSheets.Parts.Select(p => p.Name)).ToList();
                for (var i = 0; i < names.Count; i++)
                {
                    writer.WriteElement(new Sheet { Name = names[i], SheetId = (uint)i + 1, Id = $"rId{i + 1}" });
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }
        }
        finally
        {
            foreach (var spool in spools)
            {
                spool.Dispose();
            }
        }
    }

    private static Stream Entry(ZipArchive zip, string name) => zip.CreateEntry(name, CompressionLevel.Fastest).Open();

    /// <summary>The package's content types and relationships (fixed XML: which parts exist and how they link).</summary>
    private static void WritePlumbing(ZipArchive zip, int sheetCount)
    {
        const string Main = "application/vnd.openxmlformats-officedocument.spreadsheetml";
        var types = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>""");
        types.Append(CultureInfo.InvariantCulture, $"""<Override PartName="/xl/workbook.xml" ContentType="{Main}.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="{Main}.styles+xml"/>""");
        var rels = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
        for (var i = 1; i <= sheetCount; i++)
        {
            types.Append(CultureInfo.InvariantCulture, $"""<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{Main}.worksheet+xml"/>""");
            rels.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>""");
        }

        rels.Append(CultureInfo.InvariantCulture, $"""<Relationship Id="rId{sheetCount + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""");
        types.Append("</Types>");
        Write(zip, "[Content_Types].xml", types.ToString());
        Write(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Write(zip, "xl/_rels/workbook.xml.rels", rels.ToString());
    }

    private static void Write(ZipArchive zip, string name, string xml)
    {
        using var stream = Entry(zip, name);
        stream.Write(Encoding.UTF8.GetBytes(xml));
    }

    private static void StartSheet(OpenXmlWriter writer, List<string> headers)
    {
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetViews());
        writer.WriteStartElement(new SheetView { RightToLeft = true, WorkbookViewId = 0, TabSelected = false });
        writer.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteStartElement(new Columns());
        for (var i = 0; i < headers.Count; i++)
        {
            writer.WriteElement(new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = i == 0 ? 10 : 24, CustomWidth = true });
        }

        writer.WriteEndElement();
        writer.WriteStartElement(new SheetData());
        writer.WriteStartElement(RowElement);
        foreach (var header in headers)
        {
            writer.WriteStartElement(CellElement, HeaderAttributes);
            WriteInline(writer, header);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void EndSheet(OpenXmlWriter writer)
    {
        writer.WriteEndElement(); // sheetData
        writer.WriteEndElement(); // worksheet
    }

    private static void WriteRow(OpenXmlWriter writer, string?[] values, List<bool> numeric)
    {
        writer.WriteStartElement(RowElement);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (string.IsNullOrEmpty(value))
            {
                writer.WriteElement(CellElement); // keeps the column position without a reference attribute
                continue;
            }

            if (numeric[i] && IsPlainNumber(value))
            {
                writer.WriteStartElement(CellElement);
                writer.WriteStartElement(ValueElement);
                writer.WriteString(value);
                writer.WriteEndElement();
                writer.WriteEndElement();
                continue;
            }

            writer.WriteStartElement(CellElement, InlineAttributes);
            WriteInline(writer, value);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    private static void WriteInline(OpenXmlWriter writer, string value)
    {
        writer.WriteStartElement(InlineElement);
        writer.WriteStartElement(TextElement);
        writer.WriteString(Clean(value));
        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    private static bool IsPlainNumber(string value) =>
        value.Length <= 15 && value.All(c => char.IsAsciiDigit(c) || c == '.') && char.IsAsciiDigit(value[0]);

    /// <summary>Drops characters XML cannot carry and cuts to Excel's 32,767 characters per cell.</summary>
    private static string Clean(string value)
    {
        if (value.Length > 32_767)
        {
            value = value[..32_767];
        }

        foreach (var c in value)
        {
            if (c < ' ' && c is not ('\n' or '\t' or '\r'))
            {
                return new string(value.Where(x => x >= ' ' || x is '\n' or '\t' or '\r').ToArray());
            }
        }

        return value;
    }

    private static Stylesheet Styles() => new(
        new Fonts(new Font(new FontSize { Val = 11 }, new FontName { Val = "Vazirmatn" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Vazirmatn" })) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat { FontId = 0, FillId = 0, BorderId = 0, ApplyAlignment = true, Alignment = new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top } },
            new CellFormat { FontId = 1, FillId = 0, BorderId = 0, ApplyFont = true }) { Count = 2 });

    /// <summary>Rows of one part sheet, kept in a temporary file until the sheet is written.</summary>
    private sealed class Spool : IDisposable
    {
        private readonly FileStream _file = new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        private readonly BinaryWriter _writer;

        public Spool() => _writer = new BinaryWriter(_file, Encoding.UTF8, leaveOpen: true);

        public void Add(string key, string?[] cells)
        {
            _writer.Write(cells.Length + 1);
            _writer.Write(key);
            foreach (var cell in cells)
            {
                _writer.Write(cell is not null);
                if (cell is not null)
                {
                    _writer.Write(cell);
                }
            }
        }

        public IEnumerable<string?[]> Read()
        {
            _writer.Flush();
            _file.Position = 0;
            using var reader = new BinaryReader(_file, Encoding.UTF8, leaveOpen: true);
            while (_file.Position < _file.Length)
            {
                var row = new string?[reader.ReadInt32()];
                row[0] = reader.ReadString();
                for (var i = 1; i < row.Length; i++)
                {
                    row[i] = reader.ReadBoolean() ? reader.ReadString() : null;
                }

                yield return row;
            }
        }

        public void Dispose()
        {
            _writer.Dispose();
            _file.Dispose();
        }
    }

    /// <summary>Hides seeking and reading, so the package is written in streaming (create) mode, never buffered.</summary>
    private sealed class WriteOnlyStream(Stream inner) : Stream
    {
        private long _position;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            _position += count;
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            _position += buffer.Length;
        }
    }
}
