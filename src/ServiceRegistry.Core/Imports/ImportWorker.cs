using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Imports;

/// <summary>Settings of the browser upload (section "Imports").</summary>
public sealed class ImportOptions
{
    /// <summary>Seconds one file may take to read before it is given up.</summary>
    public int FileTimeoutSeconds { get; set; } = 30;

    /// <summary>Largest upload (all files of one batch together), in megabytes.</summary>
    public int MaxUploadMegabytes { get; set; } = 100;

    public long MaxUploadBytes => MaxUploadMegabytes * 1024L * 1024;

    /// <summary>Most rows of the services sheet that one spreadsheet upload (page or API) may carry.</summary>
    public int MaxSpreadsheetRows { get; set; } = 5_000;
}

/// <summary>Wakes the <see cref="ImportWorker"/> when a batch arrives (it also looks on its own every few seconds).</summary>
public sealed class ImportQueue
{
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public void Notify(int batchId) => _channel.Writer.TryWrite(batchId);

    /// <summary>Waits for a notice or for <paramref name="poll"/> to pass.</summary>
    internal async Task WaitAsync(TimeSpan poll, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(poll);
        try
        {
            await _channel.Reader.WaitToReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
        }

        while (_channel.Reader.TryRead(out _))
        {
        }
    }
}

/// <summary>
/// Converts uploaded files in the background, one at a time in the order they came, each within its time limit
/// (<see cref="ImportConverter"/>), and stores every outcome on its <see cref="ImportItem"/>. The queue is the
/// database: a file is claimed by moving it from Queued to Running (a concurrency token, so two app instances
/// never take the same file), and a restart takes up what was left (a file that was being read when the app stopped
/// is read once more, then given up).
/// </summary>
internal sealed partial class ImportWorker(
    IServiceScopeFactory scopes, ImportQueue queue, TimeProvider time, IOptions<ImportOptions> options, ILogger<ImportWorker> log) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RunSafelyAsync(RecoverAsync, stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await RunSafelyAsync(DrainAsync, stoppingToken);
            await queue.WaitAsync(Poll, stoppingToken);
        }
    }

    private async Task RunSafelyAsync(Func<CancellationToken, Task> work, CancellationToken ct)
    {
        try
        {
            await work(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // the worker outlives a failing database call; it tries again at the next poll
        catch (Exception ex)
        {
            LogFailed(log, ex);
        }
#pragma warning restore CA1031
    }

    private async Task RecoverAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = time.GetUtcNow();
        foreach (var item in await db.ImportItems.Where(i => i.Status == ImportItemStatus.Running).ToListAsync(ct))
        {
            item.Interrupted(now);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Converts queued files until none is left.</summary>
    private async Task DrainAsync(CancellationToken ct)
    {
        var timeout = TimeSpan.FromSeconds(Math.Max(1, options.Value.FileTimeoutSeconds));
        while (!ct.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var item = await db.ImportItems.Where(i => i.Status == ImportItemStatus.Queued).OrderBy(i => i.Id).FirstOrDefaultAsync(ct);
            if (item is null)
            {
                return;
            }

            item.Start();
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                continue; // another instance took it
            }

            var converted = await ImportConverter.ConvertAsync(item.ToInput(), timeout, ct);
            item.Finish(converted, time.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException ex)
            {
                // The outcome could not be stored as it is (say, text the database refuses): keep the failure instead.
                LogFailed(log, ex);
                db.ChangeTracker.Clear();
                var again = await db.ImportItems.SingleAsync(i => i.Id == item.Id, ct);
                again.Fail("نتیجه خواندن این فایل ذخیره نشد: " + ex.GetBaseException().Message, time.GetUtcNow());
                await db.SaveChangesAsync(ct);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import worker: a step failed; it is tried again at the next poll")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
