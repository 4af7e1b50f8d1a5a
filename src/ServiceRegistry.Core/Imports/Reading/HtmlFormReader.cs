using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// Reads a Word "Save as Web Page" form (.htm/.html: windows-1256 or UTF-8, mso styles and conditional comments,
/// Wingdings spans, checkbox inputs) as the importer's text: one table row a line, cells separated by tabs,
/// paragraphs on their own lines, tick boxes as ☑/☐.
/// </summary>
public static partial class HtmlFormReader
{
    private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(5);

    public static string ReadText(byte[] bytes, CancellationToken ct)
    {
        var html = Decode(bytes);
        ct.ThrowIfCancellationRequested();
        html = Comment().Replace(html, "");
        html = Hidden().Replace(html, " ");
        html = Symbol().Replace(html, m => Ticks(m.Groups["font"].Value, WebUtility.HtmlDecode(m.Groups["text"].Value)));
        html = CheckBox().Replace(html, m => m.Value.Contains("checked", StringComparison.OrdinalIgnoreCase) ? " ☑ " : " ☐ ");
        ct.ThrowIfCancellationRequested();
        html = Row().Replace(html, m =>
        {
            var cells = Cell().Matches(m.Groups["cells"].Value).Select(c => Inline(c.Groups["text"].Value));
            return "\n" + string.Join('\t', cells) + "\n";
        });
        html = Break().Replace(html, "\n");
        var text = WebUtility.HtmlDecode(Tag().Replace(html, " "));
        var sb = new StringBuilder(text.Length);
        foreach (var raw in text.Split('\n'))
        {
            var line = string.Join('\t', raw.Split('\t').Select(c => ValueText.CollapseSpaces(c.Replace('\u00A0', ' ').Trim())));
            if (line.Trim('\t').Length > 0)
            {
                sb.Append(line.TrimEnd('\t')).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>A cell's content on one line: its paragraphs joined by spaces.</summary>
    private static string Inline(string cell) => WebUtility.HtmlDecode(Tag().Replace(Break().Replace(cell, " "), " ")).Replace('\t', ' ').Replace('\n', ' ');

    /// <summary>Wingdings (þ ý ü ticked, ¨ o q empty) and Wingdings 2 (R S Q P ticked, £ * empty) as ☑/☐.</summary>
    private static string Ticks(string font, string text)
    {
        var two = font.EndsWith('2');
        var sb = new StringBuilder(" ");
        foreach (var c in text)
        {
            sb.Append((two, c) switch
            {
                (false, 'þ' or 'ý' or 'ü' or 'x') => '☑',
                (false, '¨' or 'o' or 'q') => '☐',
                (true, 'R' or 'S' or 'Q' or 'P' or 'O') => '☑',
                (true, '£' or '*' or '0') => '☐',
                _ => c,
            });
        }

        return sb.Append(' ').ToString();
    }

    private static string Decode(byte[] bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return (bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(bytes, 2, bytes.Length - 2);
        }

        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var head = Encoding.ASCII.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        var declared = Charset().Match(head) is { Success: true } m ? m.Groups[1].Value.ToUpperInvariant() : "";
        if (offset == 0 && declared is "WINDOWS-1256" or "CP1256")
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(1256)!.GetString(bytes);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException)
        {
            return CodePagesEncodingProvider.Instance.GetEncoding(1256)!.GetString(bytes);
        }
    }

    [GeneratedRegex(@"charset\s*=\s*[""']?([\w-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 5000)]
    private static partial Regex Charset();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline | RegexOptions.CultureInvariant, 5000)]
    private static partial Regex Comment();

    [GeneratedRegex(@"<(head|style|script|xml|title)\b[^>]*>.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 5000)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"<span\b[^>]*font-family:\s*(?:&quot;|[""'])?(?<font>Wingdings(?: 2)?)[^>]*>(?<text>[^<]*)</span>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 5000)]
    private static partial Regex Symbol();

    [GeneratedRegex(@"<input\b[^>]*type\s*=\s*[""']?checkbox[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 5000)]
    private static partial Regex CheckBox();

    [GeneratedRegex(@"<tr\b[^>]*>(?<cells>.*?)</tr\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 5000)]
    private static partial Regex Row();

    [GeneratedRegex(@"<t[dh]\b[^>]*>(?<text>.*?)</t[dh]\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 5000)]
    private static partial Regex Cell();

    [GeneratedRegex(@"<br\b[^>]*>|</(?:p|div|h[1-6]|li|table)\s*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 5000)]
    private static partial Regex Break();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant, 5000)]
    private static partial Regex Tag();
}
