using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Figures;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Figures;

/// <summary>The card's scope stored on each return (published, agency, province, level; the quarterly views filter on it
/// without joining Cards) never drifts from the card: every way a return is written and every way a card changes is
/// followed by the database's triggers, checked against a recomputation from the join.</summary>
public sealed class ReturnScopeTests : IAsyncLifetime
{
    private const string AgencyA = "اداره کل الف سمنان";
    private const string AgencyB = "اداره کل ب سمنان";
    private readonly RegistryApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await Task.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record Scope(long ReturnId, int CardId, bool Stored, int? StoredAgency, string? StoredProvince, int? StoredMaturity,
        bool Published, int Agency, string? Province, int Maturity)
    {
        public bool Drifted => Stored != Published || StoredAgency != Agency || StoredProvince != Province || StoredMaturity != Maturity;
    }

    private Task<List<Scope>> RecomputeAsync() => _app.WithDbAsync(db =>
        (from r in db.QuarterlyReturns
         join c in db.Cards on r.CardId equals c.Id
         select new Scope(r.Id, r.CardId, r.CardPublished, r.AgencyId, r.Province, r.Maturity, c.Status == CardStatus.Published, c.AgencyId, c.Province, c.Maturity))
        .ToListAsync(Ct));

    [Fact]
    public async Task ScopeOnReturns_FollowsEveryWriteAndEveryCardChange()
    {
        // Arrange: returns written through the API, as test/demo data, on a draft card, and by the synthetic generator
        var editor = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, AgencyA, "سمنان"));
        var admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));
        var agencyB = await _app.AgencyAsync(AgencyB, "سمنان");
        var cards = await _app.SeedAsync(
            new CardBuilder().Titled("الف").OfAgency(AgencyA, "سمنان").Published("51" + Random.Shared.NextInt64(100_000_000, 999_999_999)),
            new CardBuilder().Titled("ب").OfAgency(AgencyA, "سمنان").Published("52" + Random.Shared.NextInt64(100_000_000, 999_999_999)),
            new CardBuilder().Titled("ج").OfAgency(AgencyA, "سمنان"));
        var (viaApi, seeded, draft) = (cards[0].Id, cards[1].Id, cards[2].Id);
        var put = await editor.PutAsync($"/api/v1/services/{viaApi}/statistics/1404-Q3",
            new StringContent("""{ "completed": 10, "status": "submitted" }""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        await _app.SeedReturnAsync(seeded, "1404-Q3", new QuarterFigures { Completed = 3 });
        await _app.SeedReturnAsync(draft, "1404-Q3", new QuarterFigures { Completed = 4 });
        var synthetic = (await _app.SeedAsync(new CardBuilder().Titled("د").OfAgency("اداره کل ج سمنان", "سمنان").Published("53" + Random.Shared.NextInt64(100_000_000, 999_999_999))))[0];
        var generated = await _app.WithDbAsync(db => SyntheticFigures.GenerateAsync(db, synthetic.Id, _app.Clock.GetUtcNow(), Ct));
        var before = await RecomputeAsync();

        // Act: the national office archives one card; a card moves agency and province and changes level; the draft is published
        var archived = await admin.PostAsync($"/api/v1/services/{seeded}/archive", null, Ct);
        await _app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync(
            $"""UPDATE "Cards" SET "AgencyId" = {agencyB}, "Province" = {"شاهرود"}, "Maturity" = {4} WHERE "Id" = {viaApi}""", Ct));
        await _app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "Cards" SET "Status" = {"Published"} WHERE "Id" = {draft}""", Ct));
        var after = await RecomputeAsync();

        // Assert
        Assert.Equal(SyntheticFigures.Quarters, generated);
        Assert.Equal(3 + SyntheticFigures.Quarters, before.Count);
        Assert.DoesNotContain(before, s => s.Drifted);
        Assert.False(before.Single(s => s.CardId == draft).Stored);
        Assert.True(before.Single(s => s.CardId == viaApi).Stored);
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.Equal(before.Count, after.Count);
        Assert.DoesNotContain(after, s => s.Drifted);
        Assert.Equal((false, true, true), (after.Single(s => s.CardId == seeded).Stored, after.Single(s => s.CardId == draft).Stored, after.Single(s => s.CardId == viaApi).Stored));
        Assert.Equal((agencyB, "شاهرود", 4), (after.Single(s => s.CardId == viaApi).StoredAgency!.Value, after.Single(s => s.CardId == viaApi).StoredProvince, after.Single(s => s.CardId == viaApi).StoredMaturity!.Value));

        // and the views read it: the moved card counts for agency B in the API's sums, no longer for agency A
        var forB = await _app.CreateBrowserlessClient().GetStringAsync($"/api/v1/statistics?period=1404-Q3&agency={agencyB}", Ct);
        var forA = await _app.CreateBrowserlessClient().GetStringAsync($"/api/v1/statistics?period=1404-Q3&agency={await _app.AgencyAsync(AgencyA, "سمنان")}", Ct);
        static long? Completed(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("completed").GetProperty("sum") is { ValueKind: System.Text.Json.JsonValueKind.Number } sum ? sum.GetInt64() : null;
        Assert.Equal(10, Completed(forB)); // the moved card alone
        Assert.Equal(4, Completed(forA)); // the published former draft; the archived card no longer counts
    }
}
