using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using W14 = DocumentFormat.OpenXml.Office2010.Word;

namespace ServiceRegistry.Core.Tests.Imports;

/// <summary>How a generated Word form draws its check boxes.</summary>
public enum CheckBoxKind
{
    ContentControl,   // w14:checkbox content controls (Word 2010+)
    LegacyFormField,  // FORMCHECKBOX fields with w:ffData/w:checkBox
    WingdingsSymbol,  // w:sym in Wingdings (þ ticked, ¨ empty)
    Wingdings2Text,   // text in a Wingdings 2 run (R ticked, £ empty)
}

/// <summary>
/// Builds .docx forms for tests. A form is lines; a line with tabs becomes a table row (one cell a tab), other
/// lines paragraphs. In the text, "[v]" is a ticked box and "[ ]" an empty one, drawn as <see cref="CheckBoxKind"/>.
/// </summary>
public static class TestDocx
{
    public static byte[] Build(string form, CheckBoxKind kind)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body();
            Table? table = null;
            foreach (var line in form.Split('\n'))
            {
                if (!line.Contains('\t', StringComparison.Ordinal))
                {
                    table = null;
                    body.Append(Paragraph(line, kind));
                    continue;
                }

                if (table is null)
                {
                    // Word always writes the grid and the widths; LibreOffice's .doc export drops a table without them.
                    table = new Table(new TableProperties(new BiDiVisual(), new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }),
                        new TableGrid(new GridColumn { Width = "2400" }, new GridColumn { Width = "4000" }, new GridColumn { Width = "3200" }));
                    body.Append(table);
                }

                var row = new TableRow();
                foreach (var cell in line.Split('\t'))
                {
                    row.Append(new TableCell(new TableCellProperties(new TableCellWidth { Width = "3000", Type = TableWidthUnitValues.Dxa }), Paragraph(cell, kind)));
                }

                table.Append(row);
            }

            main.Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text, CheckBoxKind kind)
    {
        var paragraph = new Paragraph(new ParagraphProperties(new BiDi()));
        var sb = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text.AsSpan(i).StartsWith("[v]") || text.AsSpan(i).StartsWith("[ ]"))
            {
                Flush();
                foreach (var run in Box(text[i + 1] == 'v', kind))
                {
                    paragraph.Append(run);
                }

                i += 3;
                continue;
            }

            sb.Append(text[i]);
            i++;
        }

        Flush();
        return paragraph;

        void Flush()
        {
            if (sb.Length > 0)
            {
                paragraph.Append(new Run(new RunProperties(new RightToLeftText()), new DocumentFormat.OpenXml.Wordprocessing.Text(sb.ToString()) { Space = SpaceProcessingModeValues.Preserve }));
                sb.Clear();
            }
        }
    }

    private static IEnumerable<OpenXmlElement> Box(bool isChecked, CheckBoxKind kind)
    {
        switch (kind)
        {
            case CheckBoxKind.ContentControl:
                yield return new SdtRun(
                    new SdtProperties(new W14.SdtContentCheckBox(
                        new W14.Checked { Val = isChecked ? W14.OnOffValues.One : W14.OnOffValues.Zero },
                        new W14.CheckedState { Font = "MS Gothic", Val = "2612" },
                        new W14.UncheckedState { Font = "MS Gothic", Val = "2610" })),
                    new SdtContentRun(new Run(new DocumentFormat.OpenXml.Wordprocessing.Text(isChecked ? "☒" : "☐"))));
                break;
            case CheckBoxKind.LegacyFormField:
                var box = new CheckBox(new AutomaticallySizeFormField(), new DefaultCheckBoxFormFieldState { Val = false });
                if (isChecked)
                {
                    box.Append(new Checked());
                }

                yield return new Run(new FieldChar(new FormFieldData(new FormFieldName { Val = "Check1" }, new Enabled(), box)) { FieldCharType = FieldCharValues.Begin });
                yield return new Run(new FieldCode(" FORMCHECKBOX ") { Space = SpaceProcessingModeValues.Preserve });
                yield return new Run(new FieldChar { FieldCharType = FieldCharValues.End });
                break;
            case CheckBoxKind.WingdingsSymbol:
                yield return new Run(new SymbolChar { Font = "Wingdings", Char = isChecked ? "F0FE" : "F0A8" });
                break;
            case CheckBoxKind.Wingdings2Text:
                yield return new Run(new RunProperties(new RunFonts { Ascii = "Wingdings 2", HighAnsi = "Wingdings 2" }), new DocumentFormat.OpenXml.Wordprocessing.Text(isChecked ? "R" : "£"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }
}
