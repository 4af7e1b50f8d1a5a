using ServiceRegistry.Core.Exchange;

namespace ServiceRegistry.Core.Imports;

/// <summary>One file of an import batch: a file on disk or an entry of a .zip. <see cref="Load"/> reads it
/// within the size bounds; <see cref="Error"/> is set when the batch could not even list it.</summary>
public sealed record ImportInput(string DisplayName, string Stem, string Extension, Func<CancellationToken, byte[]>? Load, string? Error = null)
{
    public bool IsJson => Extension.Equals(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The path on disk, for inputs that are files (not zip entries).</summary>
    public string? Path { get; init; }
}

/// <summary>Expands the paths of an import command: folders to their card files, .zip archives to their
/// entries (within <see cref="SafeZip"/>'s bounds), in natural name order.</summary>
public static class ImportInputs
{
    public static readonly IReadOnlyList<string> Readable = [.. LegacyFormImporter.Extensions, ".json"];

    /// <summary>Largest file of any kind taken into a batch (text and Word files have their own lower limits).</summary>
    public static long MaxBytes(string extension) => extension.ToUpperInvariant() switch
    {
        ".JSON" => CardFiles.MaxFileBytes,
        _ => LegacyFormImporter.MaxBytes(extension),
    };

    /// <summary>The files of a batch in natural name order (2 before 10), folders and .zip files expanded in place, so
    /// an export imported again gets its cards back in the same order (and, in an empty registry, the same ids).</summary>
    public static IReadOnlyList<ImportInput> Expand(IEnumerable<string> paths)
    {
        var inputs = new List<ImportInput>();
        foreach (var path in paths.Order(NaturalOrder.Instance))
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.EnumerateFiles(path).Order(NaturalOrder.Instance))
                {
                    var ext = System.IO.Path.GetExtension(file);
                    if (ext.Equals(".zip", StringComparison.OrdinalIgnoreCase))
                    {
                        inputs.AddRange(FromZip(file));
                    }
                    else if (Readable.Contains(ext, StringComparer.OrdinalIgnoreCase))
                    {
                        inputs.Add(FromFile(file));
                    }
                }

                continue;
            }

            if (System.IO.Path.GetExtension(path).Equals(".zip", StringComparison.OrdinalIgnoreCase))
            {
                inputs.AddRange(FromZip(path));
                continue;
            }

            inputs.Add(FromFile(path));
        }

        return inputs;
    }

    private static ImportInput FromFile(string file)
    {
        var ext = System.IO.Path.GetExtension(file);
        var stem = System.IO.Path.GetFileNameWithoutExtension(file);
        if (!Readable.Contains(ext, StringComparer.OrdinalIgnoreCase))
        {
            return new ImportInput(file, stem, ext, null, $"پسوند «{ext}» پشتیبانی نمی‌شود (.txt، .md، .docx، .doc، .rtf، .pdf، .htm، .json یا .zip).") { Path = file };
        }

        return new ImportInput(file, stem, ext, ct => ReadFile(file, MaxBytes(ext), ct)) { Path = file };
    }

    private static byte[] ReadFile(string file, long maxBytes, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            throw new FormImportException("فایل پیدا نشد.");
        }

        var length = new FileInfo(file).Length;
        if (length > maxBytes)
        {
            throw new FormImportException($"فایل {length / 1024 / 1024:N0} مگابایت است؛ بیش از {maxBytes / 1024 / 1024} مگابایت پذیرفته نمی‌شود.");
        }

        ct.ThrowIfCancellationRequested();
        return File.ReadAllBytes(file);
    }

    private static IReadOnlyList<ImportInput> FromZip(string zipPath)
    {
        var length = new FileInfo(zipPath).Length;
        if (length > SafeZip.MaxTotalBytes)
        {
            return [new ImportInput(zipPath, System.IO.Path.GetFileNameWithoutExtension(zipPath), ".zip", null, "بایگانی بیش از حد بزرگ است.")];
        }

        try
        {
            return FromZip(zipPath, File.ReadAllBytes(zipPath));
        }
        catch (IOException ex)
        {
            return [new ImportInput(zipPath, System.IO.Path.GetFileNameWithoutExtension(zipPath), ".zip", null, "بایگانی خوانده نشد: " + ex.Message)];
        }
    }

    /// <summary>The card files inside a .zip (an uploaded one, or one read from disk), each read lazily within
    /// <see cref="SafeZip"/>'s bounds; an archive that cannot be opened is one input with its error.</summary>
    public static IReadOnlyList<ImportInput> FromZip(string zipName, byte[] bytes)
    {
        var inputs = new List<ImportInput>();
        try
        {
            if (bytes.LongLength > SafeZip.MaxTotalBytes)
            {
                return [new ImportInput(zipName, System.IO.Path.GetFileNameWithoutExtension(zipName), ".zip", null, "بایگانی بیش از حد بزرگ است.")];
            }

            using var archive = SafeZip.Open(new MemoryStream(bytes, writable: false));
            long declared = 0;
            foreach (var entry in archive.Entries.OrderBy(e => e.FullName, NaturalOrder.Instance))
            {
                var ext = System.IO.Path.GetExtension(entry.Name);
                if (entry.Name.Length == 0 || !Readable.Contains(ext, StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = $"{zipName}!{entry.FullName}";
                declared += Math.Max(entry.Length, 0);
                if (declared > SafeZip.MaxTotalBytes)
                {
                    inputs.Add(new ImportInput(name, System.IO.Path.GetFileNameWithoutExtension(entry.Name), ext, null, "بایگانی باز شده بیش از حد بزرگ است؛ احتمالاً بمب zip است."));
                    continue;
                }

                var fullName = entry.FullName;
                inputs.Add(new ImportInput(name, System.IO.Path.GetFileNameWithoutExtension(entry.Name), ext, ct =>
                {
                    using var again = SafeZip.Open(new MemoryStream(bytes, writable: false));
                    return SafeZip.ReadEntry(again.GetEntry(fullName)!, MaxBytes(ext), ct);
                }));
            }
        }
        catch (FormImportException ex)
        {
            inputs.Add(new ImportInput(zipName, System.IO.Path.GetFileNameWithoutExtension(zipName), ".zip", null, ex.Message));
        }
        catch (IOException ex)
        {
            inputs.Add(new ImportInput(zipName, System.IO.Path.GetFileNameWithoutExtension(zipName), ".zip", null, "بایگانی خوانده نشد: " + ex.Message));
        }

        return inputs;
    }
}
