using System.Diagnostics;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// Converts Word 97–2003 (.doc) and .rtf files to .docx with LibreOffice (<c>soffice --headless --convert-to docx</c>),
/// so the .docx reader reads them. Each conversion runs in its own temporary folder with its own LibreOffice
/// profile (conversions do not share or lock a profile), within a time limit, and the process is killed past it.
/// Without LibreOffice the file fails with a Persian message saying what to install.
/// </summary>
public static class LegacyWordConverter
{
    /// <summary>Long enough for LibreOffice's start on a busy two-core server (25 s was not, with the test suites running
    /// beside it), short enough that a conversion that hangs frees its import worker.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The soffice program: $REGISTRY_SOFFICE, else soffice or libreoffice on the PATH.</summary>
    public static string? Program { get; } = Find();

    public static byte[] ToDocx(byte[] bytes, string extension, CancellationToken ct) => ToDocx(bytes, extension, Program, ct);

    internal static byte[] ToDocx(byte[] bytes, string extension, string? program, CancellationToken ct)
    {
        if (program is null)
        {
            throw new FormImportException("برای خواندن فایل‌های .doc و .rtf نرم‌افزار LibreOffice Writer روی کارساز لازم است و نصب نیست. مدیر سامانه آن را نصب کند (در Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui)، یا فایل را در Word به صورت .docx ذخیره کنید و دوباره بفرستید.");
        }

        var folder = Directory.CreateTempSubdirectory("registry-doc-");
        try
        {
            var input = Path.Combine(folder.FullName, "form" + extension.ToLowerInvariant());
            File.WriteAllBytes(input, bytes);
            var start = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                "-env:UserInstallation=" + new Uri(Path.Combine(folder.FullName, "profile")).AbsoluteUri, "--headless", "--norestore", "--nolockcheck",
                "--convert-to", "docx:MS Word 2007 XML", "--outdir", Path.Combine(folder.FullName, "out"), input,
            })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new FormImportException("LibreOffice اجرا نشد.");
            _ = process.StandardOutput.ReadToEndAsync(ct);
            _ = process.StandardError.ReadToEndAsync(ct);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(Timeout);
            try
            {
                process.WaitForExitAsync(timeout.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                throw new FormImportException($"تبدیل فایل {extension} با LibreOffice بیش از {Timeout.TotalSeconds:F0} ثانیه طول کشید و متوقف شد.");
            }

            var output = Path.Combine(folder.FullName, "out", "form.docx");
            if (process.ExitCode != 0 || !File.Exists(output))
            {
                throw new FormImportException($"LibreOffice فایل {extension} را نخواند؛ فایل خراب است یا سند Word نیست (اگر LibreOffice Writer نصب نیست: sudo apt-get install libreoffice-writer-nogui).");
            }

            return File.ReadAllBytes(output);
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // a process still holding a file: the temp folder is cleaned by the system
            }
            catch (UnauthorizedAccessException)
            {
                // as above
            }
        }
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("REGISTRY_SOFFICE") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            foreach (var name in new[] { "soffice", "libreoffice" })
            {
                var candidate = Path.Combine(dir, name);
                if (dir.Length > 0 && File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
