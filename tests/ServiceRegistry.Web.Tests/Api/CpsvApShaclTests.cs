using System.Diagnostics;
using System.Text.Json.Nodes;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Api;

/// <summary>
/// The CPSV-AP JSON-LD export against SEMIC's CPSV-AP 3.2.0 SHACL shapes (vendor/cpsv-ap-3.2.0, unchanged), checked by
/// rdf-validate-shacl (tools/shacl, installed by <c>npm ci --prefix tools/shacl</c>, which scripts/test.sh runs): the
/// catalog export of the demo registry, and each demo card on its own.
/// </summary>
public sealed class CpsvApShaclTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static readonly string Root = FindRoot();

    [Fact]
    public async Task JsonLdExport_DemoCatalogAndEachDemoCard_ConformToCpsvAp320Shapes()
    {
        // Arrange: the demo registry's export, and each of its services as a document of its own
        await using var app = new RegistryApp { SeedDemoData = true };
        var response = await app.CreateBrowserlessClient().GetAsync("/api/v1/services/export?format=jsonld", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        var folder = Directory.CreateTempSubdirectory("sr-shacl-").FullName;
        var files = new List<string> { Path.Combine(folder, "catalog.jsonld") };
        await File.WriteAllTextAsync(files[0], text, Ct);
        var document = JsonNode.Parse(text)!.AsObject();
        var services = document["@graph"]!.AsArray();
        foreach (var service in services)
        {
            var single = new JsonObject { ["@context"] = document["@context"]!.DeepClone(), ["@graph"] = new JsonArray(service!.DeepClone()) };
            var file = Path.Combine(folder, $"service-{files.Count}.jsonld");
            await File.WriteAllTextAsync(file, single.ToJsonString(), Ct);
            files.Add(file);
        }

        // Act
        var (exit, output) = await ValidateAsync(files);
        Directory.Delete(folder, recursive: true);

        // Assert
        Assert.True(services.Count >= 7, $"{services.Count} demo services exported");
        Assert.True(exit == 0, output);
        Assert.Contains("0 violation(s)", output, StringComparison.Ordinal);
        Assert.Equal(files.Count, output.Split('\n').Count(l => l.EndsWith("results (conforms)", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Validator_ServiceWithoutIdentifierAndAuthority_ReportsTheViolations()
    {
        // Arrange: what the export wrote before (no identifier), and no competent authority
        var file = Path.Combine(Path.GetTempPath(), $"sr-shacl-{Guid.NewGuid():N}.jsonld");
        await File.WriteAllTextAsync(file, """
            {"@context": {"@language": "fa", "cpsv": "http://purl.org/vocab/cpsv#", "dct": "http://purl.org/dc/terms/"},
             "@graph": [{"@id": "urn:x:services/1", "@type": "cpsv:PublicService", "dct:title": "خدمت", "dct:description": "شرح"}]}
            """, Ct);

        // Act
        var (exit, output) = await ValidateAsync([file]);
        File.Delete(file);

        // Assert
        Assert.Equal(1, exit);
        Assert.Contains("MinCountConstraintComponent http://purl.org/dc/terms/identifier", output, StringComparison.Ordinal);
        Assert.Contains("MinCountConstraintComponent http://data.europa.eu/m8g/hasCompetentAuthority", output, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> ValidateAsync(IEnumerable<string> files)
    {
        var tool = Path.Combine(Root, "tools", "shacl");
        Assert.True(Directory.Exists(Path.Combine(tool, "node_modules", "rdf-validate-shacl")),
            "the SHACL validator is not installed: run `npm ci --prefix tools/shacl` (scripts/test.sh does)");
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = tool };
        start.ArgumentList.Add("validate.mjs");
        start.ArgumentList.Add(Path.Combine(Root, "vendor", "cpsv-ap-3.2.0", "cpsv-ap-SHACL.ttl"));
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await output + await error);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServiceRegistry.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (ServiceRegistry.slnx) not found above " + AppContext.BaseDirectory);
    }
}
