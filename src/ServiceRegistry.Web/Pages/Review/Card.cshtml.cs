using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Review;

/// <summary>One card's place in the workflow: its state, the reviewer's comments, and the steps the signed-in person may take.</summary>
public sealed class CardModel(RegistryDbContext db, CardWorkflow workflow) : PageModel
{
    public ServiceCard Card { get; private set; } = null!;
    public string AgencyName { get; private set; } = "";
    public CommentThreads Threads { get; private set; } = null!;
    public IReadOnlyList<WorkflowAction> Allowed { get; private set; } = [];
    public ServiceCard? OpenRevision { get; private set; }
    public Actor Actor { get; private set; } = Core.Cards.Actor.Anonymous;

    [BindProperty]
    public int Version { get; set; }

    /// <summary>Set by the confirmation form: a step that cannot be taken back is only taken with it.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>The page the step was taken from ("cards": the card's home), to come back to.</summary>
    [BindProperty]
    public string? From { get; set; }

    /// <summary>A step waiting for confirmation (<c>?confirm=Approve</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public WorkflowAction? Confirm { get; set; }

    public CardActions Actions => new(Card.Id, Card.Version, Allowed, Confirm, "review");

    [BindProperty]
    public string? GeneralComment { get; set; }

    [BindProperty]
    public List<FieldComment> FieldComments { get; set; } = [];

    public sealed class FieldComment
    {
        public string? Field { get; set; }
        public string? Text { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken ct) => RunAsync(id, WorkflowAction.Submit, ct);

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken ct) => RunAsync(id, WorkflowAction.Approve, ct);

    public Task<IActionResult> OnPostIssueIdAsync(int id, CancellationToken ct) => RunAsync(id, WorkflowAction.IssueServiceId, ct);

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken ct) => RunAsync(id, WorkflowAction.Publish, ct);

    public Task<IActionResult> OnPostReviseAsync(int id, CancellationToken ct) => RunAsync(id, WorkflowAction.Revise, ct);

    public Task<IActionResult> OnPostArchiveAsync(int id, CancellationToken ct) => RunAsync(id, WorkflowAction.Archive, ct);

    [BindProperty]
    public long CommentId { get; set; }

    [BindProperty]
    public string? Reply { get; set; }

    [BindProperty]
    public bool Resolve { get; set; }

    /// <summary>A reply to one of the reviewer's comments, and/or (by the agency's staff) marking it resolved.</summary>
    public async Task<IActionResult> OnPostAnswerAsync(int id, CancellationToken ct)
    {
        var outcome = await workflow.AnswerCommentsAsync(id, HttpContext.GetActor(), [new CommentAnswer(CommentId, Reply, Resolve)], ct);
        switch (outcome.Kind)
        {
            case WorkflowOutcomeKind.NotFound:
                return NotFound();
            case WorkflowOutcomeKind.Forbidden:
                return Forbid();
            case WorkflowOutcomeKind.Done:
                TempData["Flash"] = "پاسخ ثبت شد.";
                return Redirect((From == "edit" ? $"/cards/{id}/edit" : $"/review/{id}") + "#comments");
            default:
                ModelState.AddModelError(string.Empty, outcome.Reason ?? "انجام نشد.");
                await LoadAsync(id, ct);
                return Page();
        }
    }

    /// <summary>As many field comments as the reviewer needs: the return form comes back with what was typed and one empty row more.</summary>
    public async Task<IActionResult> OnPostMoreRowsAsync(int id, CancellationToken ct)
    {
        ModelState.Clear();
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>Rows in the return form: what was typed, one empty row, at least three.</summary>
    public int CommentRows => Math.Max(3, FieldComments.Count + 1);

    public Task<IActionResult> OnPostReturnAsync(int id, CancellationToken ct) => RunAsync(id, WorkflowAction.Return, ct);

    private async Task<IActionResult> RunAsync(int id, WorkflowAction action, CancellationToken ct)
    {
        if (action.NeedsConfirmation() && !Confirmed)
        {
            // Who may act is decided first (as the step would); a permitted step is then asked to be confirmed.
            if (!await LoadAsync(id, ct))
            {
                return NotFound();
            }

            var check = WorkflowActions.Check(Card, action, Actor, OpenRevision is not null);
            if (check.Ok)
            {
                return Redirect($"{CardActions.HomeOf(id, From)}?confirm={action}#actions");
            }

            if (check.Forbidden)
            {
                return Forbid();
            }

            ModelState.AddModelError(string.Empty, check.Reason ?? "انجام نشد.");
            return Page();
        }

        var comments = action == WorkflowAction.Return
            ? FieldComments.Where(c => !string.IsNullOrWhiteSpace(c.Text)).Select(c => new ReviewComment(c.Field, c.Text!))
                .Prepend(new ReviewComment(null, GeneralComment ?? "")).ToList()
            : null;
        var outcome = await workflow.RunAsync(id, action, HttpContext.GetActor(), Version, comments, ct);
        switch (outcome.Kind)
        {
            case WorkflowOutcomeKind.NotFound:
                return NotFound();
            case WorkflowOutcomeKind.Forbidden:
                return Forbid();
            case WorkflowOutcomeKind.Done:
                TempData["Flash"] = $"«{Labels.Of(action)}» انجام شد.";
                return Redirect(CardActions.HomeOf(outcome.Card!.Id, From));
            default:
                ModelState.AddModelError(string.Empty, outcome.Reason ?? "انجام نشد.");
                await LoadAsync(id, ct);
                return Page();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var card = await db.Cards.AsNoTracking().Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == id, ct);
        Actor = HttpContext.GetActor();
        if (card is null || !Actor.CanView(card))
        {
            return false;
        }

        Card = card;
        Version = card.Version;
        AgencyName = card.Agency?.Name ?? "";
        Threads = await CommentThreads.LoadAsync(db, card, Actor, "review", openOnly: false, ct);
        OpenRevision = await db.Cards.AsNoTracking().FirstOrDefaultAsync(c => c.RevisionOfId == id && c.Status != CardStatus.Archived, ct);
        Allowed = WorkflowActions.For(card, Actor, OpenRevision is not null);
        return true;
    }
}
