using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ServiceRegistry.BrowserTests;

/// <summary>The text of a PDF as poppler's pdftotext reads it, folded for comparing with what was typed.</summary>
public static partial class PdfText
{
    public static async Task<string> ExtractAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pdftext-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(path);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return Fold(text);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>
    /// Drops direction marks and all white space (values wrap across lines, and pdftotext moves the spaces around
    /// neutral punctuation such as «،» and «-» between right-to-left words), and writes the lam-alef ligature (لا)
    /// the way pdftotext gives it back (ال), so an expected value folded the same way is found in the extracted text.
    /// </summary>
    public static string Fold(string text) =>
        Spaces().Replace(Marks().Replace(text, ""), "").Replace("لا", "ال", StringComparison.Ordinal);

    [GeneratedRegex("[\u200E\u200F\u202A-\u202E\u2066-\u2069]")]
    private static partial Regex Marks();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
