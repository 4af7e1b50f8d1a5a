using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Review;

/// <summary>Every version number a card has shown is kept, so each published state can be compared with any other.</summary>
public sealed class VersionHistoryTests : IAsyncLifetime
{
    private const string Agency = "اداره کل آزمایش";
    private readonly RegistryApp _app = new();

    public async ValueTask InitializeAsync() => await _app.AgencyAsync(Agency, "تهران");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Get_HistoryOfAPublishedCard_ListsEveryVersionUpToTheCurrentOneAndComparesThePublishedState()
    {
        // Arrange: edited, then taken through the whole workflow
        var id = (await _app.SeedAsync(new CardBuilder().Titled("خدمت با تاریخچه")))[0].Id;
        var version = await _app.WithDbAsync(async db =>
        {
            var card = await db.Cards.SingleAsync(c => c.Id == id);
            var editor = new Actor(null, "کارشناس", new HashSet<string> { Roles.AgencyEditor }, card.AgencyId, new HashSet<int> { card.AgencyId }, "تهران");
            var now = _app.Clock.GetUtcNow();
            var content = CardJson.Clone(card.Content);
            content.Description = "شرح بازنویسی‌شده";
            Assert.True(card.Edit(editor, content, now).Ok);
            Assert.True(card.Submit(editor, now).Ok);
            Assert.True(card.Approve(Actor.System, now).Ok);
            Assert.True(card.IssueServiceId(Actor.System, "40000000001", now).Ok);
            Assert.True(card.Publish(Actor.System, now).Ok);
            await db.SaveChangesAsync();
            return card.Version;
        });
        var admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));

        // Act
        var history = await RegistryApp.ParseAsync(await admin.GetAsync($"/review/{id}/history?From=1&To={version}"));

        // Assert
        var rows = history.QuerySelectorAll("#versions tbody tr");
        Assert.Equal(version, rows.Length);
        Assert.Contains("منتشر شده", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("شرح بازنویسی‌شده", history.QuerySelector("#diff")?.TextContent ?? "", StringComparison.Ordinal);
    }
}
