using System.Diagnostics;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Commands;

/// <summary>The executable's export, import and seed commands, run as a real process against a real database.</summary>
public sealed class CardFileCommandTests : IDisposable
{
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("sr-cmd-");

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task ExportImportExport_DemoCards_FilesValidateAndRoundTripIdentically()
    {
        // Arrange: a registry with the demo data, loaded by the seed command
        await using var source = new RegistryApp();
        var seed = await RegistryCommand.RunAsync(source.Settings, "seed", "--demo");
        Assert.True(seed.ExitCode == 0, seed.Error);
        var first = Path.Combine(_work.FullName, "first");
        var second = Path.Combine(_work.FullName, "second");

        // Act: export, import into an empty registry, export again
        var export1 = await RegistryCommand.RunAsync(source.Settings, "export", "--format", "json", "--out", first);
        await using var target = new RegistryApp();
        var import = await RegistryCommand.RunAsync(target.Settings, ["import", .. Directory.GetFiles(first, "*.json")]);
        var export2 = await RegistryCommand.RunAsync(target.Settings, "export", "--format", "json", "--out", second);

        // Assert
        Assert.True(export1.ExitCode == 0, export1.Error);
        Assert.True(import.ExitCode == 0, import.Output + import.Error);
        Assert.True(export2.ExitCode == 0, export2.Error);
        var firstFiles = Directory.GetFiles(first).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(7, firstFiles.Count); // five services; residence documents as a template and two instances
        Assert.Equal(firstFiles, Directory.GetFiles(second).Select(Path.GetFileName).Order().ToList());
        foreach (var name in firstFiles)
        {
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(first, name!)), await File.ReadAllTextAsync(Path.Combine(second, name!)));
        }

        AssertValidAgainstSpecSchema(first);
    }

    [Fact]
    public async Task Import_BadFile_ReportsFieldAndPosition_StoresNothingFromIt_ImportsTheOthers()
    {
        // Arrange
        await using var app = new RegistryApp();
        var good = Path.Combine(_work.FullName, "good.json");
        var bad = Path.Combine(_work.FullName, "bad.json");
        await File.WriteAllTextAsync(good, """{ "title": "خدمت سالم", "provider": { "agency": "اداره نمونه" } }""");
        await File.WriteAllTextAsync(bad, "{\n  \"title\": \"خدمت خراب\",\n  \"recipients\": { \"count\": -3 }\n}");
        var output = Path.Combine(_work.FullName, "out");

        // Act
        var import = await RegistryCommand.RunAsync(app.Settings, "import", good, bad);
        var export = await RegistryCommand.RunAsync(app.Settings, "export", "--out", output);

        // Assert
        Assert.Equal(1, import.ExitCode);
        Assert.Contains("bad.json: failed: line 3, column 19: $.recipients.count:", import.Error, StringComparison.Ordinal);
        Assert.Contains("imported 1, needs review 0 (0 unsure fields), failed 1", import.Output, StringComparison.Ordinal);
        var stored = Directory.GetFiles(output).Select(File.ReadAllText).ToList();
        Assert.Single(stored);
        Assert.Contains("خدمت سالم", stored[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_UnknownAgencyId_FailsClearlyAndStoresNothing()
    {
        await using var app = new RegistryApp();
        var file = Path.Combine(_work.FullName, "card.json");
        await File.WriteAllTextAsync(file, """{ "title": "خدمت" }""");

        var import = await RegistryCommand.RunAsync(app.Settings, "import", file, "--agency", "999");

        Assert.Equal(2, import.ExitCode);
        Assert.Contains("999", import.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_UnknownFormat_IsRefused()
    {
        await using var app = new RegistryApp();
        var export = await RegistryCommand.RunAsync(app.Settings, "export", "--format", "docx", "--out", _work.FullName);
        Assert.NotEqual(0, export.ExitCode);
    }

    [Fact]
    public async Task Export_FacetOptions_FilterAsTheListApiDoes_AndBadValuesAreRefused()
    {
        // Arrange: the demo registry
        await using var app = new RegistryApp();
        var seed = await RegistryCommand.RunAsync(app.Settings, "seed", "--demo");
        Assert.True(seed.ExitCode == 0, seed.Error);
        var file = Path.Combine(_work.FullName, "g2c.csv");

        // Act: the command's facet options (read through the catalog's facet table), and the list API's address
        var export = await RegistryCommand.RunAsync(app.Settings, "export", "--format", "csv", "--type", "g2c", "--life-event", "documentsAndCertificates", "--out", file);
        var bad = await RegistryCommand.RunAsync(app.Settings, "export", "--format", "csv", "--maturity", "9", "--agency", "x", "--out", file + ".bad");
        // the API's export of the same address: per card, as the command (the list API shows a national service once)
        var apiCsv = await app.CreateBrowserlessClient().GetStringAsync(
            "/api/v1/services/export?format=csv&type=G2C&lifeEvent=documentsAndCertificates", TestContext.Current.CancellationToken);

        // Assert
        Assert.True(export.ExitCode == 0, export.Error);
        var exported = Catalog.FilterParityTests.CsvRows((await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).TrimStart('\uFEFF')).Skip(1)
            .Select(row => int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        var listed = Catalog.FilterParityTests.CsvRows(apiCsv.TrimStart('\uFEFF')).Skip(1)
            .Select(row => int.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.NotEmpty(listed);
        Assert.Equal(listed, exported);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--maturity: سطح آمادگی الکترونیکی باید بین ۰ تا ۴ باشد.", bad.Error, StringComparison.Ordinal);
        Assert.Contains("--agency: شناسه دستگاه نامعتبر «x».", bad.Error, StringComparison.Ordinal);
    }

    /// <summary>Validates every file with the reference JSON Schema implementation (python3 jsonschema, on machines of this kind).</summary>
    private static void AssertValidAgainstSpecSchema(string directory)
    {
        var schema = Path.Combine(AppContext.BaseDirectory, "spec", "service-card.schema.json");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("""
            import json, sys, glob, jsonschema
            schema = json.load(open(sys.argv[1]))
            v = jsonschema.Draft202012Validator(schema)
            n = 0
            for f in sorted(glob.glob(sys.argv[2] + '/*.json')):
                errs = list(v.iter_errors(json.load(open(f))))
                for e in errs: print(f, list(e.path), e.message)
                n += 1 if not errs else 0
            print('valid', n)
            """);
        start.ArgumentList.Add(schema);
        start.ArgumentList.Add(directory);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, output);
        Assert.Contains($"valid {Directory.GetFiles(directory, "*.json").Length}", output, StringComparison.Ordinal);
    }
}
