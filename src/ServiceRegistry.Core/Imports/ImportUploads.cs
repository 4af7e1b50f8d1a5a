using System.Globalization;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// What happens to a file as it arrives in a browser upload, before anything reads it as a card: a legacy form
/// (.txt, .md, .docx, .doc, .rtf, .pdf, .htm) within its size bound is queued; a .zip adds its forms (each read within
/// <see cref="SafeZip"/>'s bounds, and all of them together within the batch's bound); anything else is refused
/// with the reason, so every file the person sent appears in the batch with an outcome.
/// </summary>
public static class ImportUploads
{
    /// <summary>What the upload field accepts.</summary>
    public static readonly IReadOnlyList<string> Accepted = [.. LegacyFormImporter.Extensions, ".zip"];

    /// <summary>Adds one uploaded file to <paramref name="batch"/>.</summary>
    /// <param name="batch">The upload's batch.</param>
    /// <param name="fileName">The name the browser sent (any folder part is dropped).</param>
    /// <param name="length">The file's size as uploaded.</param>
    /// <param name="read">Reads the file's bytes (called only when the file is within its bound).</param>
    /// <param name="budget">Bytes the batch may still store; lowered by what this file adds.</param>
    /// <param name="now">When the upload arrived.</param>
    /// <param name="ct">Bounds the time spent unpacking an archive: entries not read in time are refused with the reason.</param>
    public static async Task AddAsync(ImportBatch batch, string fileName, long length, Func<CancellationToken, Task<byte[]>> read,
        ImportBudget budget, DateTimeOffset now, CancellationToken ct)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        var ext = Path.GetExtension(name);
        if (length == 0)
        {
            batch.Refuse(name, "فایل خالی است.", now);
            return;
        }

        if (ext.Equals(".zip", StringComparison.OrdinalIgnoreCase))
        {
            if (length > SafeZip.MaxTotalBytes)
            {
                batch.Refuse(name, $"بایگانی {Megabytes(length)} مگابایت است؛ بیش از {SafeZip.MaxTotalBytes / 1024 / 1024} مگابایت پذیرفته نمی‌شود.", now);
                return;
            }

            AddZip(batch, name, await read(ct), budget, now, ct);
            return;
        }

        if (Refusal(ext, length) is { } refusal)
        {
            batch.Refuse(name, refusal, now);
            return;
        }

        var bytes = await read(ct);
        if (!budget.Take(bytes.LongLength))
        {
            batch.Refuse(name, budget.Exhausted, now);
            return;
        }

        batch.Queue(name, bytes);
    }

    /// <summary>Why a file of this kind and size is refused before reading it, or null.</summary>
    private static string? Refusal(string ext, long length)
    {
        if (ext.Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            return "پرونده JSON شناسنامه اینجا خوانده نمی‌شود؛ آن را با فرمان import یا API سامانه وارد کنید. این صفحه فرم‌های Word، PDF، صفحه وب و متنی (.docx، .doc، .rtf، .pdf، .htm، .txt، .md) را می‌خواند.";
        }

        if (!LegacyFormImporter.Extensions.Contains(ext, StringComparer.OrdinalIgnoreCase))
        {
            return $"پسوند «{(ext.Length == 0 ? "بدون پسوند" : ext)}» پشتیبانی نمی‌شود؛ فایل‌های .docx، .doc، .rtf، .pdf، .htm، .txt، .md یا بایگانی .zip را بفرستید.";
        }

        var max = ImportInputs.MaxBytes(ext);
        return length > max
            ? $"فایل {Megabytes(length)} مگابایت است؛ بیش از {max / 1024 / 1024} مگابایت پذیرفته نمی‌شود (یک شناسنامه چنین حجمی ندارد)."
            : null;
    }

    private static void AddZip(ImportBatch batch, string zipName, byte[] bytes, ImportBudget budget, DateTimeOffset now, CancellationToken ct)
    {
        var entries = ImportInputs.FromZip(zipName, bytes);
        if (entries.Count == 0)
        {
            batch.Refuse(zipName, "بایگانی هیچ فرمی (.docx، .doc، .rtf، .pdf، .htm، .txt، .md) ندارد.", now);
            return;
        }

        foreach (var entry in entries)
        {
            var name = entry.DisplayName;
            if (entry.Error is { } error || entry.Load is null)
            {
                batch.Refuse(name, entry.Error ?? "خوانده نشد.", now);
                continue;
            }

            if (entry.IsJson)
            {
                batch.Refuse(name, Refusal(entry.Extension, 1)!, now);
                continue;
            }

            if (budget.Left <= 0)
            {
                batch.Refuse(name, budget.Exhausted, now);
                continue;
            }

            try
            {
                var content = entry.Load(ct);
                if (!budget.Take(content.LongLength))
                {
                    batch.Refuse(name, budget.Exhausted, now);
                    continue;
                }

                batch.Queue(name, content);
            }
            catch (FormImportException ex)
            {
                batch.Refuse(name, ex.Message, now);
            }
            catch (OperationCanceledException)
            {
                batch.Refuse(name, "باز کردن بایگانی بیش از حد طول کشید؛ این فایل کنار گذاشته شد.", now);
            }
        }
    }

    private static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture);
}

/// <summary>How many bytes a batch may still store (what its files and unpacked archives add up to).</summary>
public sealed class ImportBudget(long bytes)
{
    public long Total { get; } = bytes;

    public long Left { get; private set; } = bytes;

    public string Exhausted => $"فایل‌های این بارگذاری (با بایگانی‌های باز شده) بیش از {Total / 1024 / 1024} مگابایت شد؛ بقیه را در بارگذاری دیگری بفرستید.";

    public bool Take(long size)
    {
        if (size > Left)
        {
            return false;
        }

        Left -= size;
        return true;
    }
}
