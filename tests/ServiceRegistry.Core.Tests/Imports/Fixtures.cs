using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Imports;

namespace ServiceRegistry.Core.Tests.Imports;

/// <summary>The test forms under tests/fixtures and the scorer (a copy of shared/tools/score-import).</summary>
internal static partial class Fixtures
{
    public static string Root { get; } = FindRoot();

    public static string Forms => Path.Combine(Root, "forms");
    public static string ExtraForms => Path.Combine(Root, "forms-extra");
    public static string DocxForms => Path.Combine(Root, "forms-docx");

    public static ImportResult Import(string folder, string file) =>
        LegacyFormImporter.Import(file, File.ReadAllBytes(Path.Combine(folder, file)));

    /// <summary>Imports every form in <paramref name="sources"/> (by name) to OUT/NAME.json.</summary>
    public static string ImportAll(IEnumerable<(string Name, byte[] Bytes)> sources)
    {
        var output = Directory.CreateTempSubdirectory("import-out-").FullName;
        foreach (var (name, bytes) in sources)
        {
            var result = LegacyFormImporter.Import(name, bytes);
            File.WriteAllText(Path.Combine(output, Path.GetFileNameWithoutExtension(name) + ".json"), CardJson.Serialize(result.Draft));
        }

        return output;
    }

    public static IEnumerable<(string Name, byte[] Bytes)> FilesIn(string folder, params string[] extensions) =>
        Directory.EnumerateFiles(folder).Where(f => extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllBytes(f)));

    public static bool HasPython { get; } = Which("python3");

    /// <summary>Runs the scorer and returns the mean it prints, with its full output for the failure message.</summary>
    public static (double Mean, string Output) Score(string goldDir, string outDir)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Root, "score-import"));
        start.ArgumentList.Add(goldDir);
        start.ArgumentList.Add(outDir);
        start.ArgumentList.Add("--verbose");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        var match = Mean().Match(output);
        Assert.True(match.Success, output);
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), output);
    }

    private static bool Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "fixtures");
            if (Directory.Exists(Path.Combine(candidate, "forms")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"import accuracy: ([0-9.]+)")]
    private static partial Regex Mean();
}
