using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Api;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", GetHealth).ExcludeFromDescription();
        return app;
    }

    /// <summary>200 when the database answers a query, 503 otherwise.</summary>
    public static async Task<Results<Ok<string>, ProblemHttpResult>> GetHealth(RegistryDbContext db, CancellationToken ct)
    {
        try
        {
            await db.Cards.AnyAsync(ct);
            return TypedResults.Ok("ok");
        }
#pragma warning disable CA1031 // any failure of the database means "unhealthy"
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return TypedResults.Problem(title: "database unavailable", detail: ex.GetType().Name, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
