using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Statistics;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Statistics;

/// <summary>
/// Every dashboard figure over a small registry built by hand, compared with values worked out by hand (in the comments),
/// on whichever database the run uses (scripts/test.sh runs this suite on SQLite and on PostgreSQL).
/// </summary>
public sealed class DashboardFiguresTests : IAsyncLifetime
{
    private const string A1 = "اداره کل الف", A2 = "اداره کل ب", A3 = "اداره کل ج", A4 = "وزارت د";
    private const string Fars = "فارس", Kerman = "کرمان";
    private readonly RegistryApp _app = new();
    private readonly Dictionary<string, int> _agencies = [];

    private static CardBuilder Card(string title, string agency, string? province, string stages, Action<CardContent> change)
    {
        return new CardBuilder().Titled(title).OfAgency(agency, province).With(c =>
        {
            var all = c.Stages.All().Select(s => s.Stage).ToList();
            for (var i = 0; i < 4; i++)
            {
                all[i].Electronic = stages[i] == 'E';
                all[i].InPerson = stages[i] == 'P';
            }

            change(c);
        });
    }

    public async ValueTask InitializeAsync()
    {
        var cards = await _app.SeedAsync(
            // 1. level 4; 10 a day = 3,650 a year; no visits written but fully electronic → 0 visits; free
            Card("خدمت یک", A1, Fars, "EEEE", c => { c.Recipients = new() { Count = 10, Period = Period.Day }; c.Fees = new() { Free = true }; }).Published("11"),
            // 2. level 2; 100 a month = 1,200 a year; 2 visits → 2,400; one inquiry by hand → 1,200; 50,000 rials → 60,000,000; G2B
            Card("خدمت دو", A1, Fars, "EEPP", c =>
            {
                c.ServiceTypes = [ServiceType.G2B];
                c.Recipients = new() { Count = 100, Period = Period.Month };
                c.InPersonVisits = new() { Count = 2 };
                c.Fees = new() { AmountsRials = [50_000] };
                c.ExternalAgencyLinks = [new() { Agency = "ثبت احوال", Inquiry = InquiryMode.NonElectronic, NonElectronicBy = NonElectronicBy.Applicant }];
            }).Published("12"),
            // 3. level 0; 750 without a period → unknown recipients, unknown visits; no fee → 0
            Card("خدمت سه", A2, Fars, "PPPP", c => { c.Recipients = new() { Count = 750 }; c.InPersonVisits = new() { Count = 1 }; }).Published("13"),
            // 4. level 1; 20 a season = 80; visits «به میزان نیاز» → unknown; 1,000 rials → 80,000
            Card("خدمت چهار", A2, Fars, "EPPP", c =>
            {
                c.Recipients = new() { Count = 20, Period = Period.Season };
                c.InPersonVisits = new() { Text = "به میزان نیاز" };
                c.Fees = new() { AmountsRials = [1_000] };
            }).Published("14"),
            // 5. level 4; 5 a year; 0 visits; free (no amount)
            Card("خدمت پنج", A3, Kerman, "EEEE", c => { c.Recipients = new() { Count = 5, Period = Period.Year }; c.InPersonVisits = new() { Count = 0 }; }).Published("15"),
            // 6. level 3 (delivery in person); no count → unknown recipients; 0 visits; 2,000 rials → unknown fees
            Card("خدمت شش", A4, null, "EEEP", c => { c.InPersonVisits = new() { Count = 0 }; c.Fees = new() { AmountsRials = [2_000] }; }).Published("16"),
            // 7. a draft: never public, counts in completeness (draft, never reviewed)
            Card("پیش‌نویس هفت", A1, Fars, "EEEE", c => c.Recipients = new() { Count = 1_000_000, Period = Period.Day }),
            // 8. archived: counts nowhere
            Card("بایگانی هشت", A2, Fars, "PPPP", _ => { }).InStatus(CardStatus.Archived),
            // 9. submitted after a reviewer returned it once: reviewed
            Card("ارسالی نه", A2, Fars, "PPPP", _ => { }).InStatus(CardStatus.Submitted),
            // 10. submitted, never reviewed
            Card("ارسالی ده", A2, Fars, "PPPP", _ => { }).InStatus(CardStatus.Submitted));

        await _app.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry(_app.Clock.GetUtcNow(), null, "بازبین", cards[8].Id, AuditActions.Returned, "۱ توضیح"));
            db.AuditEntries.Add(new AuditEntry(_app.Clock.GetUtcNow(), null, "بازبین", cards[9].Id, AuditActions.Submitted, null));
            await db.SaveChangesAsync();
            foreach (var a in db.Agencies)
            {
                _agencies[a.Name] = a.Id;
            }

            return 0;
        });
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<T> WithDashboardAsync<T>(Func<Dashboard, Task<T>> action)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<Dashboard>());
    }

    private Task<DashboardFigures> FiguresAsync(CatalogFilter? filter = null) => WithDashboardAsync(d => d.FiguresAsync(filter ?? new CatalogFilter(), TestContext.Current.CancellationToken));

    [Fact]
    public async Task Totals_MatchTheHandWorkedValues()
    {
        // Act
        var t = (await FiguresAsync()).Total;

        // Assert: published cards 1–6
        Assert.Equal(6, t.Services);
        Assert.Equal(2, t.FullyElectronic);                                  // 1 and 5
        Assert.Equal(33.3, Math.Round(t.FullyElectronicPercent, 1));
        Assert.Equal(new Figure(3650 + 1200 + 80 + 5, 2), t.RecipientsPerYear); // 3 and 6 unknown
        Assert.Equal(new Figure(2400, 2), t.VisitsPerYear);                  // 3 and 4 unknown
        Assert.Equal(new Figure(1200, 0), t.InquiriesByHandPerYear);         // no links is a known 0
        Assert.Equal(new Figure(60_000_000 + 80_000, 1), t.FeesPerYear);     // 6 unknown
        Assert.Equal(new Figure(2400 + 1200, 2), t.AvoidableVisitsPerYear);
    }

    [Fact]
    public async Task Distributions_CountServicesByLevelAndType()
    {
        // Act
        var f = await FiguresAsync();

        // Assert
        Assert.Equal([1L, 1, 1, 1, 2], f.Maturity.Select(m => m.Count));
        Assert.Equal(5, f.Facets.Type.Single(v => v.Value == "G2C").Count);
        Assert.Equal(1, f.Facets.Type.Single(v => v.Value == "G2B").Count);
        Assert.Equal(6, f.Facets.Nature.Single(v => v.Value == "sovereign").Count);
        Assert.Equal(3, f.Facets.Free.Single(v => v.Value == "true").Count);  // 1 says free, 3 and 5 have no amount
        Assert.Equal(3, f.Facets.Free.Single(v => v.Value == "false").Count); // 2, 4, 6
    }

    [Fact]
    public async Task Provinces_AreRankedByFullyElectronicShareAndAvoidableVisits()
    {
        // Act
        var f = await FiguresAsync();
        var byShare = DashboardFigures.ByElectronicShare(f.Provinces);
        var byVisits = DashboardFigures.ByAvoidableVisits(f.Provinces);

        // Assert: کرمان 1/1, فارس 1/4, national 0/1
        Assert.Equal([Kerman, Fars, Dashboard.NationalGroup], byShare.Select(p => p.Name));
        Assert.Equal([100.0, 25.0, 0.0], byShare.Select(p => p.FullyElectronicPercent));
        var fars = byVisits[0];
        Assert.Equal(Fars, fars.Name);
        Assert.Equal(4, fars.Services);
        Assert.Equal(new Figure(3600, 2), fars.AvoidableVisitsPerYear);
        Assert.Equal(new Figure(3650 + 1200 + 80, 1), fars.RecipientsPerYear);
        Assert.Equal(new Figure(60_080_000, 0), fars.FeesPerYear);
        Assert.Equal(new Figure(0, 0), byVisits.Single(p => p.Name == Kerman).AvoidableVisitsPerYear);
    }

    [Fact]
    public async Task Agencies_AreRankedWithTheirOwnFigures()
    {
        // Act
        var f = await FiguresAsync();
        var byShare = DashboardFigures.ByElectronicShare(f.Agencies);

        // Assert: A3 100% (1 service), A1 50% (2), then A2 and A4 at 0% (more services first)
        Assert.Equal([A3, A1, A2, A4], byShare.Select(a => a.Name));
        var a1 = byShare[1];
        Assert.Equal(_agencies[A1].ToString(System.Globalization.CultureInfo.InvariantCulture), a1.Key);
        Assert.Equal((2L, 1L), (a1.Services, a1.FullyElectronic));
        Assert.Equal(new Figure(2400, 0), a1.VisitsPerYear);
        Assert.Equal(new Figure(1200, 0), a1.InquiriesByHandPerYear);
        var a2 = byShare[2];
        Assert.Equal(new Figure(0, 2), a2.VisitsPerYear);
        Assert.Equal(new Figure(80, 1), a2.RecipientsPerYear);
        Assert.Equal(A1, DashboardFigures.ByAvoidableVisits(f.Agencies)[0].Name);
    }

    [Fact]
    public async Task Words_NarrowTheFiguresRankingsAndBurden_AsTheCatalogMatchesThem()
    {
        // Act: «دو» is in one title; «خدمت» in every published one
        var two = await FiguresAsync(new CatalogFilter { Q = "دو" });
        var all = await FiguresAsync(new CatalogFilter { Q = "خدمت" });

        // Assert
        Assert.Equal(1, two.Total.Services);
        Assert.Equal([A1], two.Agencies.Select(a => a.Name));
        Assert.Equal(new Figure(2400, 0), two.Total.VisitsPerYear);
        Assert.Equal(["خدمت دو"], two.LargestBurden.Select(b => b.Title));
        Assert.Equal((await FiguresAsync()).Total, all.Total);
    }

    [Fact]
    public async Task LargestBurden_ListsServicesWithKnownVisitsOrInquiries()
    {
        // Act
        var f = await FiguresAsync();

        // Assert: only card 2 has a known burden above 0
        var row = Assert.Single(f.LargestBurden);
        Assert.Equal(("خدمت دو", 1200L, 2400L, 1200L, 3600L), (row.Title, row.RecipientsPerYear!.Value, row.VisitsPerYear, row.InquiriesByHandPerYear, row.AvoidableVisitsPerYear));
        Assert.Equal(2, row.Maturity);
    }

    [Fact]
    public async Task Filters_NarrowEveryFigure()
    {
        // Act: the province of فارس, G2B services only
        var f = await FiguresAsync(new CatalogFilter { Province = Fars, Type = ServiceType.G2B });
        var level0 = await FiguresAsync(new CatalogFilter { Maturity = 0 });

        // Assert
        Assert.Equal(1, f.Total.Services);
        Assert.Equal(new Figure(2400, 0), f.Total.VisitsPerYear);
        Assert.Equal([Fars], f.Provinces.Select(p => p.Name));
        Assert.Equal(1, level0.Total.Services);
        Assert.Equal(new Figure(0, 1), level0.Total.RecipientsPerYear);
    }

    [Fact]
    public async Task Services_ListLevelReasonsAndBurdenLowestLevelFirst()
    {
        // Act
        var rows = await WithDashboardAsync(d => d.ServicesAsync(new CatalogFilter { Province = Fars }, 0, 50, TestContext.Current.CancellationToken));
        var firstTwo = await WithDashboardAsync(d => d.ServicesAsync(new CatalogFilter { Province = Fars }, 0, 2, TestContext.Current.CancellationToken));
        var nextTwo = await WithDashboardAsync(d => d.ServicesAsync(new CatalogFilter { Province = Fars }, 2, 2, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(["خدمت سه", "خدمت چهار", "خدمت دو", "خدمت یک"], rows.Select(r => r.Title));
        Assert.Equal([0, 1, 2, 4], rows.Select(r => r.Maturity.Level));
        Assert.Equal(rows.Select(r => r.Id), firstTwo.Concat(nextTwo).Select(r => r.Id)); // slices meet without a gap
        Assert.Contains("استعلام از «ثبت احوال» الکترونیکی نیست؛ مراجعه‌کننده خودش آن را می‌برد و می‌آورد.", rows[2].Maturity.Reasons);
        Assert.Null(rows[0].Burden.RecipientsPerYear);
        Assert.Equal(0, rows[3].Burden.VisitsPerYear);
    }

    [Fact]
    public async Task Completeness_CountsDraftsAndNeverReviewedWithinTheViewersReach()
    {
        // Arrange
        var admin = new Actor(1, "مدیر", new HashSet<string> { Roles.NationalAdmin }, null, new HashSet<int>(), null);
        var reviewerFars = new Actor(2, "بازبین", new HashSet<string> { Roles.ProvincialReviewer }, null, new HashSet<int>(), Fars);
        var reviewerKerman = reviewerFars with { Province = Kerman };
        var editorA1 = new Actor(3, "کارشناس", new HashSet<string> { Roles.AgencyEditor }, _agencies[A1], new HashSet<int> { _agencies[A1] }, null);
        Task<IReadOnlyList<CompletenessRow>?> As(Actor actor) => WithDashboardAsync(d => d.CompletenessAsync(new CatalogFilter(), actor, TestContext.Current.CancellationToken));

        // Act
        var all = await As(admin);
        var fars = await As(reviewerFars);
        var kerman = await As(reviewerKerman);
        var a1 = await As(editorA1);
        var anonymous = await As(Actor.Anonymous);

        // Assert: A1 = cards 1, 2, 7 (7 a draft never reviewed); A2 = 3, 4, 9, 10 (archived 8 left out; 10 never reviewed)
        Assert.NotNull(all);
        Assert.Equal([A1, A2, A3, A4], all.Select(r => r.Agency).Order(StringComparer.Ordinal));
        var rowA1 = all.Single(r => r.Agency == A1);
        Assert.Equal((3L, 1L, 1L), (rowA1.Cards, rowA1.Drafts, rowA1.NeverReviewed));
        var rowA2 = all.Single(r => r.Agency == A2);
        Assert.Equal((4L, 0L, 1L), (rowA2.Cards, rowA2.Drafts, rowA2.NeverReviewed));
        var expected = await _app.WithDbAsync(db => Task.FromResult(db.Cards.Where(c => c.AgencyId == _agencies[A2] && c.Status != CardStatus.Archived).AsEnumerable()
            .Select(c => c.Content.Completeness()).Aggregate((Filled: 0L, Expected: 0L), (s, c) => (s.Filled + c.Filled, s.Expected + c.Expected))));
        Assert.Equal(expected, (rowA2.FieldsFilled, rowA2.FieldsExpected));
        Assert.Equal([A1, A2], fars!.Select(r => r.Agency).Order(StringComparer.Ordinal));
        Assert.Equal([A3], kerman!.Select(r => r.Agency));
        Assert.Equal([A1], a1!.Select(r => r.Agency));
        Assert.Null(anonymous);
    }

    [Fact]
    public async Task Figures_FollowChangesToTheRegistry()
    {
        // Arrange
        var before = await FiguresAsync();

        // Act: another fully electronic service in کرمان
        await _app.SeedAsync(Card("خدمت یازده", A3, Kerman, "EEEE", c => c.Recipients = new() { Count = 1, Period = Period.Month }).Published("17"));
        var after = await FiguresAsync();

        // Assert: the cached figures were not served stale
        Assert.Equal(before.Total.Services + 1, after.Total.Services);
        Assert.Equal(before.Total.RecipientsPerYear.Sum + 12, after.Total.RecipientsPerYear.Sum);
    }

    [Fact]
    public async Task Backfill_RecomputesRowsDerivedByOlderRules()
    {
        // Arrange: pretend card 2 was derived by the old rule (level 4 stored, revision 1)
        await _app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"""UPDATE "Cards" SET "Maturity" = 4, "VisitsPerYear" = NULL, "DerivedRevision" = 1 WHERE "Title" = {"خدمت دو"}""", TestContext.Current.CancellationToken));

        // Act
        var done = await _app.WithDbAsync(db => CatalogColumns.BackfillAsync(db, TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(1, done);
        var card = await _app.WithDbAsync(db => Task.FromResult(db.Cards.Single(c => c.Title == "خدمت دو")));
        Assert.Equal((2, 2400L, ServiceCard.DerivationRevision), (card.Maturity, card.VisitsPerYear!.Value, card.DerivedRevision));
    }
}
