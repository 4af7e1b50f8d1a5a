using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Feeds;

/// <summary>
/// Adds a <see cref="PublicChange"/> for every card whose public face changes in a save: it became published, its
/// published content changed, it left the catalog, or the national template it follows changed. Hooked into the context (not the workflow), so every writer —
/// workflow, import command, demo data — records its changes in the same transaction as the card, and Cards and
/// Review know nothing of the feed.
/// </summary>
public sealed class PublicChangeRecorder : SaveChangesInterceptor
{
    public static readonly PublicChangeRecorder Instance = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Record(DbContext? db)
    {
        if (db is null)
        {
            return;
        }

        // The interceptor runs before SaveChanges detects changes; bulk writers that turned detection off add new
        // entities only, which are seen without it.
        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            db.ChangeTracker.DetectChanges();
        }

        // A save retried after a failure (without clearing the tracker) must not record its change twice.
        var pending = db.ChangeTracker.Entries<PublicChange>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Card).ToHashSet();
        var changes = db.ChangeTracker.Entries<ServiceCard>()
            .Where(e => !pending.Contains(e.Entity))
            .Select(e => KindOf(e) is { } kind ? new PublicChange(kind, e.Entity) : null)
            .OfType<PublicChange>()
            .ToList();
        db.Set<PublicChange>().AddRange(changes);
    }

    /// <summary>The public change a card's save makes, if any.</summary>
    public static PublicChangeKind? KindOf(EntityEntry<ServiceCard> entry)
    {
        var now = entry.Entity.Status == CardStatus.Published;
        if (entry.State == EntityState.Added)
        {
            return now ? PublicChangeKind.Published : null;
        }

        if (entry.State != EntityState.Modified)
        {
            return null;
        }

        var was = entry.Property(c => c.Status).OriginalValue == CardStatus.Published;
        return (was, now) switch
        {
            (false, true) => PublicChangeKind.Published,
            (true, false) => PublicChangeKind.Archived,
            (true, true) when entry.Property(c => c.Version).OriginalValue != entry.Entity.Version =>
                TemplateFlagged(entry) ? PublicChangeKind.TemplateChanged : PublicChangeKind.Revised,
            _ => null,
        };
    }

    /// <summary>The save flags the service because its national template changed (new parts in its pending template
    /// changes, content untouched); answering the change (content accepted or kept) is an ordinary revision.</summary>
    private static bool TemplateFlagged(EntityEntry<ServiceCard> entry)
    {
        var before = entry.Property(c => c.TemplateChanges).OriginalValue;
        var after = entry.Entity.TemplateChanges;
        return after is not null && after != before && !entry.Property(c => c.Content).IsModified;
    }
}
