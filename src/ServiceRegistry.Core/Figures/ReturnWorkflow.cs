using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Figures;

/// <summary>What became of a write of a return.</summary>
public enum ReturnOutcomeKind
{
    Created,
    Saved,
    Unchanged,
    NotFound,
    Forbidden,
    Refused,
    Invalid,
    Stale,
}

public sealed record ReturnOutcome(ReturnOutcomeKind Kind, QuarterlyReturn? Return, string? Reason = null, IReadOnlyList<(string Path, string Message)>? Problems = null)
{
    public bool Ok => Kind is ReturnOutcomeKind.Created or ReturnOutcomeKind.Saved or ReturnOutcomeKind.Unchanged;
}

/// <summary>
/// Every write of a quarterly return (API, grid, workbook, demo data): loads the card, hides it from those who may not
/// see it, asks the return's rules, checks the figures, keeps a version and writes the audit log, all in one save.
/// </summary>
public sealed class ReturnWorkflow(RegistryDbContext db, TimeProvider time)
{
    /// <summary>Why <paramref name="actor"/> may not write this card's return for the quarter (not found, not theirs, not
    /// published, locked), or null when they may: asked before the body is read.</summary>
    public async Task<ReturnOutcome?> RefusalAsync(int cardId, Quarter period, Actor actor, CancellationToken ct = default)
    {
        var card = await db.Cards.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cardId, ct);
        if (card is null || !actor.CanView(card))
        {
            return new(ReturnOutcomeKind.NotFound, null);
        }

        var existing = await db.QuarterlyReturns.AsNoTracking().SingleOrDefaultAsync(r => r.CardId == cardId && r.Period == period, ct);
        var check = QuarterlyReturn.CanWrite(actor, card, existing);
        return check.Ok ? null : new(check.Forbidden ? ReturnOutcomeKind.Forbidden : ReturnOutcomeKind.Refused, existing, check.Reason);
    }

    /// <summary>Writes <paramref name="figures"/> for the card and quarter. <paramref name="expectedVersion"/> is the version the
    /// writer saw (null: none, as for a new return or a bulk entry); a repeat of what is stored is <see cref="ReturnOutcomeKind.Unchanged"/>.</summary>
    public async Task<ReturnOutcome> SaveAsync(int cardId, Quarter period, Actor actor, QuarterFigures figures, ReturnStatus status,
        int? expectedVersion, bool requireVersion, CancellationToken ct = default)
    {
        var card = await db.Cards.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cardId, ct);
        if (card is null || !actor.CanView(card))
        {
            return new(ReturnOutcomeKind.NotFound, null);
        }

        var existing = await db.QuarterlyReturns.SingleOrDefaultAsync(r => r.CardId == cardId && r.Period == period, ct);
        var check = QuarterlyReturn.CanWrite(actor, card, existing);
        if (!check.Ok)
        {
            return new(check.Forbidden ? ReturnOutcomeKind.Forbidden : ReturnOutcomeKind.Refused, existing, check.Reason);
        }

        if (status == ReturnStatus.Locked)
        {
            return new(ReturnOutcomeKind.Invalid, existing, null, [("$.status", "وضعیت «قفل‌شده» را فقط کارشناس بررسی استان می‌گذارد.")]);
        }

        var problems = figures.Problems();
        if (problems.Count > 0)
        {
            return new(ReturnOutcomeKind.Invalid, existing, null, problems);
        }

        if (existing is not null && existing.Holds(figures, status))
        {
            return new(ReturnOutcomeKind.Unchanged, existing);
        }

        if (existing is not null && (expectedVersion is null ? requireVersion : expectedVersion != existing.Version))
        {
            return new(ReturnOutcomeKind.Stale, existing);
        }

        var target = existing ?? db.QuarterlyReturns.Add(new QuarterlyReturn(cardId, period)).Entity;
        var now = time.GetUtcNow();
        target.Write(figures, Derived.Offered(card.Content), status, now, actor.Name, FiguresJson.Write(figures));
        db.AuditEntries.Add(new AuditEntry(now, actor.UserId, actor.Name, cardId,
            status == ReturnStatus.Submitted ? ReturnAudit.Submitted : ReturnAudit.Saved, $"{period} نسخه {target.Version}"));
        return await StoreAsync(existing is null ? ReturnOutcomeKind.Created : ReturnOutcomeKind.Saved, target, ct);
    }

    /// <summary>The provincial reviewer locks a submitted return: it changes no more.</summary>
    public async Task<ReturnOutcome> LockAsync(int cardId, Quarter period, Actor actor, int? expectedVersion, CancellationToken ct = default)
    {
        var card = await db.Cards.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cardId, ct);
        var existing = card is null || !actor.CanView(card)
            ? null
            : await db.QuarterlyReturns.SingleOrDefaultAsync(r => r.CardId == cardId && r.Period == period, ct);
        if (existing is null)
        {
            return new(ReturnOutcomeKind.NotFound, null);
        }

        var check = existing.CanLock(actor, card!);
        if (!check.Ok)
        {
            return new(check.Forbidden ? ReturnOutcomeKind.Forbidden : ReturnOutcomeKind.Refused, existing, check.Reason);
        }

        if (expectedVersion is { } v && v != existing.Version)
        {
            return new(ReturnOutcomeKind.Stale, existing);
        }

        var now = time.GetUtcNow();
        existing.Lock(now, actor.Name, FiguresJson.Write(existing.Figures));
        db.AuditEntries.Add(new AuditEntry(now, actor.UserId, actor.Name, cardId, ReturnAudit.Locked, $"{period} نسخه {existing.Version}"));
        return await StoreAsync(ReturnOutcomeKind.Saved, existing, ct);
    }

    private async Task<ReturnOutcome> StoreAsync(ReturnOutcomeKind kind, QuarterlyReturn target, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new(kind, target);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(ReturnOutcomeKind.Stale, target);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            // Two first writes of the same quarter at once: the other one won.
            db.ChangeTracker.Clear();
            return new(ReturnOutcomeKind.Stale, target);
        }
    }
}

/// <summary>The audit actions of returns (codes and Persian labels in <see cref="AuditActions"/>).</summary>
public static class ReturnAudit
{
    public const string Saved = AuditActions.StatisticsSaved;
    public const string Submitted = AuditActions.StatisticsSubmitted;
    public const string Locked = AuditActions.StatisticsLocked;
}
