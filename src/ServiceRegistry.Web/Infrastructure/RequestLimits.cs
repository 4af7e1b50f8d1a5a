using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Exchange;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Web.Pages.Cards.Import;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>
/// Every request body's bound in one table, answered with 413 and never with a 500: problem details with a Persian
/// detail under /api, the Persian error page (/error/413) elsewhere. The bound is set on the server
/// (<see cref="IHttpMaxRequestBodySizeFeature"/>, what Kestrel enforces) and also counted on the body itself, so it
/// holds the same under a test server, with a chunked body and with a Content-Length that lies.
/// </summary>
public static class RequestLimits
{
    /// <summary>Any endpoint not in <see cref="ByEndpoint"/>: Kestrel's own default, made explicit.</summary>
    public const long DefaultBytes = 30L * 1024 * 1024;

    /// <summary>
    /// Bounds by endpoint name (API) or page. An upload page explains its own bound (<see cref="UploadGuard"/> answers
    /// a declared length over it with the page and its message), so for those only the body is bounded here: a body
    /// without a declared length, read by model binding before the page runs, still stops at the bound.
    /// </summary>
    private static readonly Dictionary<string, Bound> ByEndpoint = new(StringComparer.Ordinal)
    {
        ["CreateService"] = new(_ => CardFiles.MaxFileBytes),
        ["UpdateService"] = new(_ => CardFiles.MaxFileBytes),
        ["ImportSpreadsheet"] = new(_ => SpreadsheetModel.MaxBytes),
        ["PutStatistics"] = new(_ => 64 * 1024),
        ["/Cards/Import/Index"] = new(http => http.RequestServices.GetRequiredService<IOptions<ImportOptions>>().Value.MaxUploadBytes, PageExplains: true),
        ["/Cards/Import/Spreadsheet"] = new(_ => SpreadsheetModel.MaxBytes, PageExplains: true),
    };

    /// <summary>Applies the bounds; after UseRouting (the bound depends on the endpoint) and inside the error pages.</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var reExecuted = http.Features.Get<IStatusCodeReExecuteFeature>() is not null || http.Features.Get<IExceptionHandlerPathFeature>() is not null;
        var bound = BoundOf(http.GetEndpoint());
        var max = bound.Bytes(http);
        if (!reExecuted)
        {
            if (http.Request.ContentLength > max && !bound.PageExplains)
            {
                await TooLargeAsync(http, max);
                return;
            }

            Apply(http, max);
        }

        try
        {
            await next(http);
        }
        catch (Exception ex) when (IsTooLarge(ex) && !http.Response.HasStarted)
        {
            await TooLargeAsync(http, max);
            return;
        }

        // Antiforgery reads a form and answers a bare 400 when the read fails: when the read failed on the bound, say so.
        if (http.Request.Body is BoundedStream { Exceeded: true } && http.Response.StatusCode == StatusCodes.Status400BadRequest && !http.Response.HasStarted)
        {
            await TooLargeAsync(http, max);
        }
    });

    /// <summary>Bounds this request's body to <paramref name="maxBytes"/>: reading past it throws a 413
    /// <see cref="BadHttpRequestException"/>, as Kestrel does.</summary>
    public static void Apply(HttpContext http, long maxBytes)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }

        if (http.Request.Body is not BoundedStream)
        {
            http.Request.Body = new BoundedStream(http.Request.Body, maxBytes);
        }
    }

    /// <summary>The Persian message of a body over <paramref name="maxBytes"/>.</summary>
    public static string TooLargeDetail(long maxBytes) =>
        $"حجم درخواست بیش از حد مجاز ({Megabytes(maxBytes)} مگابایت) است؛ فایل یا داده را کوچک‌تر کنید یا در چند درخواست بفرستید.";

    private static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    private static Bound BoundOf(Endpoint? endpoint)
    {
        var key = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? endpoint?.DisplayName ?? "";
        return ByEndpoint.TryGetValue(key, out var bound) ? bound : Default;
    }

    /// <summary>Kestrel's 413, or an exception that wraps it (model binding wraps a failed form read).</summary>
    private static bool IsTooLarge(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }

    private static async Task TooLargeAsync(HttpContext http, long maxBytes)
    {
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        http.Response.Headers.Connection = "close"; // the rest of the body is not read
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "درخواست بیش از اندازه بزرگ است.", detail: TooLargeDetail(maxBytes))
                .ExecuteAsync(http);
        }

        // elsewhere the status code pages show /error/413
    }

    private static readonly Bound Default = new(_ => DefaultBytes);

    /// <summary>An endpoint's bound; <paramref name="PageExplains"/>: the page answers a declared length over it itself.</summary>
    private sealed record Bound(Func<HttpContext, long> Bytes, bool PageExplains = false);

    /// <summary>A request body that throws Kestrel's 413 once more than its bound has been read.</summary>
    private sealed class BoundedStream(Stream inner, long maxBytes) : Stream
    {
        private long _read;

        /// <summary>True once a read went past the bound (here or in the server under it).</summary>
        public bool Exceeded { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return Count(inner.Read(buffer));
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                Exceeded = true;
                throw;
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            try
            {
                return Count(await inner.ReadAsync(buffer, cancellationToken));
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                Exceeded = true;
                throw;
            }
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            if (_read > maxBytes)
            {
                Exceeded = true;
                throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
            }

            return read;
        }
    }
}
