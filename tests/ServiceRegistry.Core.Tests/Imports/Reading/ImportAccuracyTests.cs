namespace ServiceRegistry.Core.Tests.Imports;

/// <summary>The importer's accuracy as the registry measures it: the scorer (tests/fixtures/score-import, a copy of shared/tools/score-import) over
/// the five samples and over our own forms in other encodings and layouts, .docx included.</summary>
public sealed class ImportAccuracyTests
{
    [Fact]
    public void Import_SampleForms_ScoreAtLeast095()
    {
        // Arrange
        Assert.SkipUnless(Fixtures.HasPython, "python3 is needed to run the scorer");
        var output = Fixtures.ImportAll(Fixtures.FilesIn(Fixtures.Forms, ".txt"));

        // Act
        var (mean, report) = Fixtures.Score(Fixtures.Forms, output);

        // Assert
        Assert.True(mean >= 0.95, report);
    }

    [Fact]
    public void Import_ExtraFormsInOtherEncodingsAndLayouts_ScoreAtLeast095()
    {
        // Arrange
        Assert.SkipUnless(Fixtures.HasPython, "python3 is needed to run the scorer");
        var output = Fixtures.ImportAll(Fixtures.FilesIn(Fixtures.ExtraForms, ".txt", ".md"));

        // Act
        var (mean, report) = Fixtures.Score(Fixtures.ExtraForms, output);

        // Assert
        Assert.True(mean >= 0.95, report);
    }

    [Fact]
    public void Import_GeneratedWordForms_ScoreAtLeast095()
    {
        // Arrange
        Assert.SkipUnless(Fixtures.HasPython, "python3 is needed to run the scorer");
        var gold = Directory.CreateTempSubdirectory("import-gold-").FullName;
        var sources = new List<(string, byte[])>();
        foreach (var form in Directory.GetFiles(Fixtures.DocxForms, "*.form.txt"))
        {
            var name = Path.GetFileName(form)[..^".form.txt".Length];
            foreach (var kind in Enum.GetValues<CheckBoxKind>())
            {
                sources.Add(($"{name}-{kind}.docx", TestDocx.Build(File.ReadAllText(form), kind)));
                File.Copy(Path.Combine(Fixtures.DocxForms, name + ".gold.json"), Path.Combine(gold, $"{name}-{kind}.gold.json"));
            }
        }

        var output = Fixtures.ImportAll(sources);

        // Act
        var (mean, report) = Fixtures.Score(gold, output);

        // Assert
        Assert.True(mean >= 0.95, report);
    }
}
