using BenchmarkDotNet.Attributes;
using ServiceRegistry.Core.Catalog;

namespace ServiceRegistry.Benchmarks;

/// <summary>
/// "Did you mean" (<see cref="SearchSpelling"/>) at the worst case the catalog's synthetic registry does not reach: a
/// million published cards whose titles are all different, drawn from 30,000 words. Build = the word list the first
/// misspelt search after a change makes; Suggest = one query against it.
/// </summary>
[MemoryDiagnoser]
public class SpellingBenchmarks
{
    private const string Letters = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی";
    private string[] _titles = [];
    private SearchSpelling _spelling = null!;
    private IReadOnlyList<string> _misspelt = [];
    private IReadOnlyList<string> _runTogether = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(11);
        var words = Enumerable.Range(0, 30_000)
            .Select(_ => new string(Enumerable.Range(0, random.Next(3, 10)).Select(_ => Letters[random.Next(Letters.Length)]).ToArray()))
            .Distinct(StringComparer.Ordinal).ToArray();
        _titles = Enumerable.Range(0, 1_000_000)
            .Select(_ => string.Join(' ', Enumerable.Range(0, random.Next(3, 7)).Select(_ => words[random.Next(words.Length)])))
            .ToArray();
        _spelling = SearchSpelling.Build(_titles);
        var long1 = words.First(w => w.Length >= 7);
        _misspelt = [words[0], long1[..2] + long1[3] + long1[2] + long1[4..]];
        _runTogether = [words[1] + words[2]];
    }

    [Benchmark(Description = "build from 1M distinct titles")]
    public int Build() => SearchSpelling.Build(_titles).Count;

    [Benchmark(Description = "suggest: a swapped pair of letters")]
    public IReadOnlyList<string>? SuggestMisspelt() => _spelling.Suggest(_misspelt);

    [Benchmark(Description = "suggest: two words run together")]
    public IReadOnlyList<string>? SuggestRunTogether() => _spelling.Suggest(_runTogether);
}
