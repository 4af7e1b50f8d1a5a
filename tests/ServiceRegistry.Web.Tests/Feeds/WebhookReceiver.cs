using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceRegistry.Core.Feeds;

namespace ServiceRegistry.Web.Tests.Feeds;

/// <summary>
/// What a subscriber runs: a small Kestrel app on 127.0.0.1 that checks each delivery's signature with the secret it
/// was given and records what came, in arrival order. It can be stopped and started again on the same port, answer
/// with a failure now and then (<see cref="Answer"/>), or hold requests until released (<see cref="Hold"/>).
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private WebApplication? _app;
    private int _inFlight;

    /// <summary>One request as it arrived: the change's feed position, card and kind, and whether the signature was right.</summary>
    public sealed record Received(string MessageId, long Seq, int CardId, string Kind, bool SignatureValid, JsonElement Body);

    public ConcurrentQueue<Received> Log { get; } = new();

    public string Secret { get; set; } = "";

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}/hooks";

    /// <summary>The status for the n-th request (1-based); 200 by default.</summary>
    public Func<int, int> Answer { get; set; } = _ => 200;

    /// <summary>While set, requests wait for it before answering.</summary>
    public TaskCompletionSource? Hold { get; set; }

    /// <summary>Set when a request arrives while <see cref="Hold"/> is set.</summary>
    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Most requests for one message seen at the same time (must stay 1: one attempt at a time).</summary>
    public ConcurrentDictionary<string, int> Overlaps { get; } = new();

    private readonly ConcurrentDictionary<string, int> _open = new();
    private int _count;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{Port}");
        _app = builder.Build();
        _app.MapPost("/hooks", HandleAsync);
        await _app.StartAsync();
        Port = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private async Task<IResult> HandleAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        var id = request.Headers[WebhookSignature.IdHeader].ToString();
        var valid = long.TryParse(request.Headers[WebhookSignature.TimestampHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            && WebhookSignature.Verify(Secret, id, timestamp, body, request.Headers[WebhookSignature.SignatureHeader].ToString());
        var json = JsonDocument.Parse(body).RootElement.Clone();
        Assert.True(ChangeFeed.TryParseCursor(json.GetProperty("cursor").GetString(), out var seq));
        Log.Enqueue(new Received(id, seq, json.GetProperty("id").GetInt32(), json.GetProperty("kind").GetString()!, valid, json));
        var open = _open.AddOrUpdate(id, 1, (_, n) => n + 1);
        Overlaps.AddOrUpdate(id, open, (_, n) => Math.Max(n, open));
        Interlocked.Increment(ref _inFlight);
        try
        {
            if (Hold is { } hold)
            {
                Held.TrySetResult();
                await hold.Task.WaitAsync(ct);
            }
            else
            {
                await Task.Delay(20, ct); // widens the window in which another node could send the same attempt
            }

            return Results.StatusCode(Answer(Interlocked.Increment(ref _count)));
        }
        finally
        {
            _open.AddOrUpdate(id, 0, (_, n) => n - 1);
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
