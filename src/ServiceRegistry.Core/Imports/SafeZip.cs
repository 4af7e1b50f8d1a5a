using System.IO.Compression;

namespace ServiceRegistry.Core.Imports;

/// <summary>Reads zip archives (.zip batches and .docx packages) within bounds, so a zip bomb is refused
/// instead of filling memory: a cap on entries, on each entry's real (not declared) size, and on the total.</summary>
public static class SafeZip
{
    public const int MaxEntries = 2_000;
    public const long MaxTotalBytes = 200L * 1024 * 1024;

    /// <summary>True when the bytes start like a zip archive.</summary>
    public static bool LooksLikeZip(ReadOnlySpan<byte> bytes) => bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] is 3 or 5 && bytes[3] is 4 or 6;

    /// <summary>Opens an archive, refusing it when it is not a zip or holds too many entries.</summary>
    public static ZipArchive Open(Stream stream)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            throw new FormImportException("فایل یک بایگانی zip سالم نیست: " + ex.Message, ex);
        }

        if (archive.Entries.Count > MaxEntries)
        {
            archive.Dispose();
            throw new FormImportException($"بایگانی {archive.Entries.Count:N0} فایل دارد (بیش از {MaxEntries:N0})؛ پذیرفته نشد.");
        }

        return archive;
    }

    /// <summary>Reads one entry, stopping as soon as it is bigger than <paramref name="maxBytes"/>, whatever its header says.</summary>
    public static byte[] ReadEntry(ZipArchiveEntry entry, long maxBytes, CancellationToken ct)
    {
        if (entry.Length > maxBytes)
        {
            throw new FormImportException($"«{entry.FullName}» باز شده {entry.Length / 1024 / 1024:N0} مگابایت است (بیش از {maxBytes / 1024 / 1024:N0})؛ احتمالاً بمب zip است.");
        }

        try
        {
            using var source = entry.Open();
            using var target = new MemoryStream((int)Math.Min(Math.Max(entry.Length, 0), maxBytes));
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                ct.ThrowIfCancellationRequested();
                total += read;
                if (total > maxBytes)
                {
                    throw new FormImportException($"«{entry.FullName}» باز شده بیش از {maxBytes / 1024 / 1024:N0} مگابایت است؛ احتمالاً بمب zip است.");
                }

                target.Write(buffer, 0, read);
            }

            return target.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new FormImportException($"«{entry.FullName}» در بایگانی خراب است: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Checks an Office package (.docx, .xlsx) before a reader that loads whole parts opens it: a zip within the entry
    /// cap, every declared size within the caps, and every XML part's real size within <paramref name="maxPartBytes"/>.
    /// </summary>
    public static void CheckPackage(byte[] package, long maxPartBytes, CancellationToken ct)
    {
        using var stream = new MemoryStream(package, writable: false);
        using var archive = Open(stream);
        CheckDeclaredSizes(archive, maxPartBytes);
        foreach (var entry in archive.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
        {
            ReadEntry(entry, maxPartBytes, ct); // the real sizes, not the declared ones
        }
    }

    /// <summary>Checks every entry's declared sizes against the caps (a cheap first defence before reading).</summary>
    public static void CheckDeclaredSizes(ZipArchive archive, long maxEntryBytes)
    {
        long total = 0;
        foreach (var entry in archive.Entries)
        {
            total += entry.Length;
            if (entry.Length > maxEntryBytes || total > MaxTotalBytes)
            {
                throw new FormImportException($"بایگانی باز شده بیش از حد بزرگ است («{entry.FullName}» {entry.Length / 1024 / 1024:N0} مگابایت)؛ احتمالاً بمب zip است.");
            }

            if (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > 1000 && entry.Length > 10 * 1024 * 1024)
            {
                throw new FormImportException($"«{entry.FullName}» بیش از هزار برابر فشرده شده است؛ احتمالاً بمب zip است.");
            }
        }
    }
}
