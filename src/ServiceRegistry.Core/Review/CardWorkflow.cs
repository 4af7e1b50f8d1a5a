using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Review;

/// <summary>The lifecycle steps, as pages and the API name them.</summary>
public enum WorkflowAction
{
    [Display(Name = "ارسال برای بررسی")] Submit,
    [Display(Name = "برگشت برای اصلاح")] Return,
    [Display(Name = "تایید")] Approve,
    [Display(Name = "صدور شناسه خدمت")] IssueServiceId,
    [Display(Name = "انتشار")] Publish,
    [Display(Name = "آغاز بازنگری")] Revise,
    [Display(Name = "بایگانی")] Archive,
}

/// <summary>Which steps a person may take on a card now, from the card's own rules (<c>CanSubmit</c>, <c>CanReview</c>…):
/// pages show these and no others, and the step itself checks the same rule again.</summary>
public static class WorkflowActions
{
    /// <summary>The rule of <paramref name="action"/> for <paramref name="actor"/> on <paramref name="card"/>; a revision
    /// is refused while another one is open.</summary>
    public static WorkflowResult Check(ServiceCard card, WorkflowAction action, Actor actor, bool hasOpenRevision) => action switch
    {
        WorkflowAction.Submit => card.CanSubmit(actor),
        WorkflowAction.Return or WorkflowAction.Approve => card.CanReview(actor),
        WorkflowAction.IssueServiceId => card.CanIssueServiceId(actor),
        WorkflowAction.Publish => card.CanPublish(actor),
        WorkflowAction.Revise => card.CanStartRevision(actor) is { Ok: false } refused ? refused
            : hasOpenRevision ? WorkflowResult.Refused("برای این خدمت یک بازنگری باز هست؛ همان را ادامه دهید.")
            : WorkflowResult.Done,
        WorkflowAction.Archive => card.CanArchive(actor),
        _ => WorkflowResult.Refused("این کار شناخته نیست."),
    };

    /// <summary>The steps <paramref name="actor"/> may take on <paramref name="card"/> now, in lifecycle order.</summary>
    public static IReadOnlyList<WorkflowAction> For(ServiceCard card, Actor actor, bool hasOpenRevision) =>
        Enum.GetValues<WorkflowAction>().Where(a => Check(card, a, actor, hasOpenRevision).Ok).ToList();

    /// <summary>Steps that cannot be taken back by the same person: asked to confirm first.</summary>
    public static bool NeedsConfirmation(this WorkflowAction action) =>
        action is WorkflowAction.Approve or WorkflowAction.IssueServiceId or WorkflowAction.Publish or WorkflowAction.Archive;
}

public enum WorkflowOutcomeKind
{
    Done,
    NotFound,
    Forbidden,
    Refused,
    Conflict,
}

/// <summary>What a workflow step came to: done (with the card it produced or changed), or why not.</summary>
public sealed record WorkflowOutcome(WorkflowOutcomeKind Kind, string? Reason, ServiceCard? Card)
{
    public bool Ok => Kind == WorkflowOutcomeKind.Done;
}

/// <summary>
/// Every write of a card for an actor: lifecycle steps (<see cref="RunAsync"/>), new drafts and edits
/// (CardWorkflow.Content.cs). Loads the card, hides it from those who may not see it, calls the card's method (where
/// the rule lives), saves with optimistic concurrency, and answers with an outcome that pages, API and commands only
/// translate.
/// </summary>
public sealed partial class CardWorkflow(RegistryDbContext db, TimeProvider time, ServiceIdIssuer ids)
{
    public async Task<WorkflowOutcome> RunAsync(
        int cardId, WorkflowAction action, Actor actor, int? expectedVersion = null, IReadOnlyList<ReviewComment>? comments = null, CancellationToken ct = default)
    {
        var card = await db.Cards.SingleOrDefaultAsync(c => c.Id == cardId, ct);
        if (card is null || !actor.CanView(card))
        {
            return NotFound();
        }

        var seenVersion = card.Version;
        var now = time.GetUtcNow();
        ServiceCard? produced = null;
        // A service ID is taken inside the card's transaction (ServiceIdIssuer); a step not saved gives it back.
        await using var transaction = action == WorkflowAction.IssueServiceId ? await db.Database.BeginTransactionAsync(ct) : null;
        var result = action switch
        {
            WorkflowAction.Submit => (actor.IsEditorOf(card) || actor.IsHeadOf(card) ? await ParentExistsAsync(card, ct) : null) ?? card.Submit(actor, now),
            WorkflowAction.Return => card.Return(actor, comments ?? [], now),
            WorkflowAction.Approve => card.Approve(actor, now),
            WorkflowAction.IssueServiceId => card.CanIssueServiceId(actor) is { Ok: false } refused ? refused : card.IssueServiceId(actor, await ids.NextAsync(ct), now),
            WorkflowAction.Publish => await PublishAsync(card, actor, now, ct),
            WorkflowAction.Revise => Revise(card, actor, now, out produced),
            WorkflowAction.Archive => card.Archive(actor, now),
            _ => WorkflowResult.Refused("این کار شناخته نیست."),
        };

        if (result.Ok && action == WorkflowAction.Archive && card.IsTemplate && card.RevisionOfId is null)
        {
            await FlagInstancesAsync(card, [ServiceCard.TemplateArchivedMark], actor, now, ct);
        }

        if (!result.Ok)
        {
            db.ChangeTracker.Clear();
            return new WorkflowOutcome(result.Forbidden ? WorkflowOutcomeKind.Forbidden : WorkflowOutcomeKind.Refused, result.Reason, card);
        }

        // Who may act is decided first; then a decision taken on a stale page is refused rather than applied.
        if (expectedVersion is { } v && v != seenVersion)
        {
            db.ChangeTracker.Clear();
            return Conflict(card);
        }

        if (produced is not null)
        {
            db.Cards.Add(produced);
        }

        return await SaveAsync(ct)
            ? new WorkflowOutcome(WorkflowOutcomeKind.Done, null, produced ?? card)
            : Conflict(card);
    }

    /// <summary>Stores the changes of one step (and commits the step's transaction, if it opened one); false when the
    /// card changed meanwhile (its version moved, or a unique key was taken), and then nothing is stored and nothing
    /// stays tracked.</summary>
    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            if (db.Database.CurrentTransaction is { } transaction)
            {
                await transaction.CommitAsync(ct);
            }

            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // A unique key (the service ID) taken meanwhile by another request: a conflict like a moved version.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static WorkflowOutcome Conflict(ServiceCard card) =>
        new(WorkflowOutcomeKind.Conflict, "این شناسنامه در همین فاصله به دست کس دیگری تغییر کرده است. صفحه را تازه کنید و دوباره تصمیم بگیرید.", card);

    /// <summary>A sub-service names its parent by service ID; the parent must be a service of the registry.</summary>
    private async Task<WorkflowResult?> ParentExistsAsync(ServiceCard card, CancellationToken ct)
    {
        var parent = card.Content.ParentServiceId?.Trim();
        return string.IsNullOrEmpty(parent) || await db.Cards.AnyAsync(c => c.ServiceId == parent && c.Id != card.Id, ct)
            ? null
            : WorkflowResult.Refused($"خدمت مادری با شناسه {parent} در سامانه نیست؛ شناسه خدمت مادر را درست بنویسید یا خالی بگذارید.");
    }

    private async Task<WorkflowResult> PublishAsync(ServiceCard card, Actor actor, DateTimeOffset now, CancellationToken ct)
    {
        if (card.RevisionOfId is not { } originalId)
        {
            return card.Publish(actor, now);
        }

        var original = await db.Cards.SingleAsync(c => c.Id == originalId, ct);
        var before = original.Content;
        var result = original.PublishRevision(actor, card, now);
        if (result.Ok && original.IsTemplate && TemplateParts.Changed(before, original.Content) is { Count: > 0 } changed)
        {
            await FlagInstancesAsync(original, changed, actor, now, ct);
        }

        return result;
    }

    /// <summary>Whether a revision of card <paramref name="cardId"/> is under way (a draft to a not yet published one).</summary>
    public bool HasOpenRevision(int cardId) => db.Cards.Any(c => c.RevisionOfId == cardId && c.Status != CardStatus.Archived);

    private WorkflowResult Revise(ServiceCard card, Actor actor, DateTimeOffset now, out ServiceCard? revision)
    {
        revision = null;
        var check = WorkflowActions.Check(card, WorkflowAction.Revise, actor, HasOpenRevision(card.Id));
        return check.Ok ? card.StartRevision(actor, now, out revision) : check;
    }
}
