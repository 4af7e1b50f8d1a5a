using System.Security.Cryptography;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Feeds;

/// <summary>
/// A system that is told of every public change it asked for (the national portal, an agency's site): its address, the
/// secret its deliveries are signed with (<see cref="WebhookSignature"/>), the kinds of change and optionally one agency.
/// <see cref="Cursor"/> is the last change of the feed already turned into deliveries for it, so the queue is filled from
/// the feed in commit order and a change is queued once (moved by a conditional update: two nodes cannot both queue it).
/// </summary>
public sealed class WebhookSubscription
{
    public const string SecretPrefix = "whsec_";

    private WebhookSubscription()
    {
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Url { get; private set; } = "";

    /// <summary>The signing secret, <c>whsec_</c> + base64 of the key bytes (the Standard Webhooks form). Kept to sign;
    /// shown to the administrator once, when the subscription is made.</summary>
    public string Secret { get; private set; } = "";

    /// <summary>The kinds asked for, as codes separated by commas (<c>published,revised</c>).</summary>
    public string Kinds { get; private set; } = "";

    /// <summary>Only the changes of this agency's services; null: every agency (national).</summary>
    public int? AgencyId { get; private set; }

    public bool Active { get; private set; }

    /// <summary>The <see cref="PublicChange.Seq"/> of the last change queued (or passed over) for this subscription.</summary>
    public long Cursor { get; private set; }

    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public IReadOnlyList<PublicChangeKind> KindList =>
        Kinds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => Enum.GetValues<PublicChangeKind>().First(v => Labels.Code(v) == k)).ToList();

    /// <summary>A new subscription that starts with the changes after <paramref name="feedEnd"/> (the feed's newest).</summary>
    public static (WebhookSubscription Subscription, string Secret) Create(
        string name, Uri url, string? secret, IReadOnlyCollection<PublicChangeKind> kinds, int? agencyId, long feedEnd, string createdBy, DateTimeOffset now)
    {
        var key = string.IsNullOrWhiteSpace(secret) ? NewSecret() : secret.Trim();
        var subscription = new WebhookSubscription
        {
            Name = name.Trim(),
            Url = url.AbsoluteUri,
            Secret = key,
            Kinds = string.Join(',', kinds.Distinct().Order().Select(k => Labels.Code(k))),
            AgencyId = agencyId,
            Active = true,
            Cursor = feedEnd,
            CreatedAt = now.UtcDateTime,
            CreatedBy = createdBy,
        };
        return (subscription, key);
    }

    /// <summary>What is wrong with a subscription's form (Persian), before the address itself is checked (<see cref="WebhookAddresses"/>).</summary>
    public static IEnumerable<string> Problems(string? name, string? url, string? secret, IReadOnlyCollection<PublicChangeKind> kinds)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            yield return "نام گیرنده را بنویسید.";
        }

        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield return "نشانی باید یک نشانی کامل http یا https باشد.";
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            yield return "نشانی نباید نام کاربری یا گذرواژه داشته باشد؛ برای درستی‌سنجی از امضا استفاده کنید.";
        }

        if (!string.IsNullOrWhiteSpace(secret) && KeyOf(secret.Trim()) is null)
        {
            yield return "راز باید به شکل whsec_ و سپس base64 دست‌کم ۲۴ بایت باشد؛ یا آن را خالی بگذارید تا ساخته شود.";
        }

        if (kinds.Count == 0)
        {
            yield return "دست‌کم یک گونه رویداد را برگزینید.";
        }
    }

    /// <summary>Pauses or resumes. A resumed subscription goes on from the feed's newest change (what happened while it was
    /// paused can be read from the change feed); deliveries already queued are sent again once it is active.</summary>
    public void SetActive(bool active, long feedEnd)
    {
        if (active && !Active)
        {
            Cursor = Math.Max(Cursor, feedEnd);
        }

        Active = active;
    }

    /// <summary>Whether a change is one this subscription asked for.</summary>
    public bool Wants(PublicChangeKind kind, int agencyId) =>
        (AgencyId is null || AgencyId == agencyId) && Kinds.Split(',').Contains(Labels.Code(kind));

    /// <summary>The HMAC key of a <c>whsec_</c> secret, or null when it is not one.</summary>
    public static byte[]? KeyOf(string secret)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
            return key.Length is >= 24 and <= 64 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
