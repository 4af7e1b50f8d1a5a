using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Infrastructure.Security;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>Sign-in (ASP.NET Core Identity, cookie), roles and the authorization policies of the registry.</summary>
public static class Auth
{
    public const string StaffPolicy = "staff";
    public const string AdminPolicy = "admin";

    /// <summary>The default authentication scheme: picks the API token or the cookie per request.</summary>
    public const string RegistryScheme = "registry";

    private const string AgencyClaim = "sr:agency";
    private const string ScopeClaim = "sr:scope";
    private const string ProvinceClaim = "sr:province";
    private const string NameClaim = "sr:name";

    public static IServiceCollection AddRegistryAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // One key ring for every node, in the database; encrypted at rest when a certificate is configured.
        var options = configuration.GetSection("Registry").Get<RegistryOptions>() ?? new RegistryOptions();
        var protection = services.AddDataProtection().PersistKeysToDbContext<RegistryDbContext>().SetApplicationName("ServiceRegistry");
        if (!string.IsNullOrWhiteSpace(options.KeyCertificatePath))
        {
            protection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(
                Path.GetFullPath(options.KeyCertificatePath, environment.ContentRootPath), options.KeyCertificatePassword));
        }

        // One default scheme: a bearer token on the API (machine clients), otherwise the sign-in cookie.
        services.AddAuthentication(RegistryScheme)
            .AddPolicyScheme(RegistryScheme, null, policy => policy.ForwardDefaultSelector = context =>
                ApiTokenAuthentication.Carries(context.Request) ? ApiTokenAuthentication.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(ApiTokenAuthentication.SchemeName, null)
            .AddIdentityCookies();
        services.AddIdentityCore<RegistryUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole<int>>()
            .AddEntityFrameworkStores<RegistryDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<RegistryClaimsFactory>()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/denied";
            cookie.Cookie.Name = "sr.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Production runs behind a TLS proxy (forwarded headers give the scheme): the cookie never travels in clear.
            cookie.Cookie.SecurePolicy = SecurityOptions.HttpsRequired(configuration, environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers 401/403 instead of sending a browser to the sign-in page.
            cookie.Events.OnRedirectToLogin = c => ApiStatus(c, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = c => ApiStatus(c, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.All))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.NationalAdmin));
        return services;
    }

    private static Task ApiStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>The person behind a request, as the card's rules see them.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || !int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), CultureInfo.InvariantCulture, out var id))
        {
            return Core.Cards.Actor.Anonymous;
        }

        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        var agency = int.TryParse(user.FindFirstValue(AgencyClaim), CultureInfo.InvariantCulture, out var a) ? a : (int?)null;
        var scope = (user.FindFirstValue(ScopeClaim) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToHashSet();
        var name = user.FindFirstValue(NameClaim) is { Length: > 0 } n ? n : user.Identity.Name ?? "";
        return new Actor(id, name, roles, agency, scope, user.FindFirstValue(ProvinceClaim));
    }

    public static Actor GetActor(this HttpContext context) => context.User.ToActor();

    /// <summary>The principal of an API token: its role, agency scope or province, and −id as the user id.</summary>
    public static ClaimsPrincipal TokenPrincipal(ApiToken token, IReadOnlyList<int> scope, string scheme)
    {
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, (-token.Id).ToString(CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(ClaimTypes.Name, "token:" + token.Hint));
        identity.AddClaim(new Claim(ClaimTypes.Role, token.Role));
        identity.AddClaim(new Claim(NameClaim, "توکن API «" + token.Name + "»"));
        if (token.Province is { } province)
        {
            identity.AddClaim(new Claim(ProvinceClaim, province));
        }

        if (token.AgencyId is { } agencyId)
        {
            identity.AddClaim(new Claim(AgencyClaim, agencyId.ToString(CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(ScopeClaim, string.Join(',', scope)));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>Puts what the rules need into the sign-in cookie: display name, agency, the agencies below it, province.</summary>
    private sealed class RegistryClaimsFactory(
        UserManager<RegistryUser> users, RoleManager<IdentityRole<int>> roles, IOptions<IdentityOptions> options, RegistryDbContext db)
        : UserClaimsPrincipalFactory<RegistryUser, IdentityRole<int>>(users, roles, options)
    {
        protected override async Task<ClaimsIdentity> GenerateClaimsAsync(RegistryUser user)
        {
            var identity = await base.GenerateClaimsAsync(user);
            identity.AddClaim(new Claim(NameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
            if (user.Province is { } province)
            {
                identity.AddClaim(new Claim(ProvinceClaim, province));
            }

            if (user.AgencyId is { } agencyId)
            {
                identity.AddClaim(new Claim(AgencyClaim, agencyId.ToString(CultureInfo.InvariantCulture)));
                var scope = await AgencyScopeAsync(db, agencyId);
                identity.AddClaim(new Claim(ScopeClaim, string.Join(',', scope)));
            }

            return identity;
        }
    }

    /// <summary>An agency and every agency under it.</summary>
    public static async Task<IReadOnlyList<int>> AgencyScopeAsync(RegistryDbContext db, int agencyId)
    {
        var all = await db.Agencies.AsNoTracking().Select(a => new { a.Id, a.ParentId }).ToListAsync();
        var children = all.Where(a => a.ParentId is not null).ToLookup(a => a.ParentId!.Value, a => a.Id);
        var scope = new List<int>();
        var queue = new Queue<int>([agencyId]);
        while (queue.TryDequeue(out var id))
        {
            if (scope.Contains(id))
            {
                continue;
            }

            scope.Add(id);
            foreach (var child in children[id])
            {
                queue.Enqueue(child);
            }
        }

        return scope;
    }
}
