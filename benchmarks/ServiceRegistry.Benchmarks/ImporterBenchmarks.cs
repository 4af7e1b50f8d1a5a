using BenchmarkDotNet.Attributes;
using ServiceRegistry.Core.Imports;

namespace ServiceRegistry.Benchmarks;

/// <summary>
/// Forms per second of the legacy-card importer: the five sample text forms, and the same cards as .docx
/// (built once with OpenXml, as the official form's table). One operation imports all five, so forms/s is
/// 5 / (mean time of one operation).
/// </summary>
[MemoryDiagnoser]
public class ImporterBenchmarks
{
    private (string Name, byte[] Bytes)[] _text = [];
    private (string Name, byte[] Bytes)[] _docx = [];
    private (string Name, byte[] Bytes)[] _pdf = [];
    private (string Name, byte[] Bytes)[] _doc = [];
    private (string Name, byte[] Bytes)[] _docConverted = [];

    [GlobalSetup]
    public void Setup()
    {
        _text = SampleForms.Text();
        _docx = SampleForms.Docx(_text);
        if (LegacyWordConverter.Program is not null)
        {
            _pdf = SampleForms.Convert(_docx, "pdf");
            _doc = SampleForms.Convert(SampleForms.Convert(_docx, "rtf"), "doc");
            _docConverted = [.. _doc.Select(f => (Path.ChangeExtension(f.Name, ".docx"), LegacyWordConverter.ToDocx(f.Bytes, ".doc", CancellationToken.None)))];
        }
    }

    [Benchmark(OperationsPerInvoke = 5, Description = "text form")]
    public int Text() => ImportAll(_text);

    [Benchmark(OperationsPerInvoke = 5, Description = "docx form")]
    public int Docx() => ImportAll(_docx);

    /// <summary>PDFs printed from the .docx forms by LibreOffice (made once in setup, when soffice is installed).</summary>
    [Benchmark(OperationsPerInvoke = 5, Description = "pdf form")]
    public int Pdf() => ImportAll(_pdf);

    /// <summary>.doc forms: the LibreOffice conversion alone, then reading the converted .docx (so the two costs show apart).</summary>
    [Benchmark(OperationsPerInvoke = 5, Description = "doc: LibreOffice conversion only")]
    public int DocConversion() => _doc.Sum(f => LegacyWordConverter.ToDocx(f.Bytes, ".doc", CancellationToken.None).Length);

    [Benchmark(OperationsPerInvoke = 5, Description = "doc: reading the converted docx")]
    public int DocReading() => ImportAll(_docConverted);

    private static int ImportAll((string Name, byte[] Bytes)[] forms)
    {
        var fields = 0;
        foreach (var (name, bytes) in forms)
        {
            fields += LegacyFormImporter.Import(name, bytes).Sources.Count;
        }

        return fields;
    }
}
