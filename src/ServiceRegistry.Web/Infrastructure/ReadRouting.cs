using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>
/// Reads of the public registry from a hot standby: with <c>ConnectionStrings:RegistryRead</c> set (PostgreSQL), an
/// anonymous GET or HEAD of a public route (catalog, card pages, dashboard, the read API) opens its database
/// connections with that connection string; everything else (every write, every signed-in request, start-up, the
/// background workers) uses <c>ConnectionStrings:Registry</c>. The choice is made once, here, when a request's
/// <see cref="RegistryDbContext"/> is created, and it flows with the request's work (the catalog index's refresh,
/// which opens its own scope, included), so no query knows about it.
/// The read string is an Npgsql multi-host one: <c>Host=primary,standby;Target Session Attributes=prefer-primary</c>
/// keeps reads on the primary while it answers and moves them to the standby when it does not (no replication lag
/// while both run); <c>prefer-standby</c> takes read load off the primary at the price of that lag.
/// </summary>
public static class ReadRouting
{
    public const string ConnectionName = "RegistryRead";

    private static readonly AsyncLocal<bool> Reading = new();

    /// <summary>True inside a request routed to the read connection.</summary>
    public static bool IsReading => Reading.Value;

    public static IHostApplicationBuilder AddReadRouting(this IHostApplicationBuilder builder)
    {
        var read = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(read) || string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Registry")))
        {
            return builder; // SQLite, or one connection string for everything
        }

        // Runs after AddRegistryCore's configuration (same options builder), so only the connection string changes.
        builder.Services.ConfigureDbContext<RegistryDbContext>((_, db) =>
        {
            if (Reading.Value)
            {
                db.UseNpgsql(read);
            }
        });
        return builder;
    }

    /// <summary>After authentication (an anonymous request is known then) and before anything opens the database.</summary>
    public static IApplicationBuilder UseReadRouting(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!IsPublicRead(context))
            {
                await next(context);
                return;
            }

            Reading.Value = true; // restored when this method returns: an AsyncLocal change never flows back to the caller
            await next(context);
        });

    /// <summary>Anonymous GET/HEAD of the public pages and the read API. Signed-in people read their own writes on the primary.</summary>
    public static bool IsPublicRead(HttpContext context) =>
        (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        && context.User.Identity?.IsAuthenticated != true
        && IsPublicPath(context.Request.Path);

    // The probes too: a node that can serve the public catalog from the standby stays in the load balancer while the
    // primary is down (writes then answer 503 on every node alike).
    private static bool IsPublicPath(PathString path) =>
        path == "/"
        || path.StartsWithSegments("/healthz")
        || path.StartsWithSegments("/services")
        || path.StartsWithSegments("/dashboard")
        || path.StartsWithSegments("/api/v1/services")
        || path.StartsWithSegments("/api/v1/agencies")
        || path.StartsWithSegments("/api/v1/changes") // a standby replays commits in order: its feed is a prefix of the primary's
        || path == "/feed.atom";
}
