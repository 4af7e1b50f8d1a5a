using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Review;

/// <summary>What a batch of new drafts came to: done (with the new cards' ids, in the order given), or why not.</summary>
public sealed record DraftsOutcome(WorkflowOutcomeKind Kind, string? Reason, IReadOnlyList<int> Ids)
{
    public bool Ok => Kind == WorkflowOutcomeKind.Done;
}

/// <summary>Writing a card's content: new drafts (one, or many in one transaction) and edits of a stored card.</summary>
public sealed partial class CardWorkflow
{
    /// <summary>Drafts stored by one call of <see cref="CreateDraftsAsync"/> are written in transactions of this many.</summary>
    public const int DraftBatchSize = 500;

    /// <summary>
    /// Stores <paramref name="content"/> as a new draft of <paramref name="agency"/>, audited as <paramref name="auditAction"/>
    /// (created, or imported). Forbidden unless the actor may file cards under that agency. Saved at once, in the
    /// caller's transaction if one is open (the import review stores the file's link to the card with it). With a
    /// published <paramref name="template"/>, the draft is its instance (<see cref="ServiceCard.NewInstanceFromEntry"/>).
    /// </summary>
    public async Task<WorkflowOutcome> CreateDraftAsync(
        Agency agency, CardContent content, Actor actor, string auditAction = AuditActions.Created, ServiceCard? template = null, CancellationToken ct = default)
    {
        if (!actor.MayFileUnder(agency))
        {
            return new WorkflowOutcome(WorkflowOutcomeKind.Forbidden, "این دستگاه اجرایی در فهرست دستگاه‌های شما نیست.", null);
        }

        var card = Draft(agency, content, actor, auditAction, time.GetUtcNow(), template);
        db.Cards.Add(card);
        await db.SaveChangesAsync(ct);
        return new WorkflowOutcome(WorkflowOutcomeKind.Done, null, card);
    }

    /// <summary>
    /// Stores many new drafts of one agency (bulk entry): <see cref="DraftBatchSize"/> cards per transaction and per
    /// round trip, so a large workbook is not a save per row. A batch is stored whole or not at all; the change
    /// tracker is emptied after each, so memory does not grow with the workbook. <paramref name="templates"/>, when
    /// given, holds per content the published template its draft is an instance of (or null).
    /// </summary>
    public async Task<DraftsOutcome> CreateDraftsAsync(
        Agency agency, IReadOnlyList<CardContent> contents, Actor actor, string auditAction = AuditActions.Imported,
        IReadOnlyList<ServiceCard?>? templates = null, CancellationToken ct = default)
    {
        if (!actor.MayFileUnder(agency))
        {
            return new DraftsOutcome(WorkflowOutcomeKind.Forbidden, "این دستگاه اجرایی در فهرست دستگاه‌های شما نیست.", []);
        }

        var ids = new List<int>(contents.Count);
        var strategy = db.Database.CreateExecutionStrategy();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false; // every entity of a batch is new (AddRange marks the graph): nothing to detect
        try
        {
            foreach (var chunk in contents.Select((content, i) => (content, template: templates?[i])).Chunk(DraftBatchSize))
            {
                var now = time.GetUtcNow();
                var cards = chunk.Select(c => Draft(agency, c.content, actor, auditAction, now, c.template)).ToList();
                await strategy.ExecuteAsync(async () =>
                {
                    db.ChangeTracker.Clear();
                    await using var tx = await db.Database.BeginTransactionAsync(ct);
                    db.Cards.AddRange(cards);
                    await db.SaveChangesAsync(ct);
                    await tx.CommitAsync(ct);
                });
                ids.AddRange(cards.Select(c => c.Id));
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        return new DraftsOutcome(WorkflowOutcomeKind.Done, null, ids);
    }

    /// <summary>The card as it stands, for an edit form: not found for those who may not see it, forbidden or refused
    /// (with the card) when this actor may not edit it now (<see cref="ServiceCard.CanEdit"/>). Not tracked.</summary>
    public async Task<WorkflowOutcome> OpenForEditAsync(int cardId, Actor actor, CancellationToken ct = default)
    {
        var card = await db.Cards.AsNoTracking().Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == cardId, ct);
        if (card is null || !actor.CanView(card))
        {
            return NotFound();
        }

        var check = card.CanEdit(actor);
        return check.Ok ? new WorkflowOutcome(WorkflowOutcomeKind.Done, null, card) : Refusal(check, card);
    }

    /// <summary>
    /// Replaces a stored card's content (<see cref="ServiceCard.Edit"/> has the rule). <paramref name="expectedVersion"/>
    /// is the version the writer started from: when the card has moved on since, nothing is stored and the outcome is
    /// a conflict carrying the card as it now stands. Null saves over whatever version is loaded.
    /// </summary>
    public async Task<WorkflowOutcome> SaveContentAsync(int cardId, Actor actor, CardContent content, int? expectedVersion, CancellationToken ct = default)
    {
        var card = await db.Cards.Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == cardId, ct);
        if (card is null || !actor.CanView(card))
        {
            return NotFound();
        }

        var seenVersion = card.Version;
        var result = card.Edit(actor, content, time.GetUtcNow());
        if (!result.Ok)
        {
            db.ChangeTracker.Clear();
            return Refusal(result, card);
        }

        if (card.TemplateId is { } templateId)
        {
            card.RefreshOverrides(await db.Cards.AsNoTracking().Where(c => c.Id == templateId).Select(c => c.Content).SingleAsync(ct));
        }

        if ((expectedVersion is { } v && v != seenVersion) || !await SaveAsync(ct))
        {
            db.ChangeTracker.Clear();
            var current = await db.Cards.AsNoTracking().Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == cardId, ct);
            return current is null ? NotFound() : Conflict(current);
        }

        return new WorkflowOutcome(WorkflowOutcomeKind.Done, null, card);
    }

    /// <summary>Replies to the reviewer's comments on a card and marks them resolved (<see cref="ServiceCard.Answer"/> has
    /// the rule). Answers without a reply or a resolution are skipped.</summary>
    public async Task<WorkflowOutcome> AnswerCommentsAsync(int cardId, Actor actor, IReadOnlyList<CommentAnswer> answers, CancellationToken ct = default)
    {
        var card = await db.Cards.SingleOrDefaultAsync(c => c.Id == cardId, ct);
        if (card is null || !actor.CanView(card))
        {
            return NotFound();
        }

        var wanted = answers.Where(a => a.Resolve || !string.IsNullOrWhiteSpace(a.Reply)).ToList();
        var ids = wanted.Select(a => a.CommentId).ToList();
        var comments = await db.ReviewComments.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var now = time.GetUtcNow();
        foreach (var answer in wanted)
        {
            var result = comments.TryGetValue(answer.CommentId, out var comment)
                ? card.Answer(actor, comment, answer.Reply, answer.Resolve, now)
                : WorkflowResult.Refused("این توضیح پیدا نشد.");
            if (!result.Ok)
            {
                db.ChangeTracker.Clear();
                return Refusal(result, card);
            }
        }

        await db.SaveChangesAsync(ct);
        return new WorkflowOutcome(WorkflowOutcomeKind.Done, null, card);
    }

    private static WorkflowOutcome NotFound() => new(WorkflowOutcomeKind.NotFound, "شناسنامه پیدا نشد.", null);

    private static WorkflowOutcome Refusal(WorkflowResult result, ServiceCard card) =>
        new(result.Forbidden ? WorkflowOutcomeKind.Forbidden : WorkflowOutcomeKind.Refused, result.Reason, card);

    /// <summary>A new draft card (not yet added): content (an instance of <paramref name="template"/> when given), agency
    /// and province, and its audit entry.</summary>
    private static ServiceCard Draft(Agency agency, CardContent content, Actor actor, string auditAction, DateTimeOffset now, ServiceCard? template = null)
    {
        var card = template is null ? ServiceCard.NewDraft(agency.Id, content, now, actor.Name)
            : ServiceCard.NewInstanceFromEntry(agency.Id, template, content, now, actor.Name);
        card.Province = agency.Province;
        card.RecordCreated(actor, now, auditAction);
        return card;
    }
}

/// <summary>An answer to one review comment: a reply, and/or resolved.</summary>
public sealed record CommentAnswer(long CommentId, string? Reply, bool Resolve);
