using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Review;

/// <summary>The reviewer's comments where the editor works: beside their fields in the edit form until resolved, with
/// replies both sides see.</summary>
public sealed class CommentThreadTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();
    private AgencyTeam _team = null!;

    public async ValueTask InitializeAsync() => _team = await _app.TeamAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<int> ReturnedCardAsync(HttpClient reviewer)
    {
        var id = (await _app.SeedAsync(new CardBuilder().Titled("شناسنامه با توضیح").InStatus(CardStatus.Submitted)))[0].Id;
        var version = (await _app.CardAsync(id)).Version;
        var returned = await reviewer.PostFormAsync($"/review/{id}", $"/review/{id}?handler=return", new Dictionary<string, string>
        {
            ["Version"] = version.ToString(CultureInfo.InvariantCulture),
            ["FieldComments[0].Field"] = "$.description",
            ["FieldComments[0].Text"] = "شرح خدمت مراحل را نمی‌گوید.",
        });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        return id;
    }

    [Fact]
    public async Task Get_EditReturnedCard_ShowsTheCommentBesideItsFieldAndLinksTheReviewPage()
    {
        // Arrange
        var reviewer = await _app.ClientAsAsync(_team.Reviewer);
        var id = await ReturnedCardAsync(reviewer);
        var editor = await _app.ClientAsAsync(_team.Editor);

        // Act
        var edit = await RegistryApp.ParseAsync(await editor.GetAsync($"/cards/{id}/edit"));

        // Assert
        Assert.Contains("شرح خدمت مراحل را نمی‌گوید.", edit.QuerySelector("#Card_Description-comment")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains("Card_Description-comment", edit.QuerySelector("#Card_Description")?.GetAttribute("aria-describedby") ?? "", StringComparison.Ordinal);
        Assert.NotNull(edit.QuerySelector($"#comments a[href='/review/{id}#comments']"));
    }

    [Fact]
    public async Task Post_ReplyAndResolve_ReviewerSeesTheReplyAndTheFormNoLongerShowsIt()
    {
        // Arrange
        var reviewer = await _app.ClientAsAsync(_team.Reviewer);
        var id = await ReturnedCardAsync(reviewer);
        var editor = await _app.ClientAsAsync(_team.Editor);
        var commentId = await _app.WithDbAsync(db => db.ReviewComments.Where(c => c.CardId == id && c.FieldPath != null).Select(c => c.Id).SingleAsync());

        // Act
        var refused = await reviewer.PostFormAsync($"/review/{id}", $"/review/{id}?handler=answer", new Dictionary<string, string>
        {
            ["CommentId"] = commentId.ToString(CultureInfo.InvariantCulture), ["Resolve"] = "true",
        });
        var answered = await editor.PostFormAsync($"/cards/{id}/edit", $"/review/{id}?handler=answer", new Dictionary<string, string>
        {
            ["CommentId"] = commentId.ToString(CultureInfo.InvariantCulture), ["Reply"] = "مراحل را در بخش ۶ نوشتیم.", ["Resolve"] = "true", ["From"] = "edit",
        });
        var reviewPage = await RegistryApp.ParseAsync(await reviewer.GetAsync($"/review/{id}"));
        var edit = await RegistryApp.ParseAsync(await editor.GetAsync($"/cards/{id}/edit"));

        // Assert
        Assert.Contains("/account/denied", refused.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal($"/cards/{id}/edit#comments", answered.Headers.Location?.OriginalString);
        var thread = reviewPage.QuerySelector($"#comment-{commentId}");
        Assert.Equal("false", thread?.GetAttribute("data-open"));
        Assert.Contains("مراحل را در بخش ۶ نوشتیم.", thread?.QuerySelector(".comment-reply")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Null(edit.QuerySelector("#Card_Description-comment"));
    }
}
