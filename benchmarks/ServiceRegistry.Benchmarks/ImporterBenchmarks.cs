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

    [GlobalSetup]
    public void Setup()
    {
        _text = SampleForms.Text();
        _docx = SampleForms.Docx(_text);
    }

    [Benchmark(OperationsPerInvoke = 5, Description = "text form")]
    public int Text() => ImportAll(_text);

    [Benchmark(OperationsPerInvoke = 5, Description = "docx form")]
    public int Docx() => ImportAll(_docx);

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
