using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Review;

/// <summary>The review workflow through the front door: pages for people, the API for systems.</summary>
public sealed class WorkflowTests : IAsyncLifetime
{
    private const string AgencyA = "اداره کل راه و شهرسازی لرستان";
    private const string AgencyB = "اداره کل منابع طبیعی لرستان";
    private readonly RegistryApp _app = new();
    private TestUser _editorA = null!;
    private TestUser _editorB = null!;
    private TestUser _reviewer = null!;
    private TestUser _reviewerElsewhere = null!;
    private TestUser _admin = null!;

    public async ValueTask InitializeAsync()
    {
        await _app.AgencyAsync(AgencyA, "لرستان");
        await _app.AgencyAsync(AgencyB, "لرستان");
        _editorA = await _app.UserAsync(Roles.AgencyEditor, AgencyA, "لرستان");
        _editorB = await _app.UserAsync(Roles.AgencyEditor, AgencyB, "لرستان");
        _reviewer = await _app.UserAsync(Roles.ProvincialReviewer, province: "لرستان");
        _reviewerElsewhere = await _app.UserAsync(Roles.ProvincialReviewer, province: "فارس");
        _admin = await _app.UserAsync(Roles.NationalAdmin);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<int> DraftOfAAsync(string title = "صدور پروانه ساخت") =>
        (await _app.SeedAsync(new CardBuilder().Titled(title).OfAgency(AgencyA, "لرستان")))[0].Id;

    [Fact]
    public async Task Journey_DraftSubmitReturnFixApproveIssuePublish_AppearsInCatalogWithItsId()
    {
        // Arrange
        var id = await DraftOfAAsync();
        var editor = await _app.ClientAsAsync(_editorA);
        var reviewer = await _app.ClientAsAsync(_reviewer);
        var admin = await _app.ClientAsAsync(_admin);
        var page = $"/review/{id}";

        // Act + Assert, step by step
        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(page, page + "?handler=submit", new Dictionary<string, string> { ["Version"] = "1" })).StatusCode);
        Assert.Equal(CardStatus.Submitted, await StatusAsync(id));

        var returned = await reviewer.PostFormAsync(page, page + "?handler=return", new Dictionary<string, string>
        {
            ["Version"] = (await VersionAsync(id)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FieldComments[0].Field"] = "$.description",
            ["FieldComments[0].Text"] = "شرح خدمت کامل نیست؛ مراحل را بنویسید.",
        });
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        Assert.Equal(CardStatus.Returned, await StatusAsync(id));

        var editorView = await editor.GetStringAsync(page);
        Assert.Contains("شرح خدمت کامل نیست", editorView, StringComparison.Ordinal);
        Assert.Contains("شرح خدمت", editorView, StringComparison.Ordinal);
        var queues = await editor.GetStringAsync("/review");
        Assert.Contains("برگشت‌خورده برای اصلاح", queues, StringComparison.Ordinal);

        await _app.WithDbAsync(async db =>
        {
            var card = await db.Cards.SingleAsync(c => c.Id == id);
            var content = card.Content;
            content.Description = "شرح کامل خدمت با مراحل";
            Assert.True(card.Edit(await ActorAsync(_editorA), content, _app.Clock.GetUtcNow()).Ok);
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Redirect, (await editor.PostFormAsync(page, page + "?handler=submit", new Dictionary<string, string> { ["Version"] = (await VersionAsync(id)).ToString(System.Globalization.CultureInfo.InvariantCulture) })).StatusCode);
        Assert.Contains("در انتظار بررسی من", await reviewer.GetStringAsync("/review"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFormAsync(page, page + "?handler=approve", new Dictionary<string, string> { ["Version"] = (await VersionAsync(id)).ToString(System.Globalization.CultureInfo.InvariantCulture), ["Confirmed"] = "true" })).StatusCode);
        Assert.Equal(CardStatus.Approved, await StatusAsync(id));

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(page, page + "?handler=issueid", new Dictionary<string, string> { ["Version"] = (await VersionAsync(id)).ToString(System.Globalization.CultureInfo.InvariantCulture), ["Confirmed"] = "true" })).StatusCode);
        var serviceId = await _app.WithDbAsync(db => db.Cards.Where(c => c.Id == id).Select(c => c.ServiceId).SingleAsync());
        Assert.Matches("^[0-9]{11}$", serviceId);
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(page, page + "?handler=publish", new Dictionary<string, string> { ["Version"] = (await VersionAsync(id)).ToString(System.Globalization.CultureInfo.InvariantCulture), ["Confirmed"] = "true" })).StatusCode);

        var anonymous = _app.CreateBrowserlessClient();
        var catalog = await anonymous.GetStringAsync("/");
        Assert.Contains("صدور پروانه ساخت", catalog, StringComparison.Ordinal);
        Assert.Contains(PersianDigits(serviceId!), catalog, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/services/{id}")).StatusCode);

        var trail = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.CardId == id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["submitted", "returned", "edited", "submitted", "approved", "serviceIdIssued", "published"], trail);
    }

    [Fact]
    public async Task Api_Lifecycle_WithVersions_AndProblemDetails()
    {
        // Arrange
        var id = await DraftOfAAsync();
        var editor = await _app.ClientAsAsync(_editorA);
        var reviewer = await _app.ClientAsAsync(_reviewer);

        // Act
        var submitted = await editor.PostAsJsonAsync($"/api/v1/services/{id}/submit", new { version = 1 });
        var stale = await reviewer.PostAsJsonAsync($"/api/v1/services/{id}/approve", new { version = 1 });
        var noComment = await reviewer.PostAsJsonAsync($"/api/v1/services/{id}/return", new { comments = Array.Empty<object>() });
        var returned = await reviewer.PostAsJsonAsync($"/api/v1/services/{id}/return", new { comments = new[] { new { field = "$.fees", text = "حساب بانکی را بنویسید" } } });

        // Assert
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var body = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("submitted", body.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Conflict, noComment.StatusCode);
        Assert.Contains("توضیح", (await noComment.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        Assert.Equal("$.fees", await _app.WithDbAsync(db => db.ReviewComments.Where(c => c.CardId == id).Select(c => c.FieldPath).SingleAsync()));
    }

    [Fact]
    public async Task Permissions_OtherAgencyAndOtherProvince_AreRefused()
    {
        // Arrange
        var id = await DraftOfAAsync();
        var editorB = await _app.ClientAsAsync(_editorB);
        var elsewhere = await _app.ClientAsAsync(_reviewerElsewhere);
        var editorA = await _app.ClientAsAsync(_editorA);

        // Act + Assert: B cannot even see A's draft
        Assert.Equal(HttpStatusCode.NotFound, (await editorB.GetAsync($"/review/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editorB.PostAsJsonAsync($"/api/v1/services/{id}/submit", new { })).StatusCode);
        Assert.DoesNotContain("صدور پروانه ساخت", await editorB.GetStringAsync("/review"), StringComparison.Ordinal);

        // a reviewer of another province can neither see nor approve it
        Assert.Equal(HttpStatusCode.OK, (await editorA.PostAsJsonAsync($"/api/v1/services/{id}/submit", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.PostAsJsonAsync($"/api/v1/services/{id}/approve", new { })).StatusCode);

        // the editor cannot approve his own card: that is the reviewer's step
        var selfApprove = await editorA.PostAsJsonAsync($"/api/v1/services/{id}/approve", new { });
        Assert.Equal(HttpStatusCode.Forbidden, selfApprove.StatusCode);
        Assert.Equal(CardStatus.Submitted, await StatusAsync(id));
    }

    [Fact]
    public async Task Anonymous_ChangingAnything_Gets401OrTheSignInPage()
    {
        var id = await DraftOfAAsync();
        var anonymous = _app.CreateBrowserlessClient();

        var api = await anonymous.PostAsJsonAsync($"/api/v1/services/{id}/submit", new { });
        var page = await anonymous.GetAsync($"/review/{id}");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(CardStatus.Draft, await StatusAsync(id));
    }

    [Fact]
    public async Task Revision_OfPublishedCard_KeepsThePublishedVersionVisibleUntilRepublished()
    {
        // Arrange: a published card with its ID
        var id = (await _app.SeedAsync(new CardBuilder().Titled("نسخه منتشرشده").OfAgency(AgencyA, "لرستان").Published("10000000077")))[0].Id;
        var editor = await _app.ClientAsAsync(_editorA);
        var reviewer = await _app.ClientAsAsync(_reviewer);
        var admin = await _app.ClientAsAsync(_admin);

        // Act: start a revision and change it
        var revise = await editor.PostAsJsonAsync($"/api/v1/services/{id}/revise", new { });
        var revisionId = (await revise.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await _app.WithDbAsync(async db =>
        {
            var revision = await db.Cards.SingleAsync(c => c.Id == revisionId);
            var content = revision.Content;
            content.Title = "نسخه بازنگری‌شده";
            Assert.True(revision.Edit(await ActorAsync(_editorA), content, _app.Clock.GetUtcNow()).Ok);
            return await db.SaveChangesAsync();
        });

        // Assert: the public still sees the published version
        Assert.Contains("نسخه منتشرشده", await _app.CreateBrowserlessClient().GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await editor.PostAsJsonAsync($"/api/v1/services/{id}/revise", new { })).StatusCode);

        // and after review and publication, the same card (same id and service ID) shows the revision
        Assert.Equal(HttpStatusCode.OK, (await editor.PostAsJsonAsync($"/api/v1/services/{revisionId}/submit", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync($"/api/v1/services/{revisionId}/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/services/{revisionId}/publish", new { })).StatusCode);
        var catalog = await _app.CreateBrowserlessClient().GetStringAsync("/");
        Assert.Contains("نسخه بازنگری‌شده", catalog, StringComparison.Ordinal);
        Assert.DoesNotContain("نسخه منتشرشده", catalog, StringComparison.Ordinal);
        var original = await _app.WithDbAsync(db => db.Cards.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal("10000000077", original.ServiceId);
        Assert.Equal(CardStatus.Archived, await StatusAsync(revisionId));
    }

    [Fact]
    public async Task History_ShowsFieldByFieldDifferencesWithPersianLabels()
    {
        // Arrange
        var id = await DraftOfAAsync();
        await _app.WithDbAsync(async db =>
        {
            var card = await db.Cards.SingleAsync(c => c.Id == id);
            var content = card.Content;
            content.Fees.AmountsRials = [250000];
            content.Levels = [ServiceLevel.City];
            Assert.True(card.Edit(await ActorAsync(_editorA), content, _app.Clock.GetUtcNow()).Ok);
            return await db.SaveChangesAsync();
        });
        var editor = await _app.ClientAsAsync(_editorA);

        // Act
        var page = await RegistryApp.ParseAsync(await editor.GetAsync($"/review/{id}/history?from=1&to=2"));

        // Assert
        var rows = page.QuerySelectorAll("#diff tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("هزینه ارائه خدمت › مبلغ (مبالغ) به ریال", StringComparison.Ordinal) && r.Contains("۲۵۰٬۰۰۰", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("سطح خدمت", StringComparison.Ordinal) && r.Contains("استانی", StringComparison.Ordinal) && r.Contains("شهری", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_SubServiceOfAnUnknownParent_IsRefused_OfAKnownOne_GoesThrough()
    {
        // Arrange: a published parent service and two sub-service drafts
        await _app.SeedAsync(new CardBuilder().Titled("خدمت مادر").OfAgency(AgencyA, "لرستان").Published("10000000555"));
        var orphan = (await _app.SeedAsync(new CardBuilder().Titled("زیرخدمت بی‌مادر").OfAgency(AgencyA, "لرستان").With(c => c.ParentServiceId = "19999999999")))[0].Id;
        var child = (await _app.SeedAsync(new CardBuilder().Titled("زیرخدمت").OfAgency(AgencyA, "لرستان").With(c => c.ParentServiceId = "10000000555")))[0].Id;
        var editor = await _app.ClientAsAsync(_editorA);

        // Act
        var refused = await editor.PostAsJsonAsync($"/api/v1/services/{orphan}/submit", new { });
        var accepted = await editor.PostAsJsonAsync($"/api/v1/services/{child}/submit", new { });

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("19999999999", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task ServiceIds_AreUniqueAndNeverReused()
    {
        // Arrange: an imported card already holds the first number of the sequence
        await _app.SeedAsync(new CardBuilder().Titled("قدیمی").OfAgency(AgencyA, "لرستان").Published("10000000001"));
        var ids = new List<string>();
        var admin = await _app.ClientAsAsync(_admin);

        // Act
        for (var i = 0; i < 3; i++)
        {
            var card = (await _app.SeedAsync(new CardBuilder().Titled($"خدمت {i}").OfAgency(AgencyA, "لرستان").InStatus(CardStatus.Approved)))[0];
            var issued = await admin.PostAsJsonAsync($"/api/v1/services/{card.Id}/issue-id", new { });
            ids.Add((await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("serviceId").GetString()!);
        }

        // Assert
        Assert.Equal(["10000000002", "10000000003", "10000000004"], ids);
    }

    [Fact]
    public async Task AuditLog_IsAppendOnlyInTheDatabase()
    {
        var id = await DraftOfAAsync();
        var editor = await _app.ClientAsAsync(_editorA);
        await editor.PostAsJsonAsync($"/api/v1/services/{id}/submit", new { });

        var update = await Record.ExceptionAsync(() => _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Action\" = 'x'")));
        var delete = await Record.ExceptionAsync(() => _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\"")));

        Assert.NotNull(update);
        Assert.NotNull(delete);
        Assert.Contains("submitted", await _app.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task AuditPage_FiltersForAdministratorsOnly()
    {
        var id = await DraftOfAAsync();
        await (await _app.ClientAsAsync(_editorA)).PostAsJsonAsync($"/api/v1/services/{id}/submit", new { });

        var adminPage = await RegistryApp.ParseAsync(await (await _app.ClientAsAsync(_admin)).GetAsync($"/admin/audit?action=submitted&card={id}"));
        var editorPage = await (await _app.ClientAsAsync(_editorA)).GetAsync("/admin/audit");

        Assert.Single(adminPage.QuerySelectorAll("#audit tbody tr"));
        Assert.Contains("ارسال برای بررسی", adminPage.QuerySelector("#audit")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, editorPage.StatusCode);
        Assert.StartsWith("/account/denied", editorPage.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task<CardStatus> StatusAsync(int id) => (await _app.CardAsync(id)).Status;

    private async Task<int> VersionAsync(int id) => (await _app.CardAsync(id)).Version;

    private Task<Actor> ActorAsync(TestUser user) => _app.WithDbAsync(async db =>
    {
        var u = await db.Users.SingleAsync(x => x.Email == user.Email);
        return new Actor(u.Id, u.DisplayName, new HashSet<string> { user.Role }, u.AgencyId, new HashSet<int> { u.AgencyId ?? 0 }, u.Province);
    });

    private static string PersianDigits(string s) => ServiceRegistry.Core.Text.PersianText.ToPersianDigits(s);
}
