using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Commands;

/// <summary>The import command and the duplicate rule: a legacy form of a service the agency has is said so in a dry
/// run's report, and not stored unless asked.</summary>
public sealed class ImportCommandTests : IAsyncLifetime
{
    private const string Agency = "سازمان مدیریت و برنامه ریزی لرستان";
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("sr-import-");
    private readonly RegistryApp _app = new();
    private ServiceCard _published = null!;
    private string[] _files = [];

    public async ValueTask InitializeAsync()
    {
        _published = (await _app.SeedAsync(new CardBuilder().Titled("تهيه حساب‌هاي منطقه‌اي").OfAgency(Agency, "لرستان").Published()))[0];
        _files = ["regional-accounts.txt", "mayors-training.txt"];
        foreach (var name in _files)
        {
            File.Copy(Path.Combine(AppContext.BaseDirectory, "forms", name), Path.Combine(_work.FullName, name));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _work.Delete(recursive: true);
    }

    private string[] Args(params string[] options) =>
        ["import", .. _files.Select(f => Path.Combine(_work.FullName, f)), "--agency", _published.AgencyId.ToString(CultureInfo.InvariantCulture), .. options];

    private Task<int> CountAsync() => _app.WithDbAsync(db => db.Cards.CountAsync());

    [Fact]
    public async Task DryRun_FormOfAServiceTheAgencyHas_ReportSaysDuplicateAndNothingIsStored()
    {
        // Arrange
        var output = Path.Combine(_work.FullName, "out");

        // Act
        var run = await RegistryCommand.RunAsync(_app.Settings, Args("--dry-run", "--json-out", output));

        // Assert
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains($"duplicate of card {_published.Id}", run.Output, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "import-report.json"), TestContext.Current.CancellationToken));
        var files = report.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => Path.GetFileName(f.GetProperty("file").GetString()!));
        Assert.Equal(_published.Id, files["regional-accounts.txt"].GetProperty("duplicateOf").GetProperty("id").GetInt32());
        Assert.Equal("published", files["regional-accounts.txt"].GetProperty("duplicateOf").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, files["mayors-training.txt"].GetProperty("duplicateOf").ValueKind);
        Assert.True(File.Exists(Path.Combine(output, "regional-accounts.json")));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Import_FormOfAServiceTheAgencyHas_IsNotStoredUnlessAllowed()
    {
        // Act
        var first = await RegistryCommand.RunAsync(_app.Settings, Args());
        var countAfterFirst = await CountAsync();
        _files = ["regional-accounts.txt"];
        var allowed = await RegistryCommand.RunAsync(_app.Settings, Args("--allow-duplicates"));

        // Assert: the other form is stored, the repeating one reported and not stored; stored when allowed, audited
        Assert.Equal(1, first.ExitCode);
        Assert.Contains($"duplicate of card {_published.Id}", first.Error, StringComparison.Ordinal);
        Assert.Equal(2, countAfterFirst);
        Assert.True(allowed.ExitCode == 0, allowed.Output + allowed.Error);
        Assert.Equal(3, await CountAsync());
        Assert.True(await _app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.DuplicateKept)));
    }
}
