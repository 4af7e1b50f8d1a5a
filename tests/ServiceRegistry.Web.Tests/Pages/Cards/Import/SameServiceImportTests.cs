using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards.Import;

/// <summary>
/// A Word/text file whose service the agency already has (issue 14, finding 4: «تهیه حساب های منطقه ای» was imported
/// as a second draft without a word): flagged on the batch page and the review page with a link, and saved only by an
/// explicit choice — into the existing card (a revision of the published one) or as a new card, audited.
/// </summary>
public sealed class SameServiceImportTests : IAsyncLifetime
{
    private const string Agency = "سازمان مدیریت و برنامه ریزی لرستان";
    private readonly RegistryApp _app = new();
    private TestUser _editor = null!;
    private HttpClient _client = null!;
    private ServiceCard _published = null!;
    private int _batchId;

    public async ValueTask InitializeAsync()
    {
        _editor = await _app.UserAsync(Roles.AgencyEditor, Agency, "لرستان");
        _client = await _app.ClientAsAsync(_editor);
        // The same title as the file's «تهیه حساب های منطقه ای», written with ZWNJ and Arabic letters: one service.
        var cards = await _app.SeedAsync(
            new CardBuilder().Titled("تهيه حساب‌هاي منطقه‌اي").OfAgency(Agency, "لرستان").Published("1234567890"),
            new CardBuilder().Titled("تهیه حساب های منطقه ای").OfAgency("اداره دیگر", "لرستان").Published("1234567891"));
        _published = cards[0];
        _batchId = await ImportFixtures.BatchAsync(_app, _editor,
            ("regional-accounts.txt", ImportFixtures.Form("regional-accounts.txt")),
            ("mayors-training.txt", ImportFixtures.Form("mayors-training.txt")));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private string Review(int n = 1) => $"/cards/import/{_batchId}/{n}";

    [Fact]
    public async Task Get_FileRepeatingAPublishedCard_IsFlaggedOnTheBatchAndReviewPagesWithALink()
    {
        // Act
        var batch = await RegistryApp.ParseAsync(await _client.GetAsync($"/cards/import/{_batchId}", TestContext.Current.CancellationToken));
        var review = await RegistryApp.ParseAsync(await _client.GetAsync(Review(), TestContext.Current.CancellationToken));

        // Assert: the batch flags the repeating file only, naming and linking the agency's own card (not the other agency's)
        var flag = batch.QuerySelector("#file-1 .same-service-flag");
        Assert.NotNull(flag);
        Assert.NotNull(flag.QuerySelector($"a[href='/cards/{_published.Id}']"));
        Assert.Contains("منتشر شده", flag.TextContent, StringComparison.Ordinal);
        Assert.Null(batch.QuerySelector("#file-2 .same-service-flag"));

        // …and the review page names it and asks what to do, nothing chosen beforehand
        var same = review.QuerySelector("#same-service");
        Assert.NotNull(same);
        Assert.NotNull(same.QuerySelector($"a.same-service-link[href='/cards/{_published.Id}']"));
        Assert.NotNull(review.QuerySelector("#Duplicate_Revise[form='card-form']"));
        Assert.NotNull(review.QuerySelector("#Duplicate_New[form='card-form']"));
        Assert.Null(review.QuerySelector("#same-service input[checked]"));

        // …while a file the agency does not have shows no warning
        var other = await RegistryApp.ParseAsync(await _client.GetAsync(Review(2), TestContext.Current.CancellationToken));
        Assert.Null(other.QuerySelector("#same-service"));
    }

    [Fact]
    public async Task Post_RepeatingFileWithoutAChoice_SavesNothingAndAsks()
    {
        // Arrange
        var form = await HtmlForm.OpenAsync(_client, Review());

        // Act
        var response = await form.PostAsync(_client);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("بگویید با آن چه کنیم", page.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#error-summary a[href='#Duplicate']"));
        Assert.Equal(2, await _app.WithDbAsync(db => db.Cards.CountAsync()));
        Assert.Null(await _app.WithDbAsync(db => db.ImportItems.Where(i => i.BatchId == _batchId && i.Position == 1).Select(i => i.CardId).SingleAsync()));
    }

    [Fact]
    public async Task Post_ChoiceRevise_StartsARevisionOfThePublishedCardWithTheFileContent_Audited()
    {
        // Arrange
        var form = await HtmlForm.OpenAsync(_client, Review());
        form.Set("Duplicate", "Revise");

        // Act
        var response = await form.PostAsync(_client);
        var batch = await RegistryApp.ParseAsync(await _client.GetAsync($"/cards/import/{_batchId}", TestContext.Current.CancellationToken));

        // Assert: the published card stays as it was; a revision of it holds the file's content
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cards = await _app.WithDbAsync(db => db.Cards.AsNoTracking().Where(c => c.AgencyId == _published.AgencyId).OrderBy(c => c.Id).ToListAsync());
        Assert.Equal(2, cards.Count);
        Assert.Equal(CardStatus.Published, cards[0].Status);
        Assert.Equal("تهيه حساب‌هاي منطقه‌اي", cards[0].Title);
        var revision = cards[1];
        Assert.Equal(_published.Id, revision.RevisionOfId);
        Assert.Equal(CardStatus.Draft, revision.Status);
        Assert.Equal("تهیه حساب های منطقه ای", revision.Title);
        Assert.Contains("آمارهای ثبتی", revision.Content.Description, StringComparison.Ordinal);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.CardId == revision.Id).OrderBy(a => a.Id).ToListAsync());
        Assert.Contains(audit, a => a.Action == AuditActions.Imported && a.Detail!.Contains("regional-accounts.txt", StringComparison.Ordinal));
        Assert.Equal(revision.Id, await _app.WithDbAsync(db => db.ImportItems.Where(i => i.BatchId == _batchId && i.Position == 1).Select(i => i.CardId).SingleAsync()));
        Assert.Contains("بازنگری", batch.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(batch.QuerySelector("#file-1 .same-service-flag"));
    }

    [Fact]
    public async Task Post_ChoiceNew_CreatesASecondCardWithTheChoiceInItsAuditTrail()
    {
        // Arrange
        var form = await HtmlForm.OpenAsync(_client, Review());
        form.Set("Duplicate", "New");

        // Act
        var response = await form.PostAsync(_client);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var card = await _app.WithDbAsync(db => db.Cards.AsNoTracking().Where(c => c.AgencyId == _published.AgencyId).OrderBy(c => c.Id).LastAsync());
        Assert.NotEqual(_published.Id, card.Id);
        Assert.Null(card.RevisionOfId);
        Assert.Equal(CardStatus.Draft, card.Status);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.CardId == card.Id).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([AuditActions.Imported, AuditActions.DuplicateKept], audit.Select(a => a.Action));
        Assert.Contains($"شناسنامه {_published.Id}", audit[1].Detail, StringComparison.Ordinal);
    }
}
