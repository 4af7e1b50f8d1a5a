using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Review;

/// <summary>What a person may do with content that repeats a card the agency has (<see cref="SameService"/>).</summary>
public enum DuplicateChoice
{
    /// <summary>Not chosen yet: nothing is saved.</summary>
    None,

    /// <summary>The content becomes the next state of the existing card (a revision of a published one).</summary>
    Revise,

    /// <summary>A new card anyway, the choice audited on it.</summary>
    New,
}

/// <summary>Saving content that repeats an existing card, by the person's explicit choice.</summary>
public sealed partial class CardWorkflow
{
    /// <summary>A new draft although <paramref name="same"/> exists: stored as <see cref="CreateDraftAsync"/> does, with the
    /// choice in the new card's audit trail.</summary>
    public async Task<WorkflowOutcome> CreateDuplicateDraftAsync(
        Agency agency, CardContent content, Actor actor, ExistingCard same, string auditAction = AuditActions.Created,
        ServiceCard? template = null, CancellationToken ct = default)
    {
        if (!actor.MayFileUnder(agency))
        {
            return new WorkflowOutcome(WorkflowOutcomeKind.Forbidden, "این دستگاه اجرایی در فهرست دستگاه‌های شما نیست.", null);
        }

        var now = time.GetUtcNow();
        var card = Draft(agency, content, actor, auditAction, now, template);
        card.RecordDuplicateKept(actor, now, same);
        db.Cards.Add(card);
        await db.SaveChangesAsync(ct);
        return new WorkflowOutcome(WorkflowOutcomeKind.Done, null, card);
    }

    /// <summary>
    /// Saves <paramref name="content"/> as the next state of card <paramref name="existingId"/>: a published card gets a
    /// revision with it (or, when a revision is already open, that revision takes it as a new version); a draft or a
    /// returned card takes it as a new version. Refused (with the reason) for a card under review or one this person may
    /// not edit. Every earlier version stays in the history; <paramref name="source"/> is noted in the audit trail. Saved at
    /// once, in the caller's transaction if one is open.
    /// </summary>
    public async Task<WorkflowOutcome> ReviseFromAsync(int existingId, CardContent content, Actor actor, string source, CancellationToken ct = default)
    {
        var card = await db.Cards.Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == existingId, ct);
        if (card is null || !actor.CanView(card))
        {
            return NotFound();
        }

        var now = time.GetUtcNow();
        var target = card;
        if (card.Status == CardStatus.Published)
        {
            var open = await db.Cards.Include(c => c.Agency)
                .Where(c => c.RevisionOfId == card.Id && c.Status != CardStatus.Archived).OrderBy(c => c.Id).FirstOrDefaultAsync(ct);
            if (open is not null)
            {
                target = open;
            }
            else
            {
                var started = card.StartRevision(actor, now, out var revision);
                if (!started.Ok)
                {
                    db.ChangeTracker.Clear();
                    return Refusal(started, card);
                }

                db.Cards.Add(revision!);
                target = revision!;
            }
        }

        var edited = target.Edit(actor, content, now);
        if (!edited.Ok)
        {
            db.ChangeTracker.Clear();
            return Refusal(edited, card);
        }

        if (target.TemplateId is { } templateId)
        {
            target.RefreshOverrides(await db.Cards.AsNoTracking().Where(c => c.Id == templateId).Select(c => c.Content).SingleAsync(ct));
        }

        target.RecordImportedInto(actor, now, source);
        await db.SaveChangesAsync(ct);
        return new WorkflowOutcome(WorkflowOutcomeKind.Done, null, target);
    }
}
