using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Catalog;

namespace ServiceRegistry.Core.Tests.Catalog;

/// <summary>"Did you mean": which query words are corrected, to what, and which are left alone.</summary>
public sealed class SearchSpellingTests
{
    private static readonly SearchSpelling Spelling = SearchSpelling.Build(new[]
    {
        "درجه بندی شهرداری ها",
        "صدور پروانه ساختمان",
        "صدور پروانه کسب",
        "تمدید پروانه کسب",
        "صدور گواهی پایان کار",
        "صدور مجوز حفاری",
        "ثبت نام بیمه",
        "شهرداری",
    }.Select(SearchTerms.Document));

    private static string? Suggest(string query) =>
        Spelling.Suggest(SearchTerms.Words(query)) is { } words ? string.Join(' ', words) : null;

    [Theory]
    [InlineData("شهردرای", "شهرداری")] // two letters swapped
    [InlineData("شهرداي", "شهرداری")] // a letter missing, Arabic ي folded first
    [InlineData("پروانخ", "پروانه")] // a wrong letter
    [InlineData("صدور پروانع ساختمان", "صدور پروانه ساختمان")] // only the unknown word changes
    [InlineData("شهرداریها", "شهرداری ها")] // run together without the ZWNJ
    [InlineData("پروانهکسب", "پروانه کسب")]
    [InlineData("گواهیپای", "گواهی پای")] // the second half is a start, as typed so far
    [InlineData("حفاریی", "حفاری")] // a letter too many
    public void UnknownWord_IsCorrectedToTheNearestTitleWord(string query, string expected) =>
        Assert.Equal(expected, Suggest(query));

    [Theory]
    [InlineData("صدور پروانه")] // every word known
    [InlineData("پرو")] // a start of a known word (typing)
    [InlineData("شهر")]
    public void KnownWordsAndPrefixes_GetNoSuggestion(string query) => Assert.Null(Suggest(query));

    [Theory]
    [InlineData("خبز")] // three letters: too short to guess
    [InlineData("هواپیما")] // nothing near it
    [InlineData("صدور هواپیما")] // one word cannot be placed: no half-corrected query
    public void NothingNear_GivesNoSuggestion(string query) => Assert.Null(Suggest(query));

    [Theory]
    [InlineData(new[] { "کارگر ساده", "بیمه کارگر", "بیمه کارگاه" }, "کارگر")]
    [InlineData(new[] { "کارگر ساده", "کارگاه الف", "کارگاه ب" }, "کارگاه")]
    public void Ties_GoToTheWordMoreTitlesUse(string[] titles, string expected)
    {
        // «کارگب» is one letter from «کارگر» and from the start of «کارگاه».
        var spelling = SearchSpelling.Build(titles);

        var suggestion = spelling.Suggest(["کارگب"]);

        Assert.Equal([expected], suggestion);
    }

    [Theory]
    [InlineData("شهرداری", "شهرداری", 0)]
    [InlineData("شهرد", "شهرداری", 0)] // a start of it
    [InlineData("شهردر", "شهرداری", 1)]
    [InlineData("شهردرای", "شهرداری", 1)] // a swap is one edit
    [InlineData("اداره", "شهرداری", 3)] // over the limit: limit + 1
    public void PrefixDistance_CountsEditsToTheNearestStart(string word, string candidate, int expected)
    {
        Span<int> buffer = stackalloc int[256];
        Assert.Equal(expected, SearchSpelling.PrefixDistance(word, candidate, 2, buffer));
    }
}
