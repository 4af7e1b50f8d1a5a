using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards;

/// <summary>The card's home (<c>/cards/{id}</c>): its status and the steps this person may take now, from the card's rules.</summary>
public sealed class CardHomeTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();
    private AgencyTeam _team = null!;

    public async ValueTask InitializeAsync() => _team = await _app.TeamAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<CardStatus> StatusAsync(int id) => (await _app.CardAsync(id)).Status;

    private async Task<string> VersionAsync(int id) => (await _app.CardAsync(id)).Version.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Post_SubmitFromTheCardsHome_SubmitsAndComesBack()
    {
        // Arrange
        var id = (await _app.SeedAsync(new CardBuilder().Titled("پیش‌نویس برای ارسال")))[0].Id;
        var editor = await _app.ClientAsAsync(_team.Editor);

        // Act
        var home = await RegistryApp.ParseAsync(await editor.GetAsync($"/cards/{id}"));
        var action = home.QuerySelector("#actions button[data-action='submit']")?.Closest("form")?.GetAttribute("action");
        var submitted = await editor.PostFormAsync($"/cards/{id}", action ?? "/missing", new Dictionary<string, string> { ["Version"] = await VersionAsync(id), ["From"] = "cards" });

        // Assert
        Assert.Equal($"/review/{id}?handler=submit", action);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal($"/cards/{id}", submitted.Headers.Location?.OriginalString);
        Assert.Equal(CardStatus.Submitted, await StatusAsync(id));
    }

    [Fact]
    public async Task Get_PublishedCardAsEditor_OffersRevisionAndNoEdit()
    {
        // Arrange
        var id = (await _app.SeedAsync(new CardBuilder().Titled("خدمت منتشرشده برای بازنگری").Published("22345678")))[0].Id;
        var editor = await _app.ClientAsAsync(_team.Editor);

        // Act
        var home = await RegistryApp.ParseAsync(await editor.GetAsync($"/cards/{id}"));
        var revised = await editor.PostFormAsync($"/cards/{id}", $"/review/{id}?handler=revise", new Dictionary<string, string> { ["Version"] = await VersionAsync(id), ["From"] = "cards" });

        // Assert
        Assert.Null(home.QuerySelector($"a[href='/cards/{id}/edit']"));
        Assert.NotNull(home.QuerySelector("#actions button[data-action='revise']"));
        Assert.Null(home.QuerySelector("#actions [data-action='submit']"));
        Assert.Equal(HttpStatusCode.Redirect, revised.StatusCode);
        var revision = await _app.WithDbAsync(db => db.Cards.Where(c => c.RevisionOfId == id).Select(c => c.Id).SingleAsync());
        Assert.Equal($"/cards/{revision}", revised.Headers.Location?.OriginalString);
        var again = await RegistryApp.ParseAsync(await editor.GetAsync($"/cards/{id}"));
        Assert.Null(again.QuerySelector("#actions [data-action='revise']"));
    }

    [Fact]
    public async Task Post_ApproveWithoutConfirmation_AsksFirstAndChangesNothing()
    {
        // Arrange
        var id = (await _app.SeedAsync(new CardBuilder().Titled("شناسنامه ارسال‌شده").InStatus(CardStatus.Submitted)))[0].Id;
        var reviewer = await _app.ClientAsAsync(_team.Reviewer);

        // Act
        var home = await RegistryApp.ParseAsync(await reviewer.GetAsync($"/cards/{id}"));
        var unconfirmed = await reviewer.PostFormAsync($"/cards/{id}", $"/review/{id}?handler=approve", new Dictionary<string, string> { ["Version"] = await VersionAsync(id), ["From"] = "cards" });
        var statusBefore = await StatusAsync(id);
        var ask = await RegistryApp.ParseAsync(await reviewer.GetAsync(unconfirmed.Headers.Location!.OriginalString));
        var confirmed = await reviewer.PostFormAsync($"/cards/{id}", $"/review/{id}?handler=approve", new Dictionary<string, string>
        {
            ["Version"] = await VersionAsync(id), ["From"] = "cards", ["Confirmed"] = "true",
        });

        // Assert
        Assert.Equal($"/cards/{id}?confirm=Approve#actions", home.QuerySelector("#actions a[data-action='approve']")?.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.Redirect, unconfirmed.StatusCode);
        Assert.Equal(CardStatus.Submitted, statusBefore);
        Assert.NotNull(ask.QuerySelector("#confirm-step form input[name='Confirmed'][value='true']"));
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(CardStatus.Approved, await StatusAsync(id));
    }

    [Fact]
    public async Task Post_ReturnWithFiveFieldComments_KeepsEveryOneAndTheReviewPageShowsTheCard()
    {
        // Arrange
        var id = (await _app.SeedAsync(new CardBuilder().Titled("شناسنامه برای برگشت").InStatus(CardStatus.Submitted)))[0].Id;
        var reviewer = await _app.ClientAsAsync(_team.Reviewer);
        var fields = new Dictionary<string, string> { ["Version"] = await VersionAsync(id) };
        var paths = new[] { "$.title", "$.description", "$.fees", "$.documents", "$.duration" };
        for (var i = 0; i < 4; i++)
        {
            fields[$"FieldComments[{i}].Field"] = paths[i];
            fields[$"FieldComments[{i}].Text"] = $"توضیح شماره {i}";
        }

        // Act: four rows typed, ask for another row, then send five
        var review = await RegistryApp.ParseAsync(await reviewer.GetAsync($"/review/{id}"));
        var more = await RegistryApp.ParseAsync(await reviewer.PostFormAsync($"/review/{id}", $"/review/{id}?handler=morerows", fields));
        fields["FieldComments[4].Field"] = paths[4];
        fields["FieldComments[4].Text"] = "توضیح شماره 4";
        var returned = await reviewer.PostFormAsync($"/review/{id}", $"/review/{id}?handler=return", fields);

        // Assert
        Assert.NotNull(review.QuerySelector("article.official-card"));
        Assert.Equal(5, more.QuerySelectorAll("#return-form .field-comment-row").Length);
        Assert.Equal("توضیح شماره 3", more.QuerySelector("#text-3")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal(5, await _app.WithDbAsync(db => db.ReviewComments.CountAsync(c => c.CardId == id && c.FieldPath != null)));
    }
}
