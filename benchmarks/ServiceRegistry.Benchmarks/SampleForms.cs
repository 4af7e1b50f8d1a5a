using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ServiceRegistry.Benchmarks;

/// <summary>The sample forms, as exported text and as Word documents (each text line a table row, its tab-separated
/// cells the row's cells, ☑/☐ as content-control check boxes).</summary>
internal static class SampleForms
{
    public static (string Name, byte[] Bytes)[] Text()
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "forms");
        return Directory.GetFiles(dir, "*.txt").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToArray();
    }

    public static (string Name, byte[] Bytes)[] Docx((string Name, byte[] Bytes)[] text) =>
        text.Select(t => (Path.ChangeExtension(t.Name, ".docx"), ToDocx(System.Text.Encoding.UTF8.GetString(t.Bytes)))).ToArray();

    /// <summary>The forms converted by one LibreOffice run to <paramref name="to"/> (pdf, rtf, doc).</summary>
    public static (string Name, byte[] Bytes)[] Convert((string Name, byte[] Bytes)[] forms, string to)
    {
        var folder = Directory.CreateTempSubdirectory("bench-convert-").FullName;
        var start = new System.Diagnostics.ProcessStartInfo(ServiceRegistry.Core.Imports.LegacyWordConverter.Program!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-env:UserInstallation=" + new Uri(Path.Combine(folder, "profile")).AbsoluteUri, "--headless", "--convert-to", to, "--outdir", Path.Combine(folder, "out") })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, bytes) in forms)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
            start.ArgumentList.Add(Path.Combine(folder, name));
        }

        using (var process = System.Diagnostics.Process.Start(start)!)
        {
            process.StandardOutput.ReadToEnd();
            process.WaitForExit(180_000);
        }

        return forms.Select(f => Path.ChangeExtension(f.Name, "." + to)).Select(n => (n, File.ReadAllBytes(Path.Combine(folder, "out", n)))).ToArray();
    }

    private static byte[] ToDocx(string text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            var table = new Table();
            foreach (var line in text.Split('\n'))
            {
                var row = new TableRow();
                foreach (var cell in line.TrimEnd('\r').Split('\t'))
                {
                    row.Append(new TableCell(Paragraph(cell)));
                }

                table.Append(row);
            }

            body.Append(table);
            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static Paragraph Paragraph(string cell)
    {
        var paragraph = new Paragraph();
        var parts = cell.Replace("<input checked=\"\" type=\"checkbox\"/>", "\u0001", StringComparison.Ordinal)
            .Replace("<input type=\"checkbox\"/>", "\u0002", StringComparison.Ordinal);
        var run = new System.Text.StringBuilder();
        foreach (var c in parts)
        {
            if (c is '\u0001' or '\u0002')
            {
                paragraph.Append(new Run(new Text(run.ToString()) { Space = SpaceProcessingModeValues.Preserve }));
                run.Clear();
                paragraph.Append(CheckBox(c == '\u0001'));
                continue;
            }

            run.Append(c);
        }

        paragraph.Append(new Run(new Text(run.ToString()) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    private static SdtRun CheckBox(bool isChecked) => new(
        new SdtProperties(new DocumentFormat.OpenXml.Office2010.Word.SdtContentCheckBox(
            new DocumentFormat.OpenXml.Office2010.Word.Checked { Val = isChecked ? DocumentFormat.OpenXml.Office2010.Word.OnOffValues.One : DocumentFormat.OpenXml.Office2010.Word.OnOffValues.Zero })),
        new SdtContentRun(new Run(new Text(isChecked ? "☒" : "☐"))));
}
