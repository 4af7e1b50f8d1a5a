using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Feeds;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Feeds;

/// <summary>Issue 16's leftovers on /admin/webhooks: «ارسال دوباره» sends a failed delivery once more (national
/// administrators only, audited), and the navigation links the page for them alone.</summary>
public sealed class WebhookRetryTests : IAsyncLifetime
{
    private const string Agency = "اداره کل ثبت اسناد و املاک کرمان";

    private readonly WebhookReceiver _receiver = new();
    private RetryApp _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class RetryApp : RegistryApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Webhooks:PollSeconds", "0.1");
            builder.UseSetting("Webhooks:AllowedAddresses:0", "127.0.0.1");
        }
    }

    public async ValueTask InitializeAsync()
    {
        await _receiver.StartAsync();
        _app = new RetryApp();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Post_RetryAFailedDelivery_AsAdminSendsItAgainAndAudits_AnyoneElseIsRefused()
    {
        // Arrange: a receiver that is down; a publish it never got; its 24 hours over (the delivery queued 25 hours ago)
        var admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));
        var editorUser = await _app.UserAsync(Roles.AgencyEditor, Agency, "کرمان");
        var editor = await _app.ClientAsAsync(editorUser);
        var reviewer = await _app.ClientAsAsync(await _app.UserAsync(Roles.ProvincialReviewer, province: "کرمان"));
        _receiver.Answer = _ => 503;
        var registered = await RegistryApp.ParseAsync(await admin.PostFormAsync("/admin/webhooks", "/admin/webhooks", new Dictionary<string, string>
        {
            ["Form.Name"] = "درگاه ملی", ["Form.Url"] = _receiver.Url, ["Form.Secret"] = "", ["Form.AgencyId"] = "",
            ["Form.Kinds[0]"] = nameof(PublicChangeKind.Published),
        }));
        _receiver.Secret = registered.QuerySelector("#new-webhook-secret")!.TextContent.Trim();
        var card = (await _app.SeedAsync(new CardBuilder().Titled("خدمت ارسال دوباره").OfAgency(Agency, "کرمان").InStatus(CardStatus.IdIssued, "88" + Random.Shared.NextInt64(100_000_000, 999_999_999))))[0].Id;
        await ChangesApiTests.PostOkAsync(admin, $"/api/v1/services/{card}/publish");
        await WaitAsync(db => db.WebhookDeliveries.AnyAsync(d => d.CardId == card && d.Attempts >= 1 && d.LeaseOwner == null, Ct));
        var queued = _app.Clock.GetUtcNow().UtcDateTime.AddHours(-25);
        await _app.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.CardId == card)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.CreatedAt, queued).SetProperty(d => d.NextAttemptAt, queued), Ct));
        await WaitAsync(db => db.WebhookDeliveries.AnyAsync(d => d.CardId == card && d.Status == WebhookDeliveryStatus.Failed, Ct));
        var delivery = await _app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.CardId == card, Ct));
        _receiver.Answer = _ => 200;
        var retry = $"/admin/webhooks?handler=retry&id={delivery.Id.ToString(CultureInfo.InvariantCulture)}";

        // Act: staff who are not national administrators try; then the administrator, from the button on the page
        var byEditor = await editor.PostFormAsync("/cards", retry, new Dictionary<string, string>());
        var byReviewer = await reviewer.PostFormAsync("/review", retry, new Dictionary<string, string>());
        var statusAfterRefusals = await _app.WithDbAsync(db => db.WebhookDeliveries.Where(d => d.Id == delivery.Id).Select(d => d.Status).SingleAsync(Ct));
        var page = await RegistryApp.ParseAsync(await admin.GetAsync("/admin/webhooks", Ct));
        var button = page.QuerySelector($"#webhook-problems tr[data-id='{delivery.Id}'] form[action*='handler=retry'] button");
        var byAdmin = await admin.PostFormAsync("/admin/webhooks", retry, new Dictionary<string, string>());
        await WaitAsync(db => db.WebhookDeliveries.AnyAsync(d => d.Id == delivery.Id && d.Status == WebhookDeliveryStatus.Delivered, Ct));
        var again = await admin.PostFormAsync("/admin/webhooks", retry, new Dictionary<string, string>());
        var audit = await _app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditActions.WebhookRetried).ToListAsync(Ct));
        var flash = await RegistryApp.ParseAsync(await admin.GetAsync("/admin/webhooks", Ct));

        // Assert
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.False(byEditor.IsSuccessStatusCode || byEditor.Headers.Location?.OriginalString.StartsWith("/admin/webhooks", StringComparison.Ordinal) == true);
        Assert.False(byReviewer.IsSuccessStatusCode || byReviewer.Headers.Location?.OriginalString.StartsWith("/admin/webhooks", StringComparison.Ordinal) == true);
        Assert.Equal(WebhookDeliveryStatus.Failed, statusAfterRefusals);
        Assert.Equal("ارسال دوباره", button?.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, byAdmin.StatusCode);
        Assert.Contains(_receiver.Log, r => r.CardId == card && r.Kind == "published" && r.SignatureValid);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode); // delivered now: nothing to retry, nothing audited
        var entry = Assert.Single(audit);
        Assert.Equal(card, entry.CardId);
        Assert.Contains("درگاه ملی", entry.Detail, StringComparison.Ordinal);
        Assert.Contains("ناموفق نیست", flash.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AnyPage_LinksTheWebhooksPageForTheNationalAdministratorOnly()
    {
        // Arrange
        var admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));
        var editor = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Agency, "کرمان"));

        // Act
        var asAdmin = await RegistryApp.ParseAsync(await admin.GetAsync("/review", Ct));
        var asEditor = await RegistryApp.ParseAsync(await editor.GetAsync("/review", Ct));
        var anonymous = await RegistryApp.ParseAsync(await _app.CreateBrowserlessClient().GetAsync("/", Ct));

        // Assert
        Assert.NotNull(asAdmin.QuerySelector("header nav a[href='/admin/webhooks']"));
        Assert.Null(asEditor.QuerySelector("header nav a[href='/admin/webhooks']"));
        Assert.Null(anonymous.QuerySelector("header nav a[href='/admin/webhooks']"));
    }

    private async Task WaitAsync(Func<Core.Data.RegistryDbContext, Task<bool>> done)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await _app.WithDbAsync(done))
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException("the webhook did not get there within 30 s");
    }
}
