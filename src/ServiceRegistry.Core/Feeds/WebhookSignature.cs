using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ServiceRegistry.Core.Feeds;

/// <summary>
/// How a delivery is signed, as in Standard Webhooks (standardwebhooks.com): headers <c>webhook-id</c> (the delivery's
/// id, the same on every retry), <c>webhook-timestamp</c> (Unix seconds of this attempt) and <c>webhook-signature</c>
/// (<c>v1,</c> + base64 of HMAC-SHA256 over <c>{id}.{timestamp}.{body}</c> with the secret's key bytes). A receiver
/// recomputes it, compares in constant time, and refuses timestamps far from its clock (replays).
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    /// <summary>The <c>webhook-signature</c> value for one attempt.</summary>
    public static string Sign(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var key = WebhookSubscription.KeyOf(secret) ?? throw new ArgumentException("not a whsec_ secret", nameof(secret));
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, signed));
    }

    /// <summary>Whether one of the space-separated signatures of <paramref name="header"/> is right (what a receiver does).</summary>
    public static bool Verify(string secret, string id, long timestamp, ReadOnlySpan<byte> body, string header)
    {
        var expected = Encoding.ASCII.GetBytes(Sign(secret, id, timestamp, body));
        return header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }
}
