using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>
/// Errors as an operator reads them: every ProblemDetails carries the request's id (<c>traceId</c>, the W3C trace id
/// that the logs and traces carry too; the error page shows the same id), and an unreachable database (the primary
/// stopped, a write that reached a standby, the server shutting down) is a 503 with a Persian reason, never a 500.
/// </summary>
public static class Problems
{
    public const string DatabaseUnavailableTitle = "پایگاه داده در دسترس نیست";
    public const string DatabaseUnavailableDetail =
        "ثبت و ویرایش اطلاعات اکنون ممکن نیست؛ فهرست عمومی خدمات همچنان در دسترس است. چند دقیقه دیگر دوباره تلاش کنید.";

    public static IServiceCollection AddRegistryProblemDetails(this IServiceCollection services)
    {
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        return services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions["traceId"] = RequestId(c.HttpContext);
            if (c.Exception is { } e && IsDatabaseUnavailable(e))
            {
                c.ProblemDetails.Title = DatabaseUnavailableTitle;
                c.ProblemDetails.Detail = DatabaseUnavailableDetail;
            }
        });
    }

    /// <summary>The id an operator looks up in the logs and traces: the request's trace id, else ASP.NET Core's request id.</summary>
    public static string RequestId(HttpContext context) =>
        Activity.Current is { } activity && activity.TraceId != default ? activity.TraceId.ToHexString() : context.TraceIdentifier;

    /// <summary>The database cannot be reached or cannot take a write now; a retry later may succeed.</summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // 25006: a write on a hot standby; class 08: connection failures; 57P01-03: shutting down or starting up
                case PostgresException pg:
                    return pg.SqlState is "25006" or "57P01" or "57P02" or "57P03" || pg.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException: // no server answered (refused, timed out, "no suitable host")
                    return true;
            }
        }

        return false;
    }

    /// <summary>Turns an unreachable database into a 503 for both error paths (the API's ProblemDetails, the pages' /error).</summary>
    private sealed class DatabaseUnavailableHandler : IExceptionHandler
    {
        public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (IsDatabaseUnavailable(exception))
            {
                httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                httpContext.Response.Headers.RetryAfter = "30";
            }

            return ValueTask.FromResult(false); // the ProblemDetails writer or the error page answers, with this status
        }
    }
}
