using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ServiceRegistry.Web.Infrastructure.Security;

/// <summary>
/// The web app's edge: forwarded headers from the configured proxies only, HSTS and HTTPS redirection in Production (Security:RequireHttps),
/// the security headers on every response, the sign-in limits and the API's cross-site request rule.
/// </summary>
public static class WebSecurity
{
    public static IServiceCollection AddRegistrySecurity(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = new SecurityOptions();
        configuration.GetSection("Security").Bind(options);
        services.AddOptions<SecurityOptions>().BindConfiguration("Security");

        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in options.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in options.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            hsts.IncludeSubDomains = true;
        });
        services.AddHttpsRedirection(https => https.HttpsPort = options.HttpsPort);
        services.AddAntiforgery(antiforgery =>
        {
            // DENY comes from SecurityHeaders on every response; the antiforgery cookie is Secure behind TLS in Production.
            antiforgery.SuppressXFrameOptionsHeader = true;
            antiforgery.Cookie.SecurePolicy = SecurityOptions.HttpsRequired(configuration, environment) ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddLoginLimits();
        return services;
    }

    /// <summary>First in the pipeline: the client's real address and scheme, then HTTPS, then the headers.</summary>
    public static WebApplication UseRegistrySecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (SecurityOptions.HttpsRequired(app.Configuration, app.Environment))
        {
            app.UseHsts();
            // Load balancers probe the nodes over plain HTTP: the health endpoints answer there instead of redirecting.
            app.UseWhen(c => !c.Request.Path.StartsWithSegments("/healthz"), https => https.UseHttpsRedirection());
        }

        app.UseSecurityHeaders();
        return app;
    }
}
