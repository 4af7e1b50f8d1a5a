using System.Diagnostics;
using BenchmarkDotNet.Running;
using ServiceRegistry.Benchmarks;
using ServiceRegistry.Core.Imports;

// dotnet run -c Release --project benchmarks/ServiceRegistry.Benchmarks -- --filter '*'   (BenchmarkDotNet)
// dotnet run -c Release --project benchmarks/ServiceRegistry.Benchmarks -- once [N] [FILE]  (the five samples N times, one core)
// dotnet run -c Release --project benchmarks/ServiceRegistry.Benchmarks -- spreadsheet [N] [--postgres CONN] [--per-row]  (bulk entry)
// dotnet run -c Release --project benchmarks/ServiceRegistry.Benchmarks -- returns-workbook [N] [--postgres CONN]  (quarterly return upload)
if (args.Length > 0 && args[0] == "returns-workbook")
{
    return await ReturnWorkbookRun.RunAsync(args);
}

if (args.Length > 0 && args[0] == "spreadsheet")
{
    return await SpreadsheetEntryRun.RunAsync(args);
}

if (args.Length > 0 && args[0] == "once")
{
    var times = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1000;
    var forms = args.Length > 2 ? [(Path.GetFileName(args[2]), File.ReadAllBytes(args[2]))] : SampleForms.Text();
    foreach (var (name, bytes) in forms)
    {
        LegacyFormImporter.Import(name, bytes); // warm up
    }

    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    for (var i = 0; i < times; i++)
    {
        foreach (var (name, bytes) in forms)
        {
            LegacyFormImporter.Import(name, bytes);
        }
    }

    watch.Stop();
    var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    var count = times * forms.Length;
    Console.WriteLine($"imported {forms.Length} forms x {times} = {count} in {watch.Elapsed.TotalSeconds:F2} s wall, {used.TotalSeconds:F2} s CPU ({count / watch.Elapsed.TotalSeconds:F0} forms/s wall, {count / used.TotalSeconds:F0} forms/s CPU)");
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(ImporterBenchmarks).Assembly).Run(args);
return 0;
