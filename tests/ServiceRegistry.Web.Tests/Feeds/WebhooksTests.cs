using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Feeds;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Feeds;

/// <summary>
/// Webhooks end to end: an administrator registers a receiver at /admin/webhooks; every public change reaches it at
/// least once, signed, in feed order per card, through receiver outages, failures, node restarts and two nodes sending
/// at once; a receiver that never answers is given up after 24 hours and shown with its last error; inside addresses
/// are refused (tests allow 127.0.0.1 through <c>Webhooks:AllowedAddresses</c>).
/// </summary>
public sealed class WebhooksTests
{
    private const string Agency = "اداره کل ثبت اسناد و املاک یزد";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The app with quick polling and, unless told otherwise, 127.0.0.1 allowed.</summary>
    private sealed class WebhookApp(params (string Key, string Value)[] settings) : RegistryApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Webhooks:PollSeconds", "0.1");
            if (!settings.Any(s => s.Key.StartsWith("Webhooks:AllowedAddresses", StringComparison.Ordinal)))
            {
                builder.UseSetting("Webhooks:AllowedAddresses:0", "127.0.0.1");
            }

            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }

    [Fact]
    public async Task Receiver_StoppedMidwayAndFailingNowAndThen_GetsEveryChangeSignedInOrderPerCard_FromTwoNodes()
    {
        // Arrange: a receiver that fails every fifth request; two nodes sending
        await using var receiver = new WebhookReceiver { Answer = n => n % 5 == 0 ? 500 : 200 };
        await receiver.StartAsync();
        await using var app = new WebhookApp();
        var (admin, editor) = await StaffAsync(app);
        receiver.Secret = await RegisterAsync(admin, "پورتال ملی", receiver.Url);
        var cards = await SeedAsync(app, 6);
        await using var nodeB = app.AnotherNode("node-b");
        var adminB = await nodeB.ClientAsAsync(await app.UserAsync(Roles.NationalAdmin));

        // Act: publish and revise from both nodes; then the receiver goes down while more changes happen, and comes back
        for (var i = 0; i < cards.Count; i++)
        {
            await ChangesApiTests.PostOkAsync(i % 2 == 0 ? admin : adminB, $"/api/v1/services/{cards[i]}/publish");
        }

        await ChangesApiTests.ReviseAsync(editor, adminB, cards[0]);
        await ChangesApiTests.ReviseAsync(editor, admin, cards[1]);
        await DeliveredAsync(app);
        await receiver.StopAsync();
        await ChangesApiTests.ReviseAsync(editor, admin, cards[0]);
        await ChangesApiTests.PostOkAsync(adminB, $"/api/v1/services/{cards[0]}/archive");
        await ChangesApiTests.PostOkAsync(admin, $"/api/v1/services/{cards[2]}/archive");
        await WaitAsync(app, async db => await db.WebhookDeliveries.CountAsync(d => d.LastError != null && d.LastStatusCode == null, Ct) >= 2);
        var failedWhileDown = await app.WithDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.LastError != null && d.LastStatusCode == null, Ct));
        await receiver.StartAsync();
        await DeliveredAsync(app);

        // Assert
        var feed = await FeedAsync(app);
        AssertEveryChangeInOrder(receiver, feed);
        Assert.True(failedWhileDown >= 2);
        Assert.Contains(receiver.Log, r => r.Kind == "revised");
        Assert.Contains(receiver.Log, r => r.Kind == "archived");
        Assert.All(receiver.Overlaps, o => Assert.Equal(1, o.Value)); // never the same delivery twice at once
        var archived = receiver.Log.First(r => r.Kind == "archived");
        Assert.Equal(JsonValueKind.Null, archived.Body.GetProperty("card").ValueKind);
    }

    [Fact]
    public async Task Node_StoppedMidDelivery_TheDeliveryIsSentAgainAfterItsLeaseByTheRestartedNode()
    {
        // Arrange: only node-a sends (the first host serves the staff); the receiver holds the first requests
        await using var receiver = new WebhookReceiver { Hold = new TaskCompletionSource() };
        await receiver.StartAsync();
        await using var app = new WebhookApp(("Webhooks:Deliver", "false"));
        var (admin, _) = await StaffAsync(app);
        receiver.Secret = await RegisterAsync(admin, "پورتال استان", receiver.Url);
        var cards = await SeedAsync(app, 2);
        var nodeA = app.AnotherNode("node-a", ("Webhooks:Deliver", "true"));
        nodeA.CreateClient();

        // Act: node-a is stopped while the receiver holds its first delivery
        await ChangesApiTests.PostOkAsync(admin, $"/api/v1/services/{cards[0]}/publish");
        await receiver.Held.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await nodeA.DisposeAsync();
        var hold = receiver.Hold!;
        receiver.Hold = null;
        hold.TrySetResult();
        await ChangesApiTests.PostOkAsync(admin, $"/api/v1/services/{cards[1]}/publish");
        await ChangesApiTests.PostOkAsync(admin, $"/api/v1/services/{cards[0]}/archive");
        await using var restarted = app.AnotherNode("node-a", ("Webhooks:Deliver", "true"));
        restarted.CreateClient();
        await WaitAsync(app, async db => !await db.WebhookDeliveries.AnyAsync(d => d.CardId == cards[1] && d.Status == WebhookDeliveryStatus.Pending, Ct));
        var whileLeased = await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.ChangeSeq).ToListAsync(Ct));
        app.Clock.Advance(TimeSpan.FromMinutes(2)); // the stopped node's lease (2 × 10 s + 1 min) runs out
        await DeliveredAsync(app);

        // Assert: the held delivery waited for its lease, then came again, before the same card's archive
        Assert.Equal((WebhookDeliveryStatus.Pending, 1, "node-a"), (whileLeased[0].Status, whileLeased[0].Attempts, whileLeased[0].LeaseOwner));
        Assert.Equal(WebhookDeliveryStatus.Pending, whileLeased.Single(d => d.CardId == cards[0] && d.Id != whileLeased[0].Id).Status);
        var first = await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == whileLeased[0].Id, Ct));
        Assert.Equal((WebhookDeliveryStatus.Delivered, 2), (first.Status, first.Attempts));
        AssertEveryChangeInOrder(receiver, await FeedAsync(app));
        Assert.Equal(2, receiver.Log.Count(r => r.MessageId == "msg_" + first.Id));
    }

    [Fact]
    public async Task Receiver_AlwaysFailing_IsRetriedWithBackoffFor24Hours_ThenFailedAndShownWithItsLastError()
    {
        // Arrange
        await using var receiver = new WebhookReceiver { Answer = _ => 503 };
        await receiver.StartAsync();
        await using var app = new WebhookApp();
        var (admin, _) = await StaffAsync(app);
        receiver.Secret = await RegisterAsync(admin, "سامانه از کار افتاده", receiver.Url);
        var cards = await SeedAsync(app, 1);

        // Act: each time an attempt has failed, move the clock to the next one
        await ChangesApiTests.PostOkAsync(admin, $"/api/v1/services/{cards[0]}/publish");
        var waits = new List<TimeSpan>();
        WebhookDelivery delivery;
        while (true)
        {
            var attempts = waits.Count + 1;
            await WaitAsync(app, async db => await db.WebhookDeliveries.AnyAsync(d => d.Attempts >= attempts && d.LeaseOwner == null, Ct));
            delivery = await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(Ct));
            if (delivery.Status != WebhookDeliveryStatus.Pending)
            {
                break;
            }

            waits.Add(delivery.NextAttemptAt - delivery.LastAttemptAt!.Value);
            app.Clock.Advance(delivery.NextAttemptAt - app.Clock.GetUtcNow().UtcDateTime);
        }

        var signedIn = await app.ClientAsAsync(await app.UserAsync(Roles.NationalAdmin)); // the first sign-in expired a day ago
        var response = await signedIn.GetAsync("/admin/webhooks", Ct);
        var page = await RegistryApp.ParseAsync(response);

        // Assert: 10 s, doubling, at most an hour; given up 24 hours after it was queued
        Assert.Equal([10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600], waits.Take(11).Select(w => w.TotalSeconds));
        Assert.Equal(WebhookDeliveryStatus.Failed, delivery.Status);
        Assert.True(delivery.LastAttemptAt >= delivery.CreatedAt.AddHours(24));
        Assert.True(delivery.LastAttemptAt < delivery.CreatedAt.AddHours(25));
        Assert.Equal(503, delivery.LastStatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = page.QuerySelector($"#webhook-problems tr[data-id='{delivery.Id}']") ?? throw new InvalidOperationException(page.Body?.TextContent);
        Assert.Contains("ناموفق", row.QuerySelector(".status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("HTTP 503", row.QuerySelector(".error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("۱", page.QuerySelector("#webhook-list .failed")!.TextContent.Trim());
    }

    [Fact]
    public async Task Receiver_TooSlow_AttemptTimesOutAndIsRetried()
    {
        // Arrange
        await using var receiver = new WebhookReceiver { Hold = new TaskCompletionSource() };
        await receiver.StartAsync();
        await using var app = new WebhookApp(("Webhooks:TimeoutSeconds", "1"));
        var (admin, _) = await StaffAsync(app);
        receiver.Secret = await RegisterAsync(admin, "سامانه کند", receiver.Url);
        var cards = await SeedAsync(app, 1);

        // Act
        await ChangesApiTests.PostOkAsync(admin, $"/api/v1/services/{cards[0]}/publish");
        await WaitAsync(app, async db => await db.WebhookDeliveries.AnyAsync(d => d.LastError != null, Ct));
        var delivery = await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(Ct));
        receiver.Hold.TrySetResult();

        // Assert
        Assert.Equal((WebhookDeliveryStatus.Pending, 1), (delivery.Status, delivery.Attempts));
        Assert.Contains("no answer within 1 s", delivery.LastError, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(10), delivery.NextAttemptAt - delivery.LastAttemptAt);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hooks")]
    [InlineData("http://[::1]:9/hooks")]
    [InlineData("http://10.20.30.40/hooks")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://localhost:9/hooks")]
    public async Task Register_InsideAddressNotAllowed_IsRefused(string url)
    {
        // Arrange: no allow-list
        await using var app = new WebhookApp(("Webhooks:AllowedAddresses:0", ""));
        var (admin, _) = await StaffAsync(app);

        // Act
        var response = await admin.PostFormAsync("/admin/webhooks", "/admin/webhooks", Form("داخلی", url));
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("درون شبکه", page.QuerySelector(".alert-danger")?.TextContent, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.WebhookSubscriptions.AnyAsync(Ct)));
    }

    [Fact]
    public async Task Deliver_ToAnInsideAddressNotAllowed_IsRefusedWhenConnecting()
    {
        // Arrange: a subscription that points inside got in without the page's check (say, a name that later resolved inside)
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await using var app = new WebhookApp(("Webhooks:AllowedAddresses:0", ""));
        var (admin, _) = await StaffAsync(app);
        var cards = await SeedAsync(app, 1);
        await app.WithDbAsync(async db =>
        {
            db.WebhookSubscriptions.Add(WebhookSubscription.Create("دور زده", new Uri(receiver.Url), null, [PublicChangeKind.Published], null,
                await db.PublicChanges.MaxAsync(c => (long?)c.Seq, Ct) ?? 0, "test", app.Clock.GetUtcNow()).Subscription);
            return await db.SaveChangesAsync(Ct);
        });

        // Act
        await ChangesApiTests.PostOkAsync(admin, $"/api/v1/services/{cards[0]}/publish");
        await WaitAsync(app, async db => await db.WebhookDeliveries.AnyAsync(d => d.LastError != null, Ct));
        var delivery = await app.WithDbAsync(db => db.WebhookDeliveries.AsNoTracking().SingleAsync(Ct));

        // Assert
        Assert.Contains("address refused", delivery.LastError, StringComparison.Ordinal);
        Assert.Null(delivery.LastStatusCode);
        Assert.Empty(receiver.Log);
    }

    [Fact]
    public async Task Register_SecretShownOnce_KindAndAgencyFilterWhatIsSent()
    {
        // Arrange
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        await using var app = new WebhookApp();
        var (admin, _) = await StaffAsync(app);
        var cards = await SeedAsync(app, 2);
        var other = await app.AgencyAsync("اداره کل دیگر یزد", "یزد");
        var agencyId = await app.WithDbAsync(db => db.Agencies.Where(a => a.Name == Agency).Select(a => a.Id).SingleAsync(Ct));

        // Act: archived only, for the agency; a second subscription for another agency gets nothing
        var fields = Form("بایگانی‌ها", receiver.Url, PublicChangeKind.Archived);
        fields["Form.AgencyId"] = agencyId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var created = await RegistryApp.ParseAsync(await admin.PostFormAsync("/admin/webhooks", "/admin/webhooks", fields));
        receiver.Secret = created.QuerySelector("#new-webhook-secret")!.TextContent.Trim();
        var fieldsOther = Form("دیگری", receiver.Url);
        fieldsOther["Form.AgencyId"] = other.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await admin.PostFormAsync("/admin/webhooks", "/admin/webhooks", fieldsOther);
        var list = await (await admin.GetAsync("/admin/webhooks", Ct)).Content.ReadAsStringAsync(Ct);
        foreach (var id in cards)
        {
            await ChangesApiTests.PostOkAsync(admin, $"/api/v1/services/{id}/publish");
        }

        await ChangesApiTests.PostOkAsync(admin, $"/api/v1/services/{cards[1]}/archive");
        await DeliveredAsync(app);

        // Assert
        Assert.StartsWith(WebhookSubscription.SecretPrefix, receiver.Secret, StringComparison.Ordinal);
        Assert.DoesNotContain(receiver.Secret, list, StringComparison.Ordinal);
        var received = Assert.Single(receiver.Log);
        Assert.Equal(("archived", cards[1], true), (received.Kind, received.CardId, received.SignatureValid));
    }

    /// <summary>Every change of the feed after the subscription arrived, with a valid signature, and a card's changes in
    /// feed order (a change may come twice in a row: at least once).</summary>
    private static void AssertEveryChangeInOrder(WebhookReceiver receiver, IReadOnlyList<(long Seq, int CardId)> feed)
    {
        var log = receiver.Log.ToList();
        Assert.All(log, r => Assert.True(r.SignatureValid, $"signature of {r.MessageId}"));
        var expected = feed.Where(c => c.Seq >= log.Min(r => r.Seq)).ToList();
        Assert.Equal(expected.Select(c => c.Seq).Order(), log.Select(r => r.Seq).Distinct().Order());
        foreach (var card in expected.GroupBy(c => c.CardId))
        {
            var arrived = log.Where(r => r.CardId == card.Key).Select(r => r.Seq).ToList();
            var collapsed = arrived.Where((s, i) => i == 0 || arrived[i - 1] != s).ToList();
            Assert.Equal(card.Select(c => c.Seq), collapsed);
        }
    }

    private static async Task<IReadOnlyList<(long Seq, int CardId)>> FeedAsync(RegistryApp app) =>
        (await app.WithDbAsync(db => db.PublicChanges.OrderBy(c => c.Seq).Select(c => new { c.Seq, c.CardId }).ToListAsync(Ct)))
        .Select(c => (c.Seq, c.CardId)).ToList();

    /// <summary>Waits until every change is queued and delivered, moving the clock to each retry's time.</summary>
    private static Task DeliveredAsync(RegistryApp app) =>
        WaitAsync(app, async db =>
        {
            var end = await db.PublicChanges.MaxAsync(c => (long?)c.Seq, Ct) ?? 0;
            if (await db.WebhookSubscriptions.AnyAsync(s => s.Active && s.Cursor < end, Ct))
            {
                return false;
            }

            var now = app.Clock.GetUtcNow().UtcDateTime;
            var next = await db.WebhookDeliveries.Where(d => d.Status == WebhookDeliveryStatus.Pending && d.LeaseOwner == null && d.NextAttemptAt > now)
                .MinAsync(d => (DateTime?)d.NextAttemptAt, Ct);
            if (next > now)
            {
                app.Clock.Advance(next.Value - now);
            }

            return !await db.WebhookDeliveries.AnyAsync(d => d.Status == WebhookDeliveryStatus.Pending, Ct);
        });

    private static async Task WaitAsync(RegistryApp app, Func<Core.Data.RegistryDbContext, Task<bool>> done)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await app.WithDbAsync(done))
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        var state = await app.WithDbAsync(async db => string.Join("\n", (await db.WebhookDeliveries.AsNoTracking().ToListAsync(Ct))
            .Select(d => $"{d.Id} card {d.CardId} seq {d.ChangeSeq} {d.Status} attempts {d.Attempts} next {d.NextAttemptAt:O} lease {d.LeaseOwner} {d.LeaseExpiresAt:O} {d.LastError}")));
        throw new TimeoutException($"the webhooks did not get there within 60 s (clock {app.Clock.GetUtcNow():O}):\n{state}");
    }

    private static async Task<(HttpClient Admin, HttpClient Editor)> StaffAsync(RegistryApp app) =>
        (await app.ClientAsAsync(await app.UserAsync(Roles.NationalAdmin)), await app.ClientAsAsync(await app.UserAsync(Roles.AgencyEditor, Agency, "یزد")));

    private static Dictionary<string, string> Form(string name, string url, params PublicChangeKind[] kinds)
    {
        var fields = new Dictionary<string, string> { ["Form.Name"] = name, ["Form.Url"] = url, ["Form.Secret"] = "", ["Form.AgencyId"] = "" };
        var chosen = kinds.Length == 0 ? Enum.GetValues<PublicChangeKind>() : kinds;
        for (var i = 0; i < chosen.Length; i++)
        {
            fields[$"Form.Kinds[{i}]"] = chosen[i].ToString();
        }

        return fields;
    }

    /// <summary>Registers a receiver for every kind through the page and returns the secret shown once.</summary>
    private static async Task<string> RegisterAsync(HttpClient admin, string name, string url)
    {
        var response = await admin.PostFormAsync("/admin/webhooks", "/admin/webhooks", Form(name, url));
        var page = await RegistryApp.ParseAsync(response);
        return page.QuerySelector("#new-webhook-secret")?.TextContent.Trim()
            ?? throw new InvalidOperationException("no secret shown: " + page.QuerySelector(".alert-danger")?.TextContent);
    }

    private static async Task<IReadOnlyList<int>> SeedAsync(RegistryApp app, int count) =>
        (await app.SeedAsync(Enumerable.Range(1, count)
            .Select(i => new CardBuilder().Titled($"خدمت وب‌هوک {i}").OfAgency(Agency, "یزد").InStatus(CardStatus.IdIssued, $"87{i:D9}"))
            .ToArray())).Select(c => c.Id).ToList();
}
