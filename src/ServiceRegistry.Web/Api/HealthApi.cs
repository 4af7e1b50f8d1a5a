using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Api;

/// <summary>Probes for a load balancer: <c>/healthz</c> is liveness (the process answers and reaches the database),
/// <c>/healthz/ready</c> is readiness (send traffic here: the database answers and the catalog index is loaded).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", GetHealth).ExcludeFromDescription();
        app.MapGet("/healthz/ready", GetReady).ExcludeFromDescription();
        return app;
    }

    /// <summary>200 when the database answers a query, 503 otherwise.</summary>
    public static async Task<Results<Ok<string>, ProblemHttpResult>> GetHealth(RegistryDbContext db, CancellationToken ct) =>
        await DatabaseProblemAsync(db, ct) is { } problem ? problem : TypedResults.Ok("ok");

    /// <summary>200 when the database answers and the catalog index is loaded (a node loading a large registry is alive
    /// but not ready); 503 otherwise. A node whose first load failed starts it again when probed.</summary>
    public static async Task<Results<Ok<string>, ProblemHttpResult>> GetReady(RegistryDbContext db, CatalogIndex catalog, CancellationToken ct)
    {
        if (await DatabaseProblemAsync(db, ct) is { } problem)
        {
            return problem;
        }

        if (!catalog.IsLoaded)
        {
            _ = Task.Run(() => catalog.WarmAsync(CancellationToken.None), CancellationToken.None);
            return TypedResults.Problem(title: "catalog index loading", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return TypedResults.Ok("ready");
    }

    private static async Task<ProblemHttpResult?> DatabaseProblemAsync(RegistryDbContext db, CancellationToken ct)
    {
        try
        {
            await db.Cards.AnyAsync(ct);
            return null;
        }
#pragma warning disable CA1031 // any failure of the database means "unhealthy"
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return TypedResults.Problem(title: "database unavailable", detail: ex.GetType().Name, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
