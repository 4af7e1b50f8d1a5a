using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Text;

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

    /// <summary>
    /// Writes an uploaded workbook's rows for one agency and quarter, all or nothing: every row is checked first (the card is a
    /// published service of the agency the person may write for, its return is not locked, and it has not changed since the
    /// template was made: the row's version is the stored one), and only when no row has a problem are the changed rows
    /// written, with their versions and audit entries, in one save. Rows equal to what is stored, and blank rows of services
    /// not reported yet, are left alone. Returns how many returns were written, or the problems (nothing written).
    /// </summary>
    public async Task<(int Written, IReadOnlyList<WorkbookProblem> Problems)> SaveWorkbookAsync(int agencyId, Quarter period, Actor actor,
        IReadOnlyList<WorkbookLine> lines, CancellationToken ct = default)
    {
        var ids = lines.Select(l => l.CardId).ToList();
        var cards = await db.Cards.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var stored = await db.QuarterlyReturns.Where(r => ids.Contains(r.CardId) && r.Period == period).ToDictionaryAsync(r => r.CardId, ct);
        var problems = new List<WorkbookProblem>();
        var writes = new List<(ServiceCard Card, QuarterlyReturn? Existing, WorkbookLine Line)>();
        foreach (var line in lines)
        {
            WorkbookProblem Problem(string? column, string message) => new(ReturnWorkbook.DataSheet, line.Row, column, message);
            if (!cards.TryGetValue(line.CardId, out var card) || !actor.CanView(card) || card.AgencyId != agencyId)
            {
                problems.Add(Problem(ReturnWorkbook.IdHeader, "این شناسه در فهرست خدمات این دستگاه نیست؛ ستون شناسه را تغییر ندهید."));
                continue;
            }

            var existing = stored.GetValueOrDefault(line.CardId);
            var status = line.Submit ? ReturnStatus.Submitted : ReturnStatus.Draft;
            if (existing is null ? line.Figures.IsEmpty && !line.Submit : existing.Figures == line.Figures && (existing.Status == status || existing.Status == ReturnStatus.Locked))
            {
                continue; // nothing to write: a blank row, or what is stored already (a locked one included)
            }

            if (existing?.Status == ReturnStatus.Locked)
            {
                problems.Add(Problem(null, $"آمار «{card.Title}» برای {period.Label} قفل شده است ({existing.LockedBy}) و تغییر نمی‌کند؛ این بارگذاری پذیرفته نشد. الگوی تازه را دریافت کنید یا این ردیف را حذف کنید."));
                continue;
            }

            var check = QuarterlyReturn.CanWrite(actor, card, existing);
            if (!check.Ok)
            {
                problems.Add(Problem(null, check.Reason ?? "ثبت ممکن نیست."));
                continue;
            }

            if (existing is not null && line.Version != existing.Version)
            {
                problems.Add(Problem(ReturnWorkbook.VersionHeader, $"آمار «{card.Title}» پس از دریافت این الگو تغییر کرده است (نسخه الگو: {Fa(line.Version)}، نسخه کنونی: {Fa(existing.Version)})؛ الگوی تازه را دریافت کنید تا تغییر دیگران از دست نرود."));
                continue;
            }

            writes.Add((card, existing, line));
        }

        if (problems.Count > 0)
        {
            return (0, problems);
        }

        var now = time.GetUtcNow();
        foreach (var (card, existing, line) in writes)
        {
            var status = line.Submit ? ReturnStatus.Submitted : ReturnStatus.Draft;
            var target = existing ?? db.QuarterlyReturns.Add(new QuarterlyReturn(card.Id, period)).Entity;
            target.Write(line.Figures, Derived.Offered(card.Content), status, now, actor.Name, FiguresJson.Write(line.Figures));
            db.AuditEntries.Add(new AuditEntry(now, actor.UserId, actor.Name, card.Id,
                status == ReturnStatus.Submitted ? ReturnAudit.Submitted : ReturnAudit.Saved, $"{period} نسخه {target.Version} (فایل اکسل)"));
        }

        var outcome = await StoreAsync(ReturnOutcomeKind.Saved, null, ct);
        return outcome.Kind == ReturnOutcomeKind.Saved
            ? (writes.Count, [])
            : (0, [new(ReturnWorkbook.DataSheet, 1, null, "در همین لحظه کس دیگری آمار یکی از این خدمات را تغییر داد؛ هیچ ردیفی ذخیره نشد. الگوی تازه را دریافت کنید.")]);
    }

    private static string Fa(int? version) => version is { } v ? PersianText.ToPersianDigits(v.ToString(System.Globalization.CultureInfo.InvariantCulture)) : "بدون آمار";

    private async Task<ReturnOutcome> StoreAsync(ReturnOutcomeKind kind, QuarterlyReturn? target, CancellationToken ct)
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
