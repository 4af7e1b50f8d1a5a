using System.Buffers.Binary;
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

        int count;
        try
        {
            count = archive.Entries.Count;
        }
        catch (InvalidDataException ex)
        {
            archive.Dispose();
            throw new FormImportException("فایل یک بایگانی zip سالم نیست: " + ex.Message, ex);
        }

        if (count > MaxEntries)
        {
            archive.Dispose(); // the count is read before: a disposed archive has no entries to count
            throw new FormImportException($"بایگانی {count:N0} فایل دارد (بیش از {MaxEntries:N0})؛ پذیرفته نشد.");
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
    /// cap, every declared size within the caps, and every part's real size (inflated from the raw bytes, see <see cref="CheckRealSizes"/>) no larger
    /// than its headers declare.
    /// </summary>
    public static void CheckPackage(byte[] package, long maxPartBytes, CancellationToken ct)
    {
        using (var stream = new MemoryStream(package, writable: false))
        using (var archive = Open(stream))
        {
            CheckDeclaredSizes(archive, maxPartBytes);
        }

        CheckRealSizes(package, ct);
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

    /// <summary>
    /// Inflates every entry of <paramref name="zip"/> from its raw bytes (found through the central directory) and
    /// counts what comes out, refusing an entry that yields more than its headers declare. ZipArchive stops reading an
    /// entry at its declared size, so a part whose headers lie would otherwise be read cut short and reported as a
    /// broken or missing part rather than as the bomb it is. Reading stops one byte past the declared size, which
    /// <see cref="CheckDeclaredSizes"/> has already bounded. Archives this reader cannot walk (Zip64, a damaged
    /// directory) are left to ZipArchive, which has already opened them within the same declared bounds.
    /// </summary>
    public static void CheckRealSizes(byte[] zip, CancellationToken ct)
    {
        var span = zip.AsSpan();
        var end = FindEndOfCentralDirectory(span);
        if (end < 0)
        {
            return;
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(span[(end + 10)..]);
        var at = (long)BinaryPrimitives.ReadUInt32LittleEndian(span[(end + 16)..]);
        var buffer = new byte[81920];
        for (var i = 0; i < count && at + 46 <= zip.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            var entry = span[(int)at..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(entry) != 0x02014b50)
            {
                return;
            }

            var method = BinaryPrimitives.ReadUInt16LittleEndian(entry[10..]);
            var compressed = BinaryPrimitives.ReadUInt32LittleEndian(entry[20..]);
            var declared = BinaryPrimitives.ReadUInt32LittleEndian(entry[24..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(entry[28..]);
            var skip = nameLength + BinaryPrimitives.ReadUInt16LittleEndian(entry[30..]) + BinaryPrimitives.ReadUInt16LittleEndian(entry[32..]);
            var local = (long)BinaryPrimitives.ReadUInt32LittleEndian(entry[42..]);
            var name = at + 46 + nameLength <= zip.Length ? System.Text.Encoding.UTF8.GetString(entry.Slice(46, nameLength)) : "?";
            at += 46 + skip;
            if (method != 8 || compressed == uint.MaxValue || declared == uint.MaxValue || local + 30 > zip.Length
                || BinaryPrimitives.ReadUInt32LittleEndian(span[(int)local..]) != 0x04034b50)
            {
                continue; // stored entries are as long as their bytes; Zip64 and damaged entries stay ZipArchive's
            }

            var data = local + 30 + BinaryPrimitives.ReadUInt16LittleEndian(span[(int)(local + 26)..]) + BinaryPrimitives.ReadUInt16LittleEndian(span[(int)(local + 28)..]);
            if (data + compressed > zip.Length)
            {
                continue;
            }

            using var inflate = new DeflateStream(new MemoryStream(zip, (int)data, (int)compressed, writable: false), CompressionMode.Decompress);
            long total = 0;
            try
            {
                int read;
                while ((read = inflate.Read(buffer, 0, buffer.Length)) > 0)
                {
                    ct.ThrowIfCancellationRequested();
                    total += read;
                    if (total > declared)
                    {
                        throw new FormImportException($"«{name}» بیش از اندازه‌ای که سرآیندش می‌گوید ({declared:N0} بایت) باز می‌شود؛ سرآیندهای اندازه دروغ می‌گویند و احتمالاً بمب zip است.");
                    }
                }
            }
            catch (InvalidDataException ex)
            {
                throw new FormImportException($"«{name}» در بایگانی خراب است: {ex.Message}", ex);
            }
        }
    }

    /// <summary>The offset of the end-of-central-directory record (searched from the end, past a comment of up to 64 KB), or -1.</summary>
    private static int FindEndOfCentralDirectory(ReadOnlySpan<byte> zip)
    {
        for (var i = zip.Length - 22; i >= Math.Max(0, zip.Length - 22 - ushort.MaxValue); i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip[i..]) == 0x06054b50)
            {
                return i;
            }
        }

        return -1;
    }
}
