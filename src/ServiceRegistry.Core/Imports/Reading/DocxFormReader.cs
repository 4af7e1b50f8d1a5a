using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// Reads a Word (.docx) form as the text the importer reads: paragraphs as lines, table rows as lines with
/// tab-separated cells, and every kind of Word check box as ☑ or ☐: content controls (w14:checkbox), legacy
/// form fields (w:ffData/w:checkBox) and Wingdings symbols (w:sym, or Wingdings text).
/// </summary>
public static class DocxFormReader
{
    /// <summary>Largest part of the package that is read (document.xml of a real card is well under 1 MB).</summary>
    public const long MaxPartBytes = 64L * 1024 * 1024;

    public static string ReadText(byte[] docx, CancellationToken ct)
    {
        if (!SafeZip.LooksLikeZip(docx))
        {
            throw new FormImportException("فایل .docx نیست: یک سند Word (بایگانی zip) نیست.");
        }

        SafeZip.CheckPackage(docx, MaxPartBytes, ct);

        try
        {
            using var stream = new MemoryStream(docx, writable: false);
            using var document = WordprocessingDocument.Open(stream, false);
            var main = document.MainDocumentPart ?? throw new FormImportException("سند Word بخش اصلی (word/document.xml) را ندارد.");
            var body = main.Document?.Body ?? throw new FormImportException("سند Word متنی ندارد.");
            var sb = new StringBuilder();
            foreach (var element in body.ChildElements)
            {
                ct.ThrowIfCancellationRequested();
                Block(element, sb);
            }

            return sb.ToString();
        }
        catch (OpenXmlPackageException ex)
        {
            throw new FormImportException("سند Word خراب است: " + ex.Message, ex);
        }
        catch (Exception ex) when (ex is InvalidDataException or FileFormatException or ArgumentException or InvalidOperationException) // a content type the package reader cannot parse, a relationship to a missing part
        {
            throw new FormImportException("سند Word خراب است: " + ex.Message, ex);
        }
        catch (System.Xml.XmlException ex)
        {
            throw new FormImportException("XML سند Word خراب است: " + ex.Message, ex);
        }
    }

    private static void Block(OpenXmlElement element, StringBuilder sb)
    {
        switch (element)
        {
            case Paragraph paragraph:
                Inline(paragraph, sb);
                sb.Append('\n');
                break;
            case Table table:
                foreach (var row in table.Elements<TableRow>())
                {
                    var first = true;
                    foreach (var cell in row.Elements<TableCell>())
                    {
                        if (!first)
                        {
                            sb.Append('\t');
                        }

                        first = false;
                        var content = new StringBuilder();
                        foreach (var child in cell.ChildElements)
                        {
                            Inline(child, content);
                            content.Append(' ');
                        }

                        sb.Append(content.Replace('\t', ' ').Replace('\n', ' ').ToString().Trim());
                    }

                    sb.Append('\n');
                }

                break;
            case SdtBlock sdt when CheckBoxState(sdt) is { } state:
                sb.Append(state ? " ☑ " : " ☐ ").Append('\n');
                break;
            case SdtBlock sdt:
                foreach (var child in sdt.SdtContentBlock?.ChildElements ?? Enumerable.Empty<OpenXmlElement>())
                {
                    Block(child, sb);
                }

                break;
            default:
                break;
        }
    }

    private static void Inline(OpenXmlElement element, StringBuilder sb)
    {
        switch (element)
        {
            case Run run:
                RunText(run, sb);
                return;
            case SdtElement sdt when CheckBoxState(sdt) is { } state:
                sb.Append(state ? " ☑ " : " ☐ ");
                return;
            case Table table:
                foreach (var cell in table.Descendants<TableCell>())
                {
                    foreach (var child in cell.ChildElements)
                    {
                        Inline(child, sb);
                        sb.Append(' ');
                    }
                }

                return;
            case Paragraph:
                foreach (var child in element.ChildElements)
                {
                    Inline(child, sb);
                }

                sb.Append(' ');
                return;
            case FieldCode or DeletedText or ParagraphProperties or RunProperties or SdtProperties:
                return;
            default:
                foreach (var child in element.ChildElements)
                {
                    Inline(child, sb);
                }

                return;
        }
    }

    private static void RunText(Run run, StringBuilder sb)
    {
        var font = Font(run.RunProperties?.RunFonts);
        foreach (var child in run.ChildElements)
        {
            switch (child)
            {
                case DocumentFormat.OpenXml.Wordprocessing.Text text when font is not null:
                    foreach (var c in text.Text)
                    {
                        if (Symbol(font, c) is { } state)
                        {
                            sb.Append(state ? " ☑ " : " ☐ ");
                        }
                    }

                    break;
                case DocumentFormat.OpenXml.Wordprocessing.Text text:
                    sb.Append(text.Text);
                    break;
                case TabChar:
                    sb.Append(' ');
                    break;
                case Break or CarriageReturn:
                    sb.Append(' ');
                    break;
                case SymbolChar sym:
                    if (sym.Char?.Value is { } hex && int.TryParse(hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var code)
                        && Symbol(sym.Font?.Value ?? "", (char)(code & 0xFF)) is { } symbolState)
                    {
                        sb.Append(symbolState ? " ☑ " : " ☐ ");
                    }

                    break;
                case FieldChar { FieldCharType.Value: var type } field when type == FieldCharValues.Begin:
                    if (field.FormFieldData?.GetFirstChild<CheckBox>() is { } box)
                    {
                        sb.Append(LegacyChecked(box) ? " ☑ " : " ☐ ");
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private static bool LegacyChecked(CheckBox box)
    {
        if (box.GetFirstChild<Checked>() is { } isChecked)
        {
            return isChecked.Val?.Value ?? true;
        }

        return box.GetFirstChild<DefaultCheckBoxFormFieldState>()?.Val?.Value ?? false;
    }

    /// <summary>The state of a content-control check box (w14:checkbox), or null when the control is not one.</summary>
    private static bool? CheckBoxState(SdtElement sdt)
    {
        var properties = sdt.GetFirstChild<SdtProperties>();
        var checkbox = properties?.ChildElements.FirstOrDefault(e => e.LocalName == "checkbox");
        if (checkbox is null)
        {
            return null;
        }

        var isChecked = checkbox.ChildElements.FirstOrDefault(e => e.LocalName == "checked");
        var value = isChecked?.GetAttributes().FirstOrDefault(a => a.LocalName == "val").Value;
        return value is "1" or "true" or "on";
    }

    private static string? Font(RunFonts? fonts)
    {
        var names = new[] { fonts?.Ascii?.Value, fonts?.HighAnsi?.Value, fonts?.ComplexScript?.Value };
        return names.FirstOrDefault(n => n is not null && n.StartsWith("Wingdings", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Word's check-box symbols: Wingdings þ ý x ü (ticked) and ¨ o q (empty); Wingdings 2 R S Q T P O (ticked) and £ * (empty).</summary>
    private static bool? Symbol(string font, char c)
    {
        if (!font.StartsWith("Wingdings", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var code = c >= '\uF000' ? (char)(c - 0xF000) : c;
        var two = font.Contains('2', StringComparison.Ordinal);
        return two
            ? code switch { 'R' or 'S' or 'Q' or 'T' or 'P' or 'O' => true, '£' or '*' => false, _ => null }
            : code switch { 'þ' or 'ý' or 'x' or 'ü' => true, '¨' or 'o' or 'q' => false, _ => null };
    }
}
