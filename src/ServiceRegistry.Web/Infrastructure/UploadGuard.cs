using Microsoft.AspNetCore.Antiforgery;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>
/// An upload form's size bound and antiforgery check, in the order that gives a clear answer: the bound is set before
/// the token is checked, because checking reads the body, and an upload over the bound would otherwise end as a bare 400.
/// Pages that use it carry [IgnoreAntiforgeryToken] and call this first.
/// </summary>
public static class UploadGuard
{
    public enum Outcome
    {
        Ok,
        TooBig,
        BadToken,
    }

    public static async Task<Outcome> CheckAsync(HttpContext http, IAntiforgery antiforgery, long maxBytes)
    {
        var request = http.Request;
        if (request.ContentLength > maxBytes)
        {
            return Outcome.TooBig;
        }

        RequestLimits.Apply(http, maxBytes);

        try
        {
            await antiforgery.ValidateRequestAsync(http);
            return Outcome.Ok;
        }
        catch (AntiforgeryValidationException ex) when (request.HasFormContentType && request.ContentLength > maxBytes || ex.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return Outcome.TooBig;
        }
        catch (AntiforgeryValidationException)
        {
            return Outcome.BadToken;
        }
        catch (Exception ex) when (ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException)
        {
            return Outcome.TooBig;
        }
    }
}
