using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
public sealed class ImportQueue : Wakeup;

/// <summary>
/// Converts uploaded files in the background, one at a time in the order they came, each within its time limit
/// (<see cref="ImportConverter"/>), and stores every outcome on its <see cref="ImportItem"/>. The queue is the
/// database, shared by every node: a node claims a file by moving it from Queued to Running with a lease (its node id
/// and an expiry; the status is a concurrency token, so two nodes never take the same file). A live node finishes a
/// file well before its lease runs out (the file's time limit is far shorter); a file whose lease has expired belongs
/// to a node that stopped, and any node puts it back in the queue (read once more, then given up).
/// </summary>
internal sealed partial class ImportWorker(
    IServiceScopeFactory scopes, ImportQueue queue, TimeProvider time, IOptions<ImportOptions> options, IOptions<RegistryOptions> registry,
    ILogger<ImportWorker> log) : QueueWorker(queue, log)
{
    protected override TimeSpan? Poll => TimeSpan.FromSeconds(5);

    protected override IReadOnlyList<Func<CancellationToken, Task>> Steps => [RecoverAsync, DrainAsync];

    private TimeSpan FileTimeout => TimeSpan.FromSeconds(Math.Max(1, options.Value.FileTimeoutSeconds));

    /// <summary>Twice the time limit and a minute: a node that still holds a file by then has stopped.</summary>
    private TimeSpan Lease => FileTimeout * 2 + TimeSpan.FromMinutes(1);

    /// <summary>Puts back the files whose lease has expired (never one that a live node is reading).</summary>
    private async Task RecoverAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var now = time.GetUtcNow();
        var nowUtc = now.UtcDateTime;
        foreach (var item in await db.ImportItems
                     .Where(i => i.Status == ImportItemStatus.Running && (i.LeaseExpiresAt == null || i.LeaseExpiresAt <= nowUtc))
                     .ToListAsync(ct))
        {
            LogLeaseExpired(Log, item.Id, item.LeaseOwner);
            item.Interrupted(now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // another node put them back first
        }
    }

    /// <summary>Converts queued files until none is left.</summary>
    private async Task DrainAsync(CancellationToken ct)
    {
        var timeout = FileTimeout;
        while (!ct.IsCancellationRequested)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            var item = await db.ImportItems.Where(i => i.Status == ImportItemStatus.Queued).OrderBy(i => i.Id).FirstOrDefaultAsync(ct);
            if (item is null)
            {
                return;
            }

            item.Start(registry.Value.NodeId, time.GetUtcNow() + Lease);
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
            catch (DbUpdateConcurrencyException)
            {
                LogLeaseLost(Log, item.Id);
                continue; // the lease ran out and another node took the file: its outcome counts, not this one
            }
            catch (DbUpdateException ex)
            {
                // The outcome could not be stored as it is (say, text the database refuses): keep the failure instead.
                LogNotStored(Log, item.Id, ex);
                db.ChangeTracker.Clear();
                var again = await db.ImportItems.SingleAsync(i => i.Id == item.Id, ct);
                again.Fail("نتیجه خواندن این فایل ذخیره نشد: " + ex.GetBaseException().Message, time.GetUtcNow());
                await db.SaveChangesAsync(ct);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import worker: the outcome of file {ItemId} could not be stored; the file is marked failed")]
    private static partial void LogNotStored(ILogger logger, int itemId, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import worker: the lease of file {ItemId} (node {Node}) has expired; it goes back to the queue")]
    private static partial void LogLeaseExpired(ILogger logger, int itemId, string? node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import worker: file {ItemId} was taken by another node after this node's lease ran out; this reading is dropped")]
    private static partial void LogLeaseLost(ILogger logger, int itemId);
}
