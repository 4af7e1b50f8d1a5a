using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Feedback;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Feedback;

/// <summary>The agency's inbox of the public's reports (/feedback): only the card's agency (and the national office)
/// reads and answers them; the header counts the new ones.</summary>
public sealed class InboxTests : IAsyncLifetime
{
    private const string Own = "اداره کل صندوق بازخورد فارس";
    private const string Other = "اداره کل دیگر صندوق فارس";
    private readonly RegistryApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<int> ReportAsync(string text)
    {
        var id = (await _app.SeedAsync(new CardBuilder().Titled("خدمت صندوق بازخورد").OfAgency(Own, "فارس").Published()))[0].Id;
        var sent = await (await _app.ClientAsAsync(null)).SendFeedbackAsync(_app, id, text);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        return id;
    }

    [Fact]
    public async Task Get_Inbox_ShowsTheReportToTheCardsAgencyAndTheNationalOfficeOnly()
    {
        // Arrange
        await ReportAsync("نشانی دفتر در این صفحه قدیمی است.");
        var editor = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Own, "فارس"));
        var admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));
        var stranger = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Other, "فارس"));
        var reviewer = await _app.ClientAsAsync(await _app.UserAsync(Roles.ProvincialReviewer, province: "فارس"));

        // Act
        var own = await RegistryApp.ParseAsync(await editor.GetAsync("/feedback", Ct));
        var national = await RegistryApp.ParseAsync(await admin.GetAsync("/feedback", Ct));
        var other = await RegistryApp.ParseAsync(await stranger.GetAsync("/feedback", Ct));
        var asReviewer = await reviewer.GetAsync("/feedback", Ct);

        // Assert
        Assert.Contains("نشانی دفتر در این صفحه قدیمی است.", own.QuerySelector(".feedback-item .feedback-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("۱", own.QuerySelector("#nav-feedback .badge")!.TextContent.Replace("گزارش تازه", "", StringComparison.Ordinal).Trim());
        Assert.Single(national.QuerySelectorAll(".feedback-item"));
        Assert.Empty(other.QuerySelectorAll(".feedback-item"));
        Assert.Null(other.QuerySelector("#nav-feedback .badge"));
        Assert.Equal(HttpStatusCode.Redirect, asReviewer.StatusCode);
        Assert.Contains("/account/denied", asReviewer.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Answer_ByTheAgency_SetsStatusAndAnswer_AnotherAgencyGets404()
    {
        // Arrange
        await ReportAsync("ساعات کار دفتر نوشته نشده است.");
        var feedbackId = await _app.WithDbAsync(db => db.Feedback.Select(f => f.Id).SingleAsync(Ct));
        var editor = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Own, "فارس"));
        var stranger = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Other, "فارس"));
        var answer = new Dictionary<string, string> { ["Answer.Status"] = "Answered", ["Answer.Text"] = "ساعات کار افزوده شد." };

        // Act
        var refused = await stranger.PostFormAsync("/feedback", $"/feedback/{feedbackId}", answer);
        var saved = await editor.PostFormAsync("/feedback", $"/feedback/{feedbackId}", answer);
        var all = await RegistryApp.ParseAsync(await editor.GetAsync("/feedback?all=true", Ct));
        var open = await RegistryApp.ParseAsync(await editor.GetAsync("/feedback", Ct));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await _app.WithDbAsync(db => db.Feedback.SingleAsync(Ct));
        Assert.Equal(FeedbackStatus.Answered, stored.Status);
        Assert.Equal("ساعات کار افزوده شد.", stored.Answer);
        Assert.Contains("ساعات کار افزوده شد.", all.QuerySelector(".feedback-answer")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("پاسخ داده شد", all.QuerySelector(".feedback-status")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(open.QuerySelectorAll(".feedback-item")); // answered reports leave the default view
    }
}
