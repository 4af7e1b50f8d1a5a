using System.Text;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// Turns one legacy service card (text exported from Word/PDF, a Markdown or label-value page, or a .docx of
/// the official form) into a draft card in the spec's vocabulary, with everything it could not place in
/// <c>unmapped</c> and where each field came from. Pure: no database, no files; bounded in size and time.
/// </summary>
public static class LegacyFormImporter
{
    public const long MaxTextBytes = 10L * 1024 * 1024;
    public const long MaxDocxBytes = 20L * 1024 * 1024;

    /// <summary>The file kinds this importer reads.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".txt", ".md", ".docx", ".htm", ".html", ".pdf", ".doc", ".rtf"];

    /// <summary>The size bound of a file of this kind: Word, PDF and converted files 20 MB, text and web pages 10 MB.</summary>
    public static long MaxBytes(string extension) => extension.ToUpperInvariant() switch
    {
        ".DOCX" or ".PDF" or ".DOC" or ".RTF" => MaxDocxBytes,
        _ => MaxTextBytes,
    };

    /// <summary>How many anchors there are (Enum.GetValues allocates and reflects on every call: 2.5 % of a text import).</summary>
    private static readonly int AnchorCount = Enum.GetValues<Anchor>().Length;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool CanRead(string fileName) =>
        Extensions.Contains(Path.GetExtension(fileName), StringComparer.OrdinalIgnoreCase);

    /// <summary>Imports a file's bytes; the extension says how to read them.</summary>
    /// <exception cref="FormImportException">The file is not a card that can be read (the message says why).</exception>
    public static ImportResult Import(string fileName, byte[] bytes, CancellationToken ct = default)
    {
        var (text, markdown) = ReadText(fileName, bytes, ct);
        return ImportText(text, markdown, ct);
    }

    /// <summary>The text the importer reads from a file (what a person compares the draft with): decoded text,
    /// or the paragraphs and table rows of a .docx; within the size bounds.</summary>
    /// <exception cref="FormImportException">The file is empty, too big, binary or a broken Word file.</exception>
    public static (string Text, bool Markdown) ReadText(string fileName, byte[] bytes, CancellationToken ct = default)
    {
        var extension = Path.GetExtension(fileName).ToUpperInvariant();
        if (bytes.Length == 0)
        {
            throw new FormImportException("فایل خالی است.");
        }

        if (extension is ".DOCX" or ".PDF" or ".DOC" or ".RTF")
        {
            if (bytes.Length > MaxDocxBytes)
            {
                throw new FormImportException($"فایل {extension.ToLowerInvariant()} بزرگ‌تر از {MaxDocxBytes / 1024 / 1024} مگابایت است؛ یک شناسنامه چنین حجمی ندارد.");
            }

            return extension switch
            {
                ".PDF" => (PdfFormReader.ReadText(bytes, ct), false),
                ".DOC" or ".RTF" => (DocxFormReader.ReadText(LegacyWordConverter.ToDocx(bytes, extension, ct), ct), false),
                _ => (DocxFormReader.ReadText(bytes, ct), false),
            };
        }

        if (bytes.Length > MaxTextBytes)
        {
            throw new FormImportException($"فایل بزرگ‌تر از {MaxTextBytes / 1024 / 1024} مگابایت است؛ یک شناسنامه چنین حجمی ندارد.");
        }

        if (SafeZip.LooksLikeZip(bytes))
        {
            throw new FormImportException("این فایل یک بایگانی zip (یا سند Word) است، نه متن؛ پسوند آن را درست کنید.");
        }

        if (extension is ".HTM" or ".HTML")
        {
            try
            {
                return (HtmlFormReader.ReadText(bytes, ct), false);
            }
            catch (System.Text.RegularExpressions.RegexMatchTimeoutException ex)
            {
                throw new FormImportException("صفحه وب بیش از حد پیچیده است و در زمان مجاز خوانده نشد.", ex);
            }
        }

        return (Decode(bytes), extension == ".MD");
    }

    /// <summary>Imports the text of a form.</summary>
    /// <exception cref="FormImportException">The text is not a service card.</exception>
    public static ImportResult ImportText(string text, bool markdown = false, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormImportException("فایل خالی است.");
        }

        CheckLanguage(text);
        var document = FormText.Parse(text, markdown, ct);
        var seen = new bool[AnchorCount];
        var labels = 0;
        foreach (var p in document.Pieces)
        {
            if (p.IsAnchor && p.Anchor is not (Anchor.Boilerplate or Anchor.Section) && !seen[(int)p.Anchor])
            {
                seen[(int)p.Anchor] = true;
                labels++;
            }
        }

        if (labels < 2)
        {
            throw new FormImportException("هیچ‌یک از برچسب‌های فرم شناسنامه خدمت (عنوان خدمت، شرح خدمت، نوع خدمت…) در فایل پیدا نشد؛ این فایل شناسنامه خدمت نیست.");
        }

        return FieldExtractor.Extract(document, ct);
    }

    /// <summary>UTF-8 (with or without BOM) or UTF-16 with BOM; old Persian exports in Windows-1256 too.</summary>
    private static string Decode(byte[] bytes)
    {
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            return (bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode).GetString(bytes, 2, bytes.Length - 2);
        }

        var nul = bytes.AsSpan(0, Math.Min(bytes.Length, 64 * 1024)).Count((byte)0);
        if (nul > 0)
        {
            throw new FormImportException("فایل متنی نیست (داده دودویی دارد)؛ شناسنامه را به صورت .txt، .md یا .docx بدهید.");
        }

        var offset = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException)
        {
            var arabic = CodePagesEncodingProvider.Instance.GetEncoding(1256)!.GetString(bytes); // not registered globally: taken from the provider
            if (arabic.Count(c => c is >= '\u0600' and <= '\u06FF') > arabic.Length / 10)
            {
                return arabic;
            }

            throw new FormImportException("فایل متنی نیست یا کدگذاری آن شناخته نشد (UTF-8، UTF-16 یا Windows-1256 نیست).");
        }
    }

    /// <summary>A service card is written in Persian: refuse text that is mostly other letters, or control bytes.</summary>
    private static void CheckLanguage(string text)
    {
        long persian = 0, letters = 0, control = 0;
        var sample = text.AsSpan(0, Math.Min(text.Length, 256 * 1024));
        foreach (var c in sample)
        {
            if (c is >= '\u0620' and <= '\u064A' or >= '\u066E' and <= '\u06D3' or >= '\uFB50' and <= '\uFEFC')
            {
                letters++;
                persian++;
            }
            else if (char.IsAsciiLetter(c) || (c > '\u00BF' && char.IsLetter(c)))
            {
                letters++;
            }
            else if (c < ' ' && c is not ('\n' or '\r' or '\t' or '\f' or '\v'))
            {
                control++;
            }
        }

        if (control > sample.Length / 100 + 8)
        {
            throw new FormImportException("فایل متنی نیست (نویسه‌های کنترلی دارد)؛ شناسنامه را به صورت .txt، .md یا .docx بدهید.");
        }

        if (persian < 20 || persian < letters / 4)
        {
            throw new FormImportException("متن فایل فارسی نیست؛ این فایل شناسنامه خدمت (به زبان فارسی) نیست.");
        }
    }
}
