using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Review;

/// <summary>The audit trail as people read it: card titles, the comments a return sent, Persian digits in our own words.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private const string Agency = "اداره کل آزمایش";
    private readonly RegistryApp _app = new();

    public async ValueTask InitializeAsync() => await _app.AgencyAsync(Agency, "تهران");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Get_AuditAndHistory_NameTheCardShowTheReturnedCommentsAndUsePersianDigits()
    {
        // Arrange: a card edited, submitted and returned with two comments
        var id = (await _app.SeedAsync(new CardBuilder().Titled("صدور مجوز آزمایشی")))[0].Id;
        var editor = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Agency, "تهران"));
        var reviewer = await _app.ClientAsAsync(await _app.UserAsync(Roles.ProvincialReviewer, province: "تهران"));
        var admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));
        await _app.WithDbAsync(async db =>
        {
            var card = await db.Cards.SingleAsync(c => c.Id == id);
            var content = card.Content;
            content.Description = "شرح تازه";
            var actor = new Actor(null, "کارشناس", new HashSet<string> { Roles.AgencyEditor }, card.AgencyId, new HashSet<int> { card.AgencyId }, "تهران");
            Assert.True(card.Edit(actor, content, _app.Clock.GetUtcNow()).Ok);
            return await db.SaveChangesAsync();
        });
        async Task<string> Version() => (await _app.CardAsync(id)).Version.ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync($"/cards/{id}", $"/review/{id}?handler=submit", new Dictionary<string, string> { ["Version"] = await Version() })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFormAsync($"/review/{id}", $"/review/{id}?handler=return", new Dictionary<string, string>
        {
            ["Version"] = await Version(),
            ["GeneralComment"] = "مدارک لازم را کامل کنید.",
            ["FieldComments[0].Field"] = "$.description",
            ["FieldComments[0].Text"] = "شرح کوتاه است.",
        })).StatusCode);

        // Act
        var audit = await RegistryApp.ParseAsync(await admin.GetAsync($"/admin/audit?Card={id}"));
        var history = await RegistryApp.ParseAsync(await editor.GetAsync($"/review/{id}/history"));

        // Assert
        var rows = audit.QuerySelectorAll("#audit tbody tr");
        Assert.All(rows, r => Assert.Contains("صدور مجوز آزمایشی", r.TextContent, StringComparison.Ordinal));
        var returned = history.QuerySelectorAll("#audit tbody tr").Single(r => r.TextContent.Contains("برگشت برای اصلاح", StringComparison.Ordinal));
        Assert.Contains("مدارک لازم را کامل کنید.", returned.TextContent, StringComparison.Ordinal);
        Assert.Contains("شرح کوتاه است.", returned.TextContent, StringComparison.Ordinal);
        var edited = history.QuerySelectorAll("#audit tbody tr").Single(r => r.TextContent.Contains("ویرایش", StringComparison.Ordinal));
        Assert.Contains("نسخه ۲", edited.TextContent, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9]", string.Concat(history.QuerySelectorAll("#audit tbody td:first-child").Select(td => td.TextContent)));
    }
}
