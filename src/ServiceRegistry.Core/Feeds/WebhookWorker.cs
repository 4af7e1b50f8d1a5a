using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Feeds;

/// <summary>
/// Turns the change feed into webhook deliveries and sends them. Every node runs it on the shared database:
/// <list type="number">
/// <item>Queue: for each active subscription, the changes after its <see cref="WebhookSubscription.Cursor"/> become
/// <see cref="WebhookDelivery"/> rows, and the cursor moves on, in one transaction (the cursor is moved by a conditional
/// update first, and (subscription, change) is unique: a change is queued once even when two nodes look at once). The
/// feed is in commit order, so reading after the cursor never skips a change.</item>
/// <item>Send: the oldest pending delivery of each (subscription, card) whose time has come and whose lease is free is
/// leased (node + expiry; the attempt counter is the concurrency token), signed and posted; the outcome is stored only
/// while the lease is still this node's. So a card's changes reach a subscriber in feed order, one attempt at a time
/// across every node, and a delivery a stopped node was sending is sent again once its lease expires.</item>
/// </list>
/// A slow or dead subscriber only holds its own deliveries; card writes never wait for it.
/// </summary>
internal sealed partial class WebhookWorker(
    IServiceScopeFactory scopes, WebhookSender sender, WebhookSignal signal, TimeProvider time, IOptions<WebhookOptions> options,
    IOptions<RegistryOptions> registry, ILogger<WebhookWorker> log) : QueueWorker(signal, log)
{
    private const int Batch = 500;

    internal static readonly JsonSerializerOptions BodyOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new SpecEnumConverterFactory() },
        Encoder = CardJson.Options.Encoder,
    };

    /// <summary>Twice an attempt's time limit and a minute: a node that still holds a delivery by then has stopped.</summary>
    private TimeSpan Lease => sender.Timeout * 2 + TimeSpan.FromMinutes(1);

    protected override TimeSpan? Poll => options.Value.Deliver ? TimeSpan.FromSeconds(Math.Max(0.05, options.Value.PollSeconds)) : null;

    protected override IReadOnlyList<Func<CancellationToken, Task>> Steps => [QueueAsync, SendAsync];

    /// <summary>Queues the changes after each active subscription's cursor.</summary>
    private async Task QueueAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Active).ToListAsync(ct);
            if (subscriptions.Count == 0)
            {
                return;
            }

            var from = subscriptions.Min(s => s.Cursor);
            var changes = await db.PublicChanges.AsNoTracking().Where(c => c.Seq > from).OrderBy(c => c.Seq)
                .Select(c => new { c.Seq, c.CardId, c.AgencyId, c.Kind }).Take(Batch).ToListAsync(ct);
            if (changes.Count == 0)
            {
                return;
            }

            var now = time.GetUtcNow();
            var last = changes[^1].Seq;
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                foreach (var subscription in subscriptions.Where(s => s.Cursor < last))
                {
                    // Moving the cursor first takes the subscription's row: another node doing the same waits, then finds
                    // the cursor moved and queues nothing.
                    var moved = await db.WebhookSubscriptions.Where(s => s.Id == subscription.Id && s.Cursor == subscription.Cursor && s.Active)
                        .ExecuteUpdateAsync(u => u.SetProperty(s => s.Cursor, last), ct);
                    if (moved == 0)
                    {
                        continue;
                    }

                    db.WebhookDeliveries.AddRange(changes
                        .Where(c => c.Seq > subscription.Cursor && subscription.Wants(c.Kind, c.AgencyId))
                        .Select(c => new WebhookDelivery(subscription.Id, c.Seq, c.CardId, now)));
                }

                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }

            Wake();
            if (changes.Count < Batch)
            {
                return;
            }
        }
    }

    /// <summary>Sends what is due until nothing is, a few deliveries at a time.</summary>
    private async Task SendAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            IReadOnlyList<long> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                due = await DueAsync(scope.ServiceProvider.GetRequiredService<RegistryDbContext>(), time.GetUtcNow().UtcDateTime, ct);
            }

            if (due.Count == 0)
            {
                return;
            }

            var sent = 0;
            await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Parallel), CancellationToken = ct },
                async (id, token) =>
                {
                    if (await SendOneAsync(id, token))
                    {
                        Interlocked.Increment(ref sent);
                    }
                });
            if (sent == 0)
            {
                return; // every one was taken by another node meanwhile
            }
        }
    }

    /// <summary>The deliveries that may be sent now: pending, due, not leased, of an active subscription, and the oldest
    /// pending one of their card for their subscription (so per-card order holds across nodes and retries).</summary>
    internal static async Task<IReadOnlyList<long>> DueAsync(RegistryDbContext db, DateTime now, CancellationToken ct) =>
        await db.WebhookDeliveries
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseExpiresAt == null || d.LeaseExpiresAt <= now))
            .Where(d => db.WebhookSubscriptions.Any(s => s.Id == d.SubscriptionId && s.Active))
            .Where(d => !db.WebhookDeliveries.Any(e => e.SubscriptionId == d.SubscriptionId && e.CardId == d.CardId
                && e.Status == WebhookDeliveryStatus.Pending && e.ChangeSeq < d.ChangeSeq))
            .OrderBy(d => d.ChangeSeq).Select(d => d.Id).Take(32).ToListAsync(ct);

    /// <summary>Leases one delivery, sends it and stores the outcome; false when another node had it.</summary>
    private async Task<bool> SendOneAsync(long id, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = time.GetUtcNow();
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (delivery is null || !delivery.IsDue(now))
        {
            return false;
        }

        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Id == delivery.SubscriptionId, ct);
        var entry = await scope.ServiceProvider.GetRequiredService<ChangeFeed>().FindAsync(delivery.ChangeSeq, ct);
        delivery.Lease(registry.Value.NodeId, now, Lease);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false; // another node leased this attempt
        }

        var attempt = entry is null
            ? new WebhookAttempt(false, null, "the change is no longer in the feed")
            : await sender.SendAsync(subscription, "msg_" + delivery.Id, now, JsonSerializer.SerializeToUtf8Bytes(entry.ToItem(), BodyOptions), ct);
        var done = time.GetUtcNow();
        if (attempt.Delivered)
        {
            delivery.Succeeded(attempt.StatusCode ?? 200, done);
        }
        else
        {
            delivery.Attempted(attempt.StatusCode, attempt.Error ?? "", done);
            LogAttemptFailed(Log, delivery.Id, subscription.Url, attempt.Error);
        }

        try
        {
            await db.SaveChangesAsync(CancellationToken.None); // the answer came: keep it even while the node stops
        }
        catch (DbUpdateConcurrencyException)
        {
            LogLeaseLost(Log, delivery.Id);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhooks: delivery {DeliveryId} to {Url} failed: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, long deliveryId, string url, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhooks: delivery {DeliveryId} was leased by another node after this node's lease ran out; this outcome is dropped")]
    private static partial void LogLeaseLost(ILogger logger, long deliveryId);
}
