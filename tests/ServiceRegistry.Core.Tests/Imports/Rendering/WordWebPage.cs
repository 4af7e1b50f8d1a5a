using System.Net;
using System.Text;

namespace ServiceRegistry.Core.Tests.Imports.Rendering;

/// <summary>How a Word web page marks its tick boxes.</summary>
public enum WebTicks
{
    CheckBoxInputs,
    WingdingsSpans,
    Wingdings2Spans,
}

/// <summary>Writes a rendered form (tabs between cells, ☑/☐ marks) as Word's "Save as Web Page" does: mso styles and
/// conditional comments, a right-to-left table, the marks as checkbox inputs or Wingdings spans, in UTF-8 or
/// windows-1256.</summary>
public static class WordWebPage
{
    public static byte[] Build(string form, WebTicks ticks, bool windows1256)
    {
        var charset = windows1256 ? "windows-1256" : "utf-8";
        var sb = new StringBuilder();
        sb.Append("<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" xmlns:w=\"urn:schemas-microsoft-com:office:word\">\r\n<head>\r\n");
        sb.Append(CultureInvariant($"<meta http-equiv=Content-Type content=\"text/html; charset={charset}\">\r\n<meta name=Generator content=\"Microsoft Word 15\">\r\n"));
        sb.Append("<title>فرم شناسنامه خدمت</title>\r\n<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->\r\n");
        sb.Append("<style>\r\n<!--\r\n p.MsoNormal {margin:0cm; font-size:11.0pt; font-family:\"Calibri\",sans-serif;}\r\n table.MsoTableGrid {border:solid windowtext 1.0pt;}\r\n-->\r\n</style>\r\n</head>\r\n");
        sb.Append("<body lang=EN-US style='tab-interval:36.0pt'>\r\n<div class=WordSection1 dir=rtl>\r\n");
        var inTable = false;
        foreach (var line in form.Split('\n'))
        {
            if (!line.Contains('\t', StringComparison.Ordinal))
            {
                if (inTable)
                {
                    sb.Append("</table>\r\n");
                    inTable = false;
                }

                if (line.Length > 0)
                {
                    sb.Append("<p class=MsoNormal dir=RTL><span lang=AR-SA style='font-family:\"B Nazanin\"'>").Append(Cell(line, ticks)).Append("</span></p>\r\n");
                }

                continue;
            }

            if (!inTable)
            {
                sb.Append("<table class=MsoTableGrid dir=rtl border=1 cellspacing=0 cellpadding=0>\r\n");
                inTable = true;
            }

            sb.Append(" <tr style='mso-yfti-irow:0'>\r\n");
            foreach (var cell in line.Split('\t'))
            {
                sb.Append("  <td width=300 valign=top style='width:225.0pt;padding:0cm 5.4pt 0cm 5.4pt'>\r\n  <p class=MsoNormal dir=RTL><span lang=FA style='font-family:\"B Nazanin\"'>")
                    .Append(Cell(cell, ticks)).Append("<o:p></o:p></span></p>\r\n  </td>\r\n");
            }

            sb.Append(" </tr>\r\n");
        }

        if (inTable)
        {
            sb.Append("</table>\r\n");
        }

        sb.Append("</div>\r\n</body>\r\n</html>\r\n");
        return windows1256 ? ToWindows1256(sb.ToString()) : Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static string Cell(string text, WebTicks ticks)
    {
        var sb = new StringBuilder();
        foreach (var c in text)
        {
            sb.Append((c, ticks) switch
            {
                ('☑', WebTicks.CheckBoxInputs) => "<input type=checkbox checked>",
                ('☐', WebTicks.CheckBoxInputs) => "<input type=checkbox>",
                ('☑', WebTicks.WingdingsSpans) => "</span><span style='font-family:Wingdings;mso-char-type:symbol;mso-symbol-font-family:Wingdings'>&#254;</span><span lang=FA>",
                ('☐', WebTicks.WingdingsSpans) => "</span><span style='font-family:Wingdings;mso-char-type:symbol;mso-symbol-font-family:Wingdings'>&#168;</span><span lang=FA>",
                ('☑', WebTicks.Wingdings2Spans) => "</span><span style='font-family:\"Wingdings 2\";mso-ascii-font-family:\"B Nazanin\"'>R</span><span lang=FA>",
                ('☐', WebTicks.Wingdings2Spans) => "</span><span style='font-family:\"Wingdings 2\";mso-ascii-font-family:\"B Nazanin\"'>&#163;</span><span lang=FA>",
                _ => WebUtility.HtmlEncode(c.ToString()),
            });
        }

        return sb.ToString();
    }

    /// <summary>windows-1256 bytes; what that code page cannot hold is written as a character reference.</summary>
    private static byte[] ToWindows1256(string html)
    {
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(1256, new EncoderReplacementFallback("?"), DecoderFallback.ExceptionFallback)!;
        var sb = new StringBuilder(html.Length);
        foreach (var c in html)
        {
            sb.Append(encoding.GetBytes(c.ToString()) is [0x3F] && c != '?' ? CultureInvariant($"&#{(int)c};") : c.ToString());
        }

        return encoding.GetBytes(sb.ToString());
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
