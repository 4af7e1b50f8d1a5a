using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// Reads a digital PDF's text layer (PdfPig) as the importer's text: letters grouped into lines by baseline,
/// placed by position (so the order the PDF stores them in does not matter), wide gaps as cell breaks. Persian
/// comes out of PDFs in visual order and in Arabic presentation forms: a right-to-left line is reversed (numbers
/// and Latin runs kept left to right) and every glyph is folded back to its letter (NFKC).
/// A PDF without a text layer (a scan) is refused with a reason.
/// </summary>
public static class PdfFormReader
{
    public static string ReadText(byte[] pdf, CancellationToken ct)
    {
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(pdf);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new FormImportException("فایل PDF خراب است یا رمز دارد و خوانده نشد.", ex);
        }

        using (document)
        {
            var sb = new StringBuilder();
            var letters = 0;
            try
            {
                foreach (var page in document.GetPages())
                {
                    ct.ThrowIfCancellationRequested();
                    var pageLetters = page.Letters.Where(l => l.Value.Length > 0).ToList();
                    letters += pageLetters.Count(l => !string.IsNullOrWhiteSpace(l.Value));
                    foreach (var row in Rows(Lines(pageLetters).Select(Cells)))
                    {
                        sb.Append(string.Join('\t', row.Select(c => c.Text))).Append('\n');
                    }
                }
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or FormImportException))
            {
                throw new FormImportException("فایل PDF خراب است و خوانده نشد.", ex);
            }

            if (letters == 0)
            {
                throw new FormImportException("این PDF لایه متن ندارد (تصویر اسکن‌شده است) و متن آن خوانده نمی‌شود؛ نسخه Word یا PDF ساخته‌شده از Word را بدهید، یا متن را با نرم‌افزار نویسه‌خوان (OCR) استخراج کنید.");
            }

            return sb.ToString();
        }
    }

    /// <summary>Letters in lines, top to bottom, each line left to right as drawn.</summary>
    private static IEnumerable<List<Letter>> Lines(List<Letter> letters)
    {
        var lines = new List<(double Y, double Height, List<Letter> Letters)>();
        foreach (var letter in letters.OrderByDescending(l => l.StartBaseLine.Y))
        {
            var height = Math.Max(letter.BoundingBox.Height, letter.PointSize * 0.5);
            if (lines.Count > 0 && Math.Abs(lines[^1].Y - letter.StartBaseLine.Y) <= Math.Max(2, 0.4 * lines[^1].Height))
            {
                lines[^1].Letters.Add(letter);
                continue;
            }

            lines.Add((letter.StartBaseLine.Y, height, [letter]));
        }

        return lines.Select(l => l.Letters.OrderBy(Left).ToList());
    }

    private static double Left(Letter l) => Math.Min(l.StartBaseLine.X, l.EndBaseLine.X);

    private static double Right(Letter l) => Math.Max(l.StartBaseLine.X, l.EndBaseLine.X);

    /// <summary>One cell of a drawn line, in logical text, with where it was drawn.</summary>
    private sealed record PdfCell(string Text, double Left, double Right, double Y);

    /// <summary>Joins the lines a table cell wrapped onto (a line that starts, on the reading side, inside the
    /// row above's second cell or further, or a single piece inside the row's first column just below it) to the
    /// cells of the row it continues.</summary>
    private static List<List<PdfCell>> Rows(IEnumerable<(List<PdfCell> Cells, bool RightToLeft, double Size)> lines)
    {
        var rows = new List<(List<PdfCell> Cells, bool RightToLeft)>();
        var y = double.MaxValue;
        foreach (var (cells, rtl, size) in lines)
        {
            if (cells.Count == 0)
            {
                continue;
            }

            if (rows.Count > 0 && rows[^1].Cells.Count > 1 && rows[^1].RightToLeft == rtl)
            {
                var above = rows[^1].Cells;
                var tolerance = 0.5 * size;
                var continues = (rtl ? cells.Max(c => c.Right) < above[0].Left : cells.Min(c => c.Left) > above[0].Right)
                    || (cells.Count == 1 && y - cells[0].Y <= 1.6 * size && cells[0].Left >= above[0].Left - tolerance && cells[0].Right <= above[0].Right + tolerance);
                if (continues)
                {
                    for (var i = 0; i < above.Count; i++)
                    {
                        var parts = cells.Where(c => Nearest(above, c) == i).Select(c => c.Text).ToList();
                        if (parts.Count > 0)
                        {
                            above[i] = above[i] with { Text = above[i].Text + " " + string.Join(" ", parts) };
                        }
                    }

                    y = cells[0].Y;
                    continue;
                }
            }

            rows.Add((cells, rtl));
            y = cells[0].Y;
        }

        return rows.Select(r => r.Cells).ToList();
    }

    private static int Nearest(List<PdfCell> cells, PdfCell cell)
    {
        var middle = (cell.Left + cell.Right) / 2;
        var best = 0;
        for (var i = 1; i < cells.Count; i++)
        {
            if (Distance(cells[i], middle) < Distance(cells[best], middle))
            {
                best = i;
            }
        }

        return best;
    }

    private static double Distance(PdfCell cell, double x) => x < cell.Left ? cell.Left - x : x > cell.Right ? x - cell.Right : 0;

    /// <summary>One drawn line as logical cells: cells at wide gaps, words at narrow ones (or at the PDF's own
    /// spaces), right to left when the line holds Persian (a URL beside its Persian label included).</summary>
    private static (List<PdfCell> Cells, bool RightToLeft, double Size) Cells(List<Letter> line)
    {
        var size = line.Select(l => l.PointSize).DefaultIfEmpty(10).Max();
        var cells = new List<(List<string> Glyphs, double Left, double Right)>();
        Letter? previous = null;
        var spaced = false;
        foreach (var letter in line)
        {
            if (string.IsNullOrWhiteSpace(letter.Value))
            {
                spaced = true;
                continue;
            }

            var gap = previous is null ? double.MaxValue : Left(letter) - Right(previous);
            if (gap > 1.2 * size)
            {
                cells.Add(([], Left(letter), Right(letter)));
            }
            else if (spaced || gap > 0.3 * size)
            {
                cells[^1].Glyphs.Add(" ");
            }

            cells[^1].Glyphs.Add(letter.Value);
            cells[^1] = (cells[^1].Glyphs, cells[^1].Left, Math.Max(cells[^1].Right, Right(letter)));
            previous = letter;
            spaced = false;
        }

        var baseline = line[0].StartBaseLine.Y;
        var persian = line.Count(l => l.Value.Length > 0 && IsRtl(l.Value[0]));
        var latin = line.Count(l => l.Value.Length > 0 && char.IsAsciiLetter(l.Value[0]));
        if (persian == 0 || persian * 3 < latin)
        {
            return ([.. cells.Select(c => new PdfCell(Fold(string.Concat(c.Glyphs)), c.Left, c.Right, baseline))], false, size);
        }

        cells.Reverse();
        return ([.. cells.Select(c => new PdfCell(Fold(c.Glyphs.Any(g => g.Length > 0 && IsRtl(g[0])) ? RightToLeft(c.Glyphs) : string.Concat(c.Glyphs)), c.Left, c.Right, baseline))], true, size);
    }

    /// <summary>Glyphs drawn left to right, read right to left: reversed, with runs of digits and Latin letters
    /// kept in their order (brackets come out of the PDF already as read).</summary>
    private static string RightToLeft(List<string> glyphs)
    {
        var reversed = new List<string>(glyphs);
        reversed.Reverse();
        var sb = new StringBuilder();
        for (var i = 0; i < reversed.Count;)
        {
            if (!IsLeftToRight(reversed[i]))
            {
                sb.Append(reversed[i]);
                i++;
                continue;
            }

            var j = i;
            while (j < reversed.Count && (IsLeftToRight(reversed[j]) || (IsNeutral(reversed[j]) && j + 1 < reversed.Count && IsLeftToRight(reversed[j + 1]))))
            {
                j++;
            }

            for (var k = j - 1; k >= i; k--)
            {
                sb.Append(reversed[k]);
            }

            i = j;
        }

        return sb.ToString();
    }

    private static bool IsRtl(char c) => c is >= '\u0590' and <= '\u08FF' or >= '\uFB1D' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF';

    private static bool IsLeftToRight(string glyph) => glyph.Length > 0 && (char.IsAsciiLetterOrDigit(glyph[0]) || glyph[0] is >= '۰' and <= '۹' or >= '٠' and <= '٩');

    private static bool IsNeutral(string glyph) => glyph is "." or "," or "/" or ":" or "-" or "_" or "@" or "٬" or "٫" or "%" or "?" or "=" or "&" or "#";

    private static string Fold(string text) => text.Normalize(NormalizationForm.FormKC).Replace("\u0640", "", StringComparison.Ordinal) is var s && s.Length > 0 ? s.Trim() : string.Empty;
}
