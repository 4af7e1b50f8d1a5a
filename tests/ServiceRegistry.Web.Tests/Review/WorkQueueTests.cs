using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Review;

/// <summary>What waits for me: the header counts the cards waiting for this person's action (returned, template
/// changed, to review, to give an ID), on every page, and the work queues list them.</summary>
public sealed class WorkQueueTests : IAsyncLifetime
{
    private const string Agency = "اداره کل آزمایش";
    private const string Ministry = "وزارت آزمایش";
    private readonly RegistryApp _app = new();

    public async ValueTask InitializeAsync()
    {
        await _app.AgencyAsync(Agency, "تهران");
        await _app.AgencyAsync("اداره کل دیگر", "فارس");
        await _app.AgencyAsync(Ministry, null);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Get_AnyPage_HeaderCountsReturnedAndTemplateChangedCards_AndTheQueuesListThem()
    {
        // Arrange: in the editor's agency one returned card, one instance whose template changed, one draft (not waiting)
        var template = (await _app.SeedAsync(new CardBuilder().Titled("الگوی آزمایشی").OfAgency(Ministry).AsTemplate().Published("1000000001")))[0];
        var cards = await _app.SeedAsync(
            new CardBuilder().Titled("کارت برگشتی").OfAgency(Agency, "تهران").InStatus(CardStatus.Returned),
            new CardBuilder().Titled("نمونه تغییر یافته").OfAgency(Agency, "تهران").InstanceOf(template.Id).WithTemplateChange("requiredDocuments").Published(),
            new CardBuilder().Titled("پیش نویس").OfAgency(Agency, "تهران"),
            new CardBuilder().Titled("برگشتی دستگاه دیگر").OfAgency("اداره کل دیگر", "فارس").InStatus(CardStatus.Returned));
        var editor = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Agency, "تهران"));

        // Act
        var home = await RegistryApp.ParseAsync(await editor.GetAsync("/cards"));
        var queues = await RegistryApp.ParseAsync(await editor.GetAsync("/review"));

        // Assert
        Assert.Equal("کارتابل ۲ مورد در انتظار شما", Normalize(home.QuerySelector("#nav-work")!.TextContent));
        Assert.NotNull(queues.QuerySelector($"#queue-returned a[href='/review/{cards[0].Id}']"));
        Assert.NotNull(queues.QuerySelector($"#queue-template a[href='/review/{cards[1].Id}']"));
        Assert.Null(queues.QuerySelector($"a[href='/review/{cards[3].Id}']"));
    }

    [Fact]
    public async Task Get_AnyPage_ReviewerCountsTheSubmittedCardsOfHisProvince_AdminTheIdsToIssue()
    {
        // Arrange
        await _app.SeedAsync(
            new CardBuilder().Titled("ارسالی تهران").OfAgency(Agency, "تهران").InStatus(CardStatus.Submitted),
            new CardBuilder().Titled("ارسالی فارس").OfAgency("اداره کل دیگر", "فارس").InStatus(CardStatus.Submitted),
            new CardBuilder().Titled("تاییدشده").OfAgency(Agency, "تهران").InStatus(CardStatus.Approved));
        var reviewer = await _app.ClientAsAsync(await _app.UserAsync(Roles.ProvincialReviewer, province: "تهران"));
        var admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));
        var anonymous = _app.CreateBrowserlessClient();

        // Act
        var forReviewer = await RegistryApp.ParseAsync(await reviewer.GetAsync("/"));
        var forAdmin = await RegistryApp.ParseAsync(await admin.GetAsync("/"));
        var forPublic = await RegistryApp.ParseAsync(await anonymous.GetAsync("/"));

        // Assert: the reviewer's one submitted card of Tehran (not Fars's); the national office's approved card waiting for its ID
        Assert.Equal("کارتابل ۱ مورد در انتظار شما", Normalize(forReviewer.QuerySelector("#nav-work")!.TextContent));
        Assert.Equal("کارتابل ۱ مورد در انتظار شما", Normalize(forAdmin.QuerySelector("#nav-work")!.TextContent));
        Assert.Null(forPublic.QuerySelector("#nav-work"));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
