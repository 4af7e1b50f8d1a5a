using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ServiceRegistry.Core.Data;

/// <summary>Wakes a <see cref="QueueWorker"/> as soon as work is queued (the worker also looks on its own at every
/// poll). Notices that come while the worker is busy count as one. Each worker has its own subclass, so each is its
/// own singleton.</summary>
public abstract class Wakeup
{
    private readonly Channel<bool> _notices = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Notify() => _notices.Writer.TryWrite(true);

    /// <summary>Waits for a notice or for <paramref name="poll"/> to pass.</summary>
    public async Task WaitAsync(TimeSpan poll, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(poll);
        try
        {
            await _notices.Reader.WaitToReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }

        _notices.Reader.TryRead(out _);
    }
}

/// <summary>
/// The loop every node runs over work queued in the shared database (import files, webhook deliveries, e-mail): a
/// round runs each step in turn, then the worker sleeps until it is woken or the poll passes. A failing step is logged
/// and tried again at the next round: the worker outlives a database that is away for a while. Which rows a node may
/// take (leases) is each worker's own business.
/// </summary>
public abstract partial class QueueWorker(Wakeup wakeup, ILogger log) : BackgroundService
{
    protected ILogger Log => log;

    /// <summary>Runs another round right after this one.</summary>
    protected void Wake() => wakeup.Notify();

    /// <summary>Time between rounds when nobody wakes the worker; null when this node does not run it.</summary>
    protected abstract TimeSpan? Poll { get; }

    /// <summary>One round's steps, in order.</summary>
    protected abstract IReadOnlyList<Func<CancellationToken, Task>> Steps { get; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Poll is not { } poll)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var step in Steps)
                {
                    await RunSafelyAsync(step, stoppingToken);
                }

                await wakeup.WaitAsync(poll, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunSafelyAsync(Func<CancellationToken, Task> step, CancellationToken ct)
    {
        try
        {
            await step(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // the worker outlives a failing step; it is tried again at the next round
        catch (Exception ex)
        {
            LogFailed(log, GetType().Name, ex);
        }
#pragma warning restore CA1031
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Worker}: a step failed; it is tried again at the next round")]
    private static partial void LogFailed(ILogger logger, string worker, Exception ex);
}
