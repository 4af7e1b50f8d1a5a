using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Core.Seeding;

namespace ServiceRegistry.Core.Tests.Imports.Rendering;

/// <summary>
/// The importer on cards it has never seen as files: every gold card and demo card written in every rendering
/// (<see cref="LegacyFormRenderer"/>), read back, and scored by the registry's scorer per rendering.
/// With REGISTRY_WRITE_ACCURACY=1 the table is written to docs/import-accuracy.md.
/// </summary>
public sealed partial class RenderedFormAccuracyTests
{
    private static readonly Lazy<IReadOnlyList<(string Name, FormRows Rows)>> Cards = new(LoadCards);

    public static TheoryData<string> RenderingNames() => [.. AllRenderings().Select(r => r.Name)];

    [Theory]
    [MemberData(nameof(RenderingNames))]
    public void Import_RenderedCards_ScoreAtLeast095(string rendering)
    {
        // Arrange
        Assert.SkipUnless(Fixtures.HasPython, "python3 is needed to run the scorer");
        var render = AllRenderings().Single(r => r.Name == rendering);
        Assert.SkipWhen(render.ConvertTo is not null && LegacyWordConverter.Program is null, "LibreOffice (soffice) is needed to make .pdf and .doc files");

        // Act
        var (mean, report) = Measure(render.Write, render.ConvertTo);

        // Assert
        Assert.True(mean >= 0.95, $"{rendering}: {mean:F3}\n{report}");
    }

    [Fact]
    public void WriteAccuracyTable_WhenAsked()
    {
        Assert.SkipUnless(Fixtures.HasPython && Environment.GetEnvironmentVariable("REGISTRY_WRITE_ACCURACY") == "1", "set REGISTRY_WRITE_ACCURACY=1 to rewrite docs/import-accuracy.md");
        var rows = new List<(string Name, double Mean, string Report)>();
        foreach (var (name, write, convertTo) in AllRenderings().Where(r => r.ConvertTo is null || LegacyWordConverter.Program is not null))
        {
            var (mean, report) = Measure(write, convertTo);
            rows.Add((name, mean, report));
        }

        File.WriteAllText(Path.Combine(Fixtures.Root, "..", "..", "docs", "import-accuracy.md"), AccuracyTable(rows));
    }

    private static IEnumerable<(string Name, Func<FormRows, (string Extension, byte[] Bytes)> Write, string? ConvertTo)> AllRenderings()
    {
        foreach (var r in LegacyFormRenderer.Renderings)
        {
            yield return (r.Name, rows => (r.Extension, Encoding.UTF8.GetBytes(LegacyFormRenderer.Render(rows, r))), null);
        }

        var docx = new Rendering("docx", FormLayout.Table, new("[v]", "[ ]"));
        foreach (var kind in Enum.GetValues<CheckBoxKind>())
        {
            yield return ($".docx {kind}", rows => (".docx", TestDocx.Build(LegacyFormRenderer.Render(rows, docx), kind)), null);
        }

        var marked = new Rendering("htm", FormLayout.Table, new("☑", "☐"));
        yield return (".htm checkbox inputs, UTF-8", rows => (".htm", WordWebPage.Build(LegacyFormRenderer.Render(rows, marked), WebTicks.CheckBoxInputs, windows1256: false)), null);
        yield return (".htm Wingdings spans, windows-1256", rows => (".htm", WordWebPage.Build(LegacyFormRenderer.Render(rows, marked), WebTicks.WingdingsSpans, windows1256: true)), null);
        yield return (".htm Wingdings 2 spans, UTF-8", rows => (".html", WordWebPage.Build(LegacyFormRenderer.Render(rows, marked), WebTicks.Wingdings2Spans, windows1256: false)), null);
        yield return (".pdf (the .docx content controls printed by LibreOffice)", rows => (".docx", TestDocx.Build(LegacyFormRenderer.Render(rows, docx), CheckBoxKind.ContentControl)), "pdf");
        yield return (".doc (the .docx saved as Word 97 by LibreOffice, by way of .rtf)", rows => (".docx", TestDocx.Build(LegacyFormRenderer.Render(rows, docx), CheckBoxKind.ContentControl)), "doc");
    }

    private static (double Mean, string Report) Measure(Func<FormRows, (string Extension, byte[] Bytes)> write, string? convertTo)
    {
        var gold = Directory.CreateTempSubdirectory("render-gold-").FullName;
        var output = Directory.CreateTempSubdirectory("render-out-").FullName;
        var files = new List<(string Card, string Extension, byte[] Bytes)>();
        foreach (var (card, rows) in Cards.Value)
        {
            var (extension, bytes) = write(rows);
            files.Add((card, extension, bytes));
            File.WriteAllText(Path.Combine(gold, card + ".gold.json"), rows.Gold.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }

        if (convertTo is not null)
        {
            // .doc by way of .rtf: LibreOffice's .docx → .doc export drops some tables (Word's own .doc keeps them).
            files = convertTo == "doc" ? Convert(Convert(files, "rtf"), "doc") : Convert(files, convertTo);
        }

        foreach (var (card, extension, bytes) in files)
        {
            try
            {
                var result = LegacyFormImporter.Import(card + extension, bytes);
                File.WriteAllText(Path.Combine(output, card + ".json"), CardJson.Serialize(result.Draft));
            }
            catch (FormImportException)
            {
                // no output: the scorer counts every field as missed
            }
        }

        return Fixtures.Score(gold, output);
    }

    /// <summary>All files converted by one LibreOffice run (a run costs seconds; a file, a fraction).</summary>
    private static List<(string Card, string Extension, byte[] Bytes)> Convert(List<(string Card, string Extension, byte[] Bytes)> files, string to)
    {
        var folder = Directory.CreateTempSubdirectory("render-convert-").FullName;
        foreach (var (card, extension, bytes) in files)
        {
            File.WriteAllBytes(Path.Combine(folder, card + extension), bytes);
        }

        var start = new System.Diagnostics.ProcessStartInfo(LegacyWordConverter.Program!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-env:UserInstallation=" + new Uri(Path.Combine(folder, "profile")).AbsoluteUri, "--headless", "--convert-to", to, "--outdir", Path.Combine(folder, "out") })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (card, extension, _) in files)
        {
            start.ArgumentList.Add(Path.Combine(folder, card + extension));
        }

        using (var process = System.Diagnostics.Process.Start(start)!)
        {
            process.StandardOutput.ReadToEnd();
            process.WaitForExit(180_000);
        }

        return [.. files.Select(f => (f.Card, "." + to, File.ReadAllBytes(Path.Combine(folder, "out", f.Card + "." + to))))];
    }

    private static List<(string Name, FormRows Rows)> LoadCards()
    {
        var cards = new List<(string, FormRows)>();
        foreach (var folder in new[] { Fixtures.Forms, Fixtures.ExtraForms, Fixtures.DocxForms })
        {
            foreach (var file in Directory.GetFiles(folder, "*.gold.json").Order(StringComparer.Ordinal))
            {
                cards.Add(("gold-" + Path.GetFileName(file)[..^".gold.json".Length], FormRows.Of(CardJson.ReadTrusted(File.ReadAllText(file)))));
            }
        }

        foreach (var (name, json) in DemoData.Cards())
        {
            cards.Add(("demo-" + Path.GetFileNameWithoutExtension(name), FormRows.Of(CardJson.ReadTrusted(json))));
        }

        return cards;
    }

    private static string AccuracyTable(List<(string Name, double Mean, string Report)> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Import accuracy per rendering").AppendLine();
        sb.AppendLine($"Every gold card (tests/fixtures/forms*, {Cards.Value.Count(c => c.Name.StartsWith("gold-", StringComparison.Ordinal))} cards) and every demo card");
        sb.AppendLine("(src/ServiceRegistry.Core/Seeding/Demo) written by `LegacyFormRenderer` (tests/ServiceRegistry.Core.Tests/Imports/Rendering)");
        sb.AppendLine("in each rendering, read back by the importer and scored by the registry's scorer (tests/fixtures/score-import).");
        sb.AppendLine("Scored fields: what the rendered rows state (title, IDs, provider, description, the tick-box fields, counts,");
        sb.AppendLine("duration, frequency, fees, web addresses, documents, stages, process steps); permits and links are not rendered.").AppendLine();
        sb.AppendLine("Regenerate:").AppendLine().AppendLine("```bash");
        sb.AppendLine("REGISTRY_WRITE_ACCURACY=1 dotnet test --project tests/ServiceRegistry.Core.Tests -c Release -- --filter-method '*WriteAccuracyTable*'");
        sb.AppendLine("```").AppendLine();
        sb.AppendLine("| rendering | accuracy | fields missed (rendering total) |").AppendLine("|---|---:|---|");
        var fieldMisses = new Dictionary<string, int>();
        foreach (var (name, mean, report) in rows)
        {
            var misses = Miss().Matches(report).Select(m => Top(m.Groups[1].Value)).GroupBy(f => f).OrderByDescending(g => g.Count()).ToList();
            foreach (var g in misses)
            {
                fieldMisses[g.Key] = fieldMisses.GetValueOrDefault(g.Key) + g.Count();
            }

            sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {mean:F3} | {string.Join(", ", misses.Select(g => $"{g.Key} {g.Count()}"))} |");
        }

        sb.AppendLine().AppendLine("Misses per field over all renderings:").AppendLine().AppendLine("| field | misses |").AppendLine("|---|---:|");
        foreach (var (field, count) in fieldMisses.OrderByDescending(kv => kv.Value))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {field} | {count} |");
        }

        return sb.ToString();
    }

    private static string Top(string path) => path.Split('.') is var parts && parts[0] == "stages" && parts.Length > 2 ? $"stages.*.{parts[2]}" : parts[0];

    [GeneratedRegex(@"^    (\S+): [0-9.]+  gold=", RegexOptions.Multiline)]
    private static partial Regex Miss();
}
