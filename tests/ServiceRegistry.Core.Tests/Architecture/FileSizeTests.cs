using ServiceRegistry.Core.Tests.Imports;

namespace ServiceRegistry.Core.Tests.Architecture;

/// <summary>
/// No source file in <c>src</c> is over 400 lines: a longer file is doing several things, which belong in several files
/// (docs/decisions.md, "One rule, one place"). Migrations are left out (a migration is a record, written once), and so
/// are the front-end libraries from npm (node_modules, wwwroot/lib).
/// </summary>
public sealed class FileSizeTests
{
    public const int MaxLines = 400;

    private static readonly string[] SourceExtensions = [".cs", ".cshtml", ".js", ".css"];

    /// <summary>Migrations, and what npm and the build write (not ours to split).</summary>
    private static readonly string[] LeftOut = ["/Migrations/", "/wwwroot/lib/", "/node_modules/", "/obj/", "/bin/"];

    [Fact]
    public void SourceFiles_OutsideMigrations_AreAtMost400Lines()
    {
        // Arrange
        var src = Path.Combine(Fixtures.Root, "..", "..", "src");

        // Act
        var tooLong = SourceFiles(src)
            .Select(f => (File: Path.GetRelativePath(src, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.File}: {f.Lines} lines")
            .ToList();

        // Assert
        Assert.True(tooLong.Count == 0, $"over {MaxLines} lines:\n" + string.Join("\n", tooLong));
    }

    [Fact]
    public void SourceFiles_FindsTheCodeAndLeavesOutMigrationsAndLibraries()
    {
        // Arrange
        var src = Path.Combine(Fixtures.Root, "..", "..", "src");

        // Act
        var files = SourceFiles(src).Select(f => Path.GetRelativePath(src, f).Replace('\\', '/')).ToList();

        // Assert
        Assert.Contains("ServiceRegistry.Core/Cards/ServiceCard.cs", files);
        Assert.Contains(files, f => f.EndsWith(".cshtml", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Contains("/Migrations/", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Contains("/wwwroot/lib/", StringComparison.Ordinal) || f.Contains("/node_modules/", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Contains("/obj/", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal));
    }

    private static IEnumerable<string> SourceFiles(string src) =>
        Directory.EnumerateFiles(src, "*", SearchOption.AllDirectories)
            .Where(f => SourceExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Where(f =>
            {
                var path = f.Replace('\\', '/');
                return !LeftOut.Any(folder => path.Contains(folder, StringComparison.Ordinal));
            });
}
