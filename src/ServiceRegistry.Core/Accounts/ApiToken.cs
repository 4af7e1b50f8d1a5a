using System.Security.Cryptography;
using System.Text;

namespace ServiceRegistry.Core.Accounts;

/// <summary>
/// A machine client's key to the API, created by a national administrator for one role (and the agency or province
/// that role needs). Only the SHA-256 of the secret is stored: the secret is shown once, when the token is created.
/// A token stops working when it expires or is revoked; its last use is kept for the administrator's list.
/// </summary>
public sealed class ApiToken
{
    /// <summary>What every secret starts with (so a leaked one is recognisable in logs and scanners).</summary>
    public const string SecretPrefix = "sr_";

    private ApiToken()
    {
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Role { get; private set; } = "";
    public int? AgencyId { get; private set; }
    public string? Province { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the secret.</summary>
    public string Hash { get; private set; } = "";

    /// <summary>The secret's first characters, to tell tokens apart in the list.</summary>
    public string Hint { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime ExpiresAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public DateTime? LastUsedAt { get; private set; }

    /// <summary>The Persian reasons a token with these settings cannot be made (empty when it can).</summary>
    public static IReadOnlyList<string> Problems(string name, string role, int? agencyId, string? province, DateTimeOffset expiresAt, DateTimeOffset now)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add("نام توکن را بنویسید (مثلاً نام سامانه‌ای که آن را به کار می‌برد).");
        }

        if (!Roles.All.Contains(role))
        {
            problems.Add("نقش توکن را انتخاب کنید.");
        }
        else if (role is Roles.AgencyEditor or Roles.AgencyHead && agencyId is null)
        {
            problems.Add("برای این نقش، دستگاه را انتخاب کنید.");
        }
        else if (role == Roles.ProvincialReviewer && string.IsNullOrWhiteSpace(province))
        {
            problems.Add("برای کارشناس بررسی استان، استان را بنویسید.");
        }

        if (expiresAt <= now || expiresAt > now.AddYears(2))
        {
            problems.Add("تاریخ انقضا باید در آینده و حداکثر تا دو سال دیگر باشد.");
        }

        return problems;
    }

    /// <summary>A new token and its secret (to be shown once; only its hash is kept).</summary>
    public static (ApiToken Token, string Secret) Create(
        string name, string role, int? agencyId, string? province, DateTimeOffset expiresAt, string createdBy, DateTimeOffset now)
    {
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Name = name.Trim(),
            Role = role,
            AgencyId = role is Roles.AgencyEditor or Roles.AgencyHead ? agencyId : null,
            Province = role == Roles.ProvincialReviewer ? province?.Trim() : null,
            Hash = HashOf(secret),
            Hint = secret[..(SecretPrefix.Length + 6)],
            CreatedAt = now.UtcDateTime,
            CreatedBy = createdBy,
            ExpiresAt = expiresAt.UtcDateTime,
        };
        return (token, secret);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now.UtcDateTime;

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now.UtcDateTime;

    /// <summary>Records a use; returns whether the stored time should be written (at most once a minute).</summary>
    public bool Used(DateTimeOffset now)
    {
        if (LastUsedAt is { } last && now.UtcDateTime - last < TimeSpan.FromMinutes(1))
        {
            return false;
        }

        LastUsedAt = now.UtcDateTime;
        return true;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
