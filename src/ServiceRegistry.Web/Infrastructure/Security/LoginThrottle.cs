using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Infrastructure.Security;

/// <summary>
/// How often sign-in may be tried, counted so that a stranger can neither guess fast nor shut a person out:
/// per client address (every attempt, ASP.NET Core's rate-limiting middleware on the sign-in page, 429), per
/// address and account (failures: after five, that address is refused that account for 15 minutes — the person
/// signing in from elsewhere is not), and per account from all addresses (failures, a higher bound that slows
/// guessing spread over many addresses). Every count is keyed by the e-mail as typed, so an address that belongs
/// to nobody is limited exactly like a real account and the answers reveal nothing. Failures are rows in the
/// database (<see cref="SignInFailure"/>), so every node counts the same ones and a restart forgets none.
/// </summary>
public sealed class LoginThrottle(RegistryDbContext db, TimeProvider time, IOptions<SecurityOptions> options)
{
    public enum Verdict { Go, Locked, TooMany }

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Whether this address may try this account now (nothing is counted yet).</summary>
    public async Task<Verdict> CheckAsync(string? address, string email, CancellationToken ct)
    {
        var account = SignInFailure.AccountKey(email);
        var since = Since();
        var failures = db.SignInFailures.Where(f => f.Account == account && f.At > since);
        if (await failures.CountAsync(ct) >= Math.Max(1, options.Value.SignIn.PerAccountPer15Minutes))
        {
            return Verdict.TooMany;
        }

        var from = SignInFailure.AddressKey(address);
        return await failures.CountAsync(f => f.Address == from, ct) >= Math.Max(1, options.Value.SignIn.FailuresBeforeLock)
            ? Verdict.Locked
            : Verdict.Go;
    }

    /// <summary>Counts a failed attempt against the account and against this address's tries at it (saved with the
    /// caller's next SaveChanges), and forgets failures older than the window.</summary>
    public async Task FailedAsync(string? address, string email, CancellationToken ct)
    {
        var since = Since();
        await db.SignInFailures.Where(f => f.At <= since).ExecuteDeleteAsync(ct);
        db.SignInFailures.Add(new SignInFailure(email, address, time.GetUtcNow()));
    }

    private DateTime Since() => (time.GetUtcNow() - Window).UtcDateTime;
}

/// <summary>The sign-in page's rate limit per client address, and the dummy password check for unknown e-mails.</summary>
public static class LoginLimits
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddLoginLimits(this IServiceCollection services)
    {
        services.AddScoped<LoginThrottle>();
        services.AddSingleton<DummyPassword>();
        services.AddRateLimiter(limits =>
        {
            // An empty 429 on a page is shown by the error page (UseStatusCodePagesWithReExecute) in Persian.
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.AddPolicy<string, SignInPerAddress>(Policy);
        });
        return services;
    }

    /// <summary>Every POST to the sign-in page counts against the client's address (after forwarded headers); reading the form is free.</summary>
    private sealed class SignInPerAddress(IOptions<SecurityOptions> options) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

        public RateLimitPartition<string> GetPartition(HttpContext httpContext)
        {
            if (!HttpMethods.IsPost(httpContext.Request.Method))
            {
                return RateLimitPartition.GetNoLimiter("read");
            }

            var address = httpContext.Connection.RemoteIpAddress?.ToString() ?? "-";
            return RateLimitPartition.GetSlidingWindowLimiter(address, _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, options.Value.SignIn.PerAddressPerMinute),
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
            });
        }
    }
}

/// <summary>A password check against a hash nobody has, so that an unknown e-mail costs what a known one does.</summary>
/// <remarks>The same hasher and options as Identity's (its own instance: Identity registers the hasher per request).</remarks>
public sealed class DummyPassword(IOptions<PasswordHasherOptions> options)
{
    private static readonly RegistryUser Nobody = new();
    private readonly PasswordHasher<RegistryUser> _hasher = new(options);
    private readonly string _hash = new PasswordHasher<RegistryUser>(options).HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));

    public void Verify(string password) => _hasher.VerifyHashedPassword(Nobody, _hash, password);
}
