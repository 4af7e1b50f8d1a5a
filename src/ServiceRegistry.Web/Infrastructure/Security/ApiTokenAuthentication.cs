using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Infrastructure.Security;

/// <summary>
/// <c>Authorization: Bearer sr_…</c> on the API: the SHA-256 of the secret is looked up among the tokens; an unknown,
/// expired or revoked token is a 401. The token acts as its role, for its agency (and those under it) or its province,
/// with a negative user id (−token id) so that it is never mistaken for a person.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, RegistryDbContext db, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>Whether a request carries a bearer token for the API (then this scheme, not the cookie, authenticates it).</summary>
    public static bool Carries(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        && request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(header.Parameter))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = ApiToken.HashOf(header.Parameter.Trim());
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        var now = time.GetUtcNow();
        if (token is null || !token.IsActive(now))
        {
            return AuthenticateResult.Fail("The API token is unknown, expired or revoked.");
        }

        if (token.Used(now))
        {
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var scope = token.AgencyId is { } agencyId ? await Auth.AgencyScopeAsync(db, agencyId) : [];
        return AuthenticateResult.Success(new AuthenticationTicket(Auth.TokenPrincipal(token, scope, SchemeName), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
