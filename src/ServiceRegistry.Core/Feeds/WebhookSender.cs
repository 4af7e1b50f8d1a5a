using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Feeds;

/// <summary>Settings of webhook delivery (section "Webhooks").</summary>
public sealed class WebhookOptions
{
    /// <summary>Whether this node sends deliveries (every node does by default; the queue is shared).</summary>
    public bool Deliver { get; set; } = true;

    /// <summary>Seconds between looks at the feed and the queue.</summary>
    public double PollSeconds { get; set; } = 2;

    /// <summary>Seconds one attempt may take, connection and answer together; the lease is twice this and a minute.</summary>
    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Deliveries sent at once by one node (each to a different service or subscriber).</summary>
    public int Parallel { get; set; } = 4;

    /// <summary>Inside addresses (or CIDR ranges) a webhook may still be sent to, e.g. a receiver on the same host.</summary>
    public IList<string> AllowedAddresses { get; } = [];
}

/// <summary>What an attempt came to: 2xx, another status (with the start of its body) or no answer.</summary>
public sealed record WebhookAttempt(bool Delivered, int? StatusCode, string? Error);

/// <summary>Sends one signed delivery: no redirects, no proxy, inside addresses refused at connect time, one time limit.</summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    public WebhookSender(IOptions<WebhookOptions> options, WebhookAddresses addresses)
    {
        _timeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds));
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = addresses.ConnectAsync,
            ConnectTimeout = _timeout,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ServiceRegistry-Webhooks", "1"));
    }

    public TimeSpan Timeout => _timeout;

    public async Task<WebhookAttempt> SendAsync(WebhookSubscription subscription, string id, DateTimeOffset now, byte[] body, CancellationToken ct)
    {
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.IdHeader, id);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(subscription.Secret, id, timestamp, body));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(_timeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new WebhookAttempt(true, status, null);
            }

            return new WebhookAttempt(false, status, $"HTTP {status} {response.ReasonPhrase}: {await StartOfAsync(response, limit.Token)}".TrimEnd(' ', ':'));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new WebhookAttempt(false, null, $"no answer within {_timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            return new WebhookAttempt(false, null, ex.InnerException is WebhookAddressRefusedException refused ? refused.Message : ex.GetBaseException().Message);
        }
    }

    /// <summary>The first 300 characters of an answer's body.</summary>
    private static async Task<string> StartOfAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[1200];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
            var text = Encoding.UTF8.GetString(buffer, 0, read);
            return text.Length > 300 ? text[..300] : text;
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
        {
            return "";
        }
    }

    public void Dispose() => _client.Dispose();
}

/// <summary>Wakes the <see cref="WebhookWorker"/> (it also looks on its own every <see cref="WebhookOptions.PollSeconds"/>).</summary>
public sealed class WebhookSignal : Wakeup;
