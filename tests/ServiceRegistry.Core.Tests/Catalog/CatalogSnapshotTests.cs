using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Catalog;

namespace ServiceRegistry.Core.Tests.Catalog;

/// <summary>
/// The in-memory catalog snapshot against plain LINQ over the same rows: counts, filters and page order, after a full
/// build and after incremental refreshes (which must give exactly what a full build of the final rows gives).
/// </summary>
public sealed class CatalogSnapshotTests
{
    private static readonly string[] Words = ["صدور", "پروانه", "تمدید", "گواهی", "کسب", "ساختمان", "بیمه", "پرونده"];
    private static readonly string?[] Provinces = ["تهران", "فارس", "لرستان", null];

    private static CatalogRow RandomRow(Random r, int id) => new(
        id,
        (CardStatus)r.Next(Enum.GetValues<CardStatus>().Length),
        AgencyId: 100 + r.Next(6),
        Provinces[r.Next(Provinces.Length)],
        Types: r.Next(1, 8),
        Levels: r.Next(0, 32),
        LifeEvents: r.Next(0, 1 << 6),
        Nature: r.Next(3) == 0 ? null : (Nature)r.Next(Enum.GetValues<Nature>().Length),
        Maturity: r.Next(MaturityLevel.Max + 1),
        IsFree: r.Next(2) == 0,
        TitleKey: string.Join(' ', Enumerable.Range(0, r.Next(1, 4)).Select(_ => Words[r.Next(Words.Length)])),
        UpdatedAt: new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(r.Next(500)));

    private static IEnumerable<CatalogFilter> Filters()
    {
        yield return new CatalogFilter();
        yield return new CatalogFilter { Status = null };
        yield return new CatalogFilter { Status = CardStatus.Draft, Province = "فارس" };
        yield return new CatalogFilter { Type = ServiceType.G2B, Free = true };
        yield return new CatalogFilter { Agency = 103, Level = ServiceLevel.Provincial };
        yield return new CatalogFilter { LifeEvent = LifeEvent.Business, Maturity = 2 };
        yield return new CatalogFilter { Nature = Nature.Sovereign, Status = null };
        yield return new CatalogFilter { Province = "ناموجود" };
        yield return new CatalogFilter { Agency = 999 };
    }

    private static bool Matches(CatalogRow row, CatalogFilter f, HashSet<int>? text) =>
        (text is null || text.Contains(row.Id))
        && (f.Status is null || row.Status == f.Status)
        && (f.Agency is null || row.AgencyId == f.Agency)
        && (f.Province is null || row.Province == f.Province)
        && (f.Type is null || (row.Types & (1 << (int)f.Type)) != 0)
        && (f.Level is null || (row.Levels & (1 << (int)f.Level)) != 0)
        && (f.LifeEvent is null || (row.LifeEvents & (1 << (int)f.LifeEvent)) != 0)
        && (f.Nature is null || row.Nature == f.Nature)
        && (f.Maturity is null || row.Maturity == f.Maturity)
        && (f.Free is null || row.IsFree == f.Free);

    /// <summary>Compares every count and the first pages of every sort with LINQ over <paramref name="rows"/>.</summary>
    private static void AssertAgrees(CatalogSnapshot snapshot, IReadOnlyList<CatalogRow> rows, Random r)
    {
        foreach (var filter in Filters())
        {
            var words = r.Next(2) == 0 ? [] : new[] { Words[r.Next(Words.Length)][..3] };
            HashSet<int>? text = null;
            ulong[]? textSet = null;
            if (words.Length > 0)
            {
                // what the database's full-text index would answer: every word starts a word of the text
                text = rows.Where(x => CatalogSnapshot.TitleHasAll(x.TitleKey, words)).Select(x => x.Id).ToHashSet();
                textSet = new ulong[snapshot.Words];
                foreach (var id in text)
                {
                    snapshot.Mark(textSet, id);
                }
            }

            var hits = new ulong[snapshot.Words];
            var counts = snapshot.Evaluate(snapshot.Criteria(filter), textSet, hits);
            var expected = rows.Where(x => Matches(x, filter, text)).ToList();

            Assert.Equal(expected.Count, counts.Total);
            Assert.Equal(expected.Count(x => x.IsFree), counts.Of(Facets.Free)[1]);
            Assert.Equal(expected.Count(x => !x.IsFree), counts.Of(Facets.Free)[0]);
            foreach (var t in Enum.GetValues<ServiceType>())
            {
                Assert.Equal(expected.Count(x => (x.Types & (1 << (int)t)) != 0), counts.Of(Facets.Type)[(int)t]);
            }

            foreach (var e in Enum.GetValues<LifeEvent>())
            {
                Assert.Equal(expected.Count(x => (x.LifeEvents & (1 << (int)e)) != 0), counts.Of(Facets.LifeEvent)[(int)e]);
            }

            foreach (var n in Enum.GetValues<Nature>())
            {
                Assert.Equal(expected.Count(x => x.Nature == n), counts.Of(Facets.Nature)[(int)n]);
            }

            for (var level = 0; level <= MaturityLevel.Max; level++)
            {
                Assert.Equal(expected.Count(x => x.Maturity == level), counts.Of(Facets.Maturity)[level]);
            }

            foreach (var level in Enum.GetValues<ServiceLevel>())
            {
                Assert.Equal(expected.Count(x => (x.Levels & (1 << (int)level)) != 0), counts.Of(Facets.Level)[(int)level]);
            }

            var agencies = snapshot.Interned(Facets.Agency);
            for (var i = 1; i < agencies.Count; i++)
            {
                Assert.Equal(expected.Count(x => x.AgencyId == (int)agencies[i]!), counts.Of(Facets.Agency)[i]);
            }

            var provinces = snapshot.Interned(Facets.Province);
            for (var i = 1; i < provinces.Count; i++)
            {
                Assert.Equal(expected.Count(x => x.Province == (string)provinces[i]!), counts.Of(Facets.Province)[i]);
            }

            var byTitle = expected
                .OrderBy(x => words.Length > 0 && CatalogSnapshot.TitleHasAll(x.TitleKey, words) ? 0 : 1)
                .ThenBy(x => x.TitleKey, StringComparer.Ordinal).ThenBy(x => x.Id).Select(x => x.Id).ToList();
            Assert.Equal(byTitle.Take(15), snapshot.Page(hits, CatalogSort.Relevance, words, 0, 15));
            Assert.Equal(byTitle.Skip(15).Take(15), snapshot.Page(hits, CatalogSort.Relevance, words, 15, 15));
            var byUpdated = expected.OrderByDescending(x => x.UpdatedAt).ThenByDescending(x => x.Id).Select(x => x.Id).ToList();
            Assert.Equal(byUpdated.Skip(10).Take(20), snapshot.Page(hits, CatalogSort.Updated, words, 10, 20));
            var plainTitle = expected.OrderBy(x => x.TitleKey, StringComparer.Ordinal).ThenBy(x => x.Id).Select(x => x.Id).ToList();
            Assert.Equal(plainTitle.Take(25), snapshot.Page(hits, CatalogSort.Title, words, 0, 25));
            var byMaturity = expected.OrderBy(x => x.Maturity).ThenBy(x => x.TitleKey, StringComparer.Ordinal).ThenBy(x => x.Id).Select(x => x.Id).ToList();
            Assert.Equal(byMaturity.Skip(5).Take(30), snapshot.Page(hits, CatalogSort.Maturity, words, 5, 30));
        }
    }

    [Fact]
    public void Build_CountsFiltersAndOrders_AsLinqOverTheSameRows()
    {
        var r = new Random(11);
        var rows = Enumerable.Range(1, 700).Select(id => RandomRow(r, id)).ToList();

        var snapshot = CatalogSnapshot.Build(5, rows);

        Assert.Equal(5, snapshot.Stamp);
        AssertAgrees(snapshot, rows, r);
    }

    [Fact]
    public void With_ChangedAddedAndDeletedCards_GivesWhatAFullBuildGives()
    {
        var r = new Random(23);
        var rows = Enumerable.Range(1, 500).Where(id => id % 7 != 0).ToDictionary(id => id, id => RandomRow(r, id));
        var snapshot = CatalogSnapshot.Build(1, rows.Values.ToList());

        for (var round = 0; round < 12; round++)
        {
            // Arrange: change some, add some (new ids and gaps), delete some
            var changed = new List<CatalogRow>();
            for (var i = 0; i < r.Next(1, 40); i++)
            {
                var id = r.Next(1, 560 + (round * 10));
                var row = RandomRow(r, id);
                rows[id] = row;
                changed.RemoveAll(c => c.Id == id);
                changed.Add(row);
            }

            var deleted = rows.Keys.Where(_ => r.Next(60) == 0).Where(id => changed.All(c => c.Id != id)).ToList();
            foreach (var id in deleted)
            {
                rows.Remove(id);
            }

            // Act
            snapshot = snapshot.With(round + 2, changed, deleted);

            // Assert
            Assert.Equal(round + 2, snapshot.Stamp);
            AssertAgrees(snapshot, rows.Values.ToList(), r);
        }
    }

    /// <summary>A row in a template group: ids 1–10 are the templates of groups 1–10, other rows are their instances
    /// half the time, standalone otherwise.</summary>
    private static CatalogRow GroupedRow(Random r, int id) => id <= 10
        ? RandomRow(r, id) with { Group = id, Lead = true }
        : r.Next(2) == 0 ? RandomRow(r, id) with { Group = r.Next(1, 11) } : RandomRow(r, id);

    /// <summary>Grouped: each group with a matching row counts once in the total and in each value one of its matching
    /// rows has; the hits keep one row per group (the template when it matched).</summary>
    private static void AssertGroupedAgrees(CatalogSnapshot snapshot, List<CatalogRow> rows)
    {
        foreach (var filter in Filters())
        {
            var hits = new ulong[snapshot.Words];
            var counts = snapshot.Evaluate(snapshot.Criteria(filter), null, hits, grouped: true);
            var expected = rows.Where(x => Matches(x, filter, null)).ToList();
            static (int, int) Key(CatalogRow x) => x.Group == 0 ? (0, x.Id) : (1, x.Group);
            long Services(Func<CatalogRow, bool> has) => expected.Where(has).Select(Key).Distinct().Count();

            Assert.Equal(Services(_ => true), counts.Total);
            foreach (var t in Enum.GetValues<ServiceType>())
            {
                Assert.Equal(Services(x => (x.Types & (1 << (int)t)) != 0), counts.Of(Facets.Type)[(int)t]);
            }

            for (var level = 0; level <= MaturityLevel.Max; level++)
            {
                Assert.Equal(Services(x => x.Maturity == level), counts.Of(Facets.Maturity)[level]);
            }

            var provinces = snapshot.Interned(Facets.Province);
            for (var i = 1; i < provinces.Count; i++)
            {
                Assert.Equal(Services(x => x.Province == (string)provinces[i]!), counts.Of(Facets.Province)[i]);
            }

            var shown = snapshot.Page(hits, CatalogSort.Title, [], 0, rows.Count).Select(id => rows.Single(x => x.Id == id)).ToList();
            Assert.Equal(counts.Total, shown.Count);
            Assert.Equal(shown.Count, shown.Select(Key).Distinct().Count());
            Assert.All(expected.Where(x => x.Lead), lead => Assert.Contains(lead, shown));
        }
    }

    [Fact]
    public void Evaluate_Grouped_CountsEachTemplateGroupOnce_AfterBuildAndRefreshes()
    {
        var r = new Random(31);
        var rows = Enumerable.Range(1, 400).ToDictionary(id => id, id => GroupedRow(r, id));
        var snapshot = CatalogSnapshot.Build(1, rows.Values.ToList());
        AssertGroupedAgrees(snapshot, rows.Values.ToList());

        for (var round = 0; round < 6; round++)
        {
            var changed = Enumerable.Range(0, r.Next(1, 30)).Select(_ => r.Next(1, 460 + (round * 10))).Distinct().Select(id => GroupedRow(r, id)).ToList();
            foreach (var row in changed)
            {
                rows[row.Id] = row;
            }

            snapshot = snapshot.With(round + 2, changed, []);
            AssertGroupedAgrees(snapshot, rows.Values.ToList());
        }
    }

    [Fact]
    public void Criteria_ValueTheRegistryDoesNotHave_MatchesNothing()
    {
        var r = new Random(3);
        var snapshot = CatalogSnapshot.Build(1, Enumerable.Range(1, 50).Select(id => RandomRow(r, id)).ToList());

        var counts = snapshot.Evaluate(snapshot.Criteria(new CatalogFilter { Province = "ناموجود", Status = null }), null, new ulong[snapshot.Words]);

        Assert.Equal(0, counts.Total);
    }

    [Theory]
    [InlineData("صدور پروانه ساختمان", "پرو", true)]
    [InlineData("صدور پروانه ساختمان", "صدور سا", false)] // "صدور سا" is one word: no title word starts with it
    [InlineData("صدور پروانه ساختمان", "انه", false)]     // inside a word, not at its start
    [InlineData("صدور پروانه ساختمان", "ساختمان", true)]
    [InlineData("", "صدور", false)]
    public void TitleHasAll_MatchesWordPrefixesOnly(string title, string word, bool expected) =>
        Assert.Equal(expected, CatalogSnapshot.TitleHasAll(title, [word]));
}
