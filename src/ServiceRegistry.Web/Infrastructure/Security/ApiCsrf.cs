using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace ServiceRegistry.Web.Infrastructure.Security;

/// <summary>
/// The API's writes, when the caller is signed in by the browser's cookie, must come from the app's own pages:
/// the antiforgery header (<c>RequestVerificationToken</c>, which only the app's pages can read), or a request the
/// browser marks as same-origin (<c>Sec-Fetch-Site: same-origin</c>, or an <c>Origin</c> equal to the app's own).
/// Anything else — another site, a sibling subdomain (same-site is not same-origin), a request without either
/// header — is refused with 403 problem details before it reaches the endpoint. Bearer-token callers are not
/// browsers carrying ambient credentials, so the rule does not apply to them.
/// </summary>
public static class ApiCsrf
{
    public const string Detail = "درخواست نوشتن با کوکی ورود فقط از صفحه‌های خود سامانه پذیرفته می‌شود (سرآیند RequestVerificationToken یا Origin همین سامانه). سامانه‌های دیگر با توکن API (Authorization: Bearer) کار کنند.";

    public static IApplicationBuilder UseApiCsrfProtection(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (NeedsCheck(context) && !IsSameOrigin(context.Request)
            && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "درخواست از صفحه‌ای بیرون از سامانه", Detail = Detail },
            });
            return;
        }

        await next(context);
    });

    /// <summary>A write under /api by someone the sign-in cookie authenticated.</summary>
    private static bool NeedsCheck(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method))
        && context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == IdentityConstants.ApplicationScheme);

    /// <summary>The browser says the request comes from this origin, and nothing it sends says otherwise.</summary>
    private static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        var origin = request.Headers.Origin.ToString();
        if (site.Length > 0 && !string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase))
        {
            return false; // cross-site, or same-site (a sibling subdomain): a page cannot forge this header
        }

        if (origin.Length > 0 && !string.Equals(origin, request.Scheme + "://" + request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return site.Length > 0 || origin.Length > 0;
    }
}
