namespace ServiceRegistry.Core.Feeds;

public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its turn, for its next attempt, or being sent (then it has a live lease).</summary>
    Pending,

    /// <summary>The subscriber answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed for <see cref="WebhookDelivery.GiveUpAfter"/>; visible on the administrator's page.</summary>
    Failed,
}

/// <summary>
/// One change to send to one subscriber: the queue is this table. A node sends a delivery only while it holds its lease
/// (node and expiry, taken by moving <see cref="Attempts"/> on, which is a concurrency token: of two nodes taking the
/// same attempt one fails); a node that stops mid-delivery leaves its lease to expire and any node sends it again.
/// A card's deliveries to one subscriber go one at a time in feed order: only the oldest pending one is ever sent.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>How long a change is retried before it is given up.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    private WebhookDelivery()
    {
    }

    public WebhookDelivery(int subscriptionId, long changeSeq, int cardId, DateTimeOffset now)
    {
        SubscriptionId = subscriptionId;
        ChangeSeq = changeSeq;
        CardId = cardId;
        CreatedAt = now.UtcDateTime;
        NextAttemptAt = now.UtcDateTime;
    }

    public long Id { get; private set; }
    public int SubscriptionId { get; private set; }

    public long ChangeSeq { get; private set; }
    public int CardId { get; private set; }
    public WebhookDeliveryStatus Status { get; private set; }

    /// <summary>Attempts started so far; moves with every lease taken (the row's concurrency token).</summary>
    public int Attempts { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTime? LeaseExpiresAt { get; private set; }
    public DateTime? LastAttemptAt { get; private set; }

    /// <summary>The subscriber's last HTTP status, if it answered.</summary>
    public int? LastStatusCode { get; private set; }

    /// <summary>The last failure (no answer, refused address, timeout, non-2xx with the start of its body).</summary>
    public string? LastError { get; private set; }

    public DateTime? DeliveredAt { get; private set; }

    /// <summary>Pending, its time has come, and no live lease.</summary>
    public bool IsDue(DateTimeOffset now) =>
        Status == WebhookDeliveryStatus.Pending && NextAttemptAt <= now.UtcDateTime && (LeaseExpiresAt is null || LeaseExpiresAt <= now.UtcDateTime);

    /// <summary>Takes the lease for one attempt.</summary>
    public void Lease(string node, DateTimeOffset now, TimeSpan lease)
    {
        Attempts++;
        LeaseOwner = node;
        LeaseExpiresAt = (now + lease).UtcDateTime;
        LastAttemptAt = now.UtcDateTime;
    }

    public void Succeeded(int statusCode, DateTimeOffset now)
    {
        Status = WebhookDeliveryStatus.Delivered;
        LastStatusCode = statusCode;
        LastError = null;
        DeliveredAt = now.UtcDateTime;
        LeaseOwner = null;
        LeaseExpiresAt = null;
    }

    /// <summary>Schedules the next attempt (10 s, doubling, at most an hour apart), or gives up 24 hours after the change was queued.</summary>
    public void Attempted(int? statusCode, string error, DateTimeOffset now)
    {
        LastStatusCode = statusCode;
        LastError = error.Length > 500 ? error[..500] : error;
        LeaseOwner = null;
        LeaseExpiresAt = null;
        if (now.UtcDateTime >= CreatedAt + GiveUpAfter)
        {
            Status = WebhookDeliveryStatus.Failed;
            return;
        }

        NextAttemptAt = (now + Backoff(Attempts)).UtcDateTime;
    }

    /// <summary>A failed delivery sent once more, now (the national administrator's «ارسال دوباره» on /admin/webhooks):
    /// pending again and due at once; the 24 hours being over, a failure makes it failed again after that one attempt.
    /// False when it is not failed (delivered, or still being retried by itself).</summary>
    public bool Retry(DateTimeOffset now)
    {
        if (Status != WebhookDeliveryStatus.Failed)
        {
            return false;
        }

        Status = WebhookDeliveryStatus.Pending;
        NextAttemptAt = now.UtcDateTime;
        LeaseOwner = null;
        LeaseExpiresAt = null;
        return true;
    }

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt.</summary>
    public static TimeSpan Backoff(int attempts) =>
        attempts >= 20 ? LongestWait : TimeSpan.FromTicks(Math.Min(LongestWait.Ticks, FirstRetry.Ticks << Math.Max(0, attempts - 1)));
}
