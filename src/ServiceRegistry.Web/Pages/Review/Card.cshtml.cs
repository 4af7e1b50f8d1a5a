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
    public IReadOnlyList<ReviewComment> Comments { get; private set; } = [];
    public IReadOnlyList<WorkflowAction> Allowed { get; private set; } = [];
    public ServiceCard? OpenRevision { get; private set; }
    public Actor Actor { get; private set; } = Core.Cards.Actor.Anonymous;

    [BindProperty]
    public int Version { get; set; }

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

    public Task<IActionResult> OnPostReturnAsync(int id, CancellationToken ct) => RunAsync(id, WorkflowAction.Return, ct);

    private async Task<IActionResult> RunAsync(int id, WorkflowAction action, CancellationToken ct)
    {
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
                return Redirect($"/review/{outcome.Card!.Id}");
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
        Comments = await db.ReviewComments.AsNoTracking().Where(c => c.CardId == id).OrderByDescending(c => c.At).ThenBy(c => c.Id).ToListAsync(ct);
        OpenRevision = await db.Cards.AsNoTracking().FirstOrDefaultAsync(c => c.RevisionOfId == id && c.Status != CardStatus.Archived, ct);
        Allowed = AllowedActions(card, Actor);
        return true;
    }

    /// <summary>The buttons to show: each step whose rule would let this person take it now.</summary>
    private static List<WorkflowAction> AllowedActions(ServiceCard card, Actor actor)
    {
        var allowed = new List<WorkflowAction>();
        var staff = actor.IsEditorOf(card) || actor.IsHeadOf(card);
        if (staff && card.IsEditable)
        {
            allowed.Add(WorkflowAction.Submit);
        }

        if (card.Status == CardStatus.Submitted && (actor.ReviewsProvinceOf(card) || actor.IsAdmin))
        {
            allowed.Add(WorkflowAction.Return);
            allowed.Add(WorkflowAction.Approve);
        }

        if (card.CanIssueServiceId(actor).Ok)
        {
            allowed.Add(WorkflowAction.IssueServiceId);
        }

        if (actor.IsAdmin && (card.Status == CardStatus.IdIssued || (card.Status == CardStatus.Approved && card.RevisionOfId is not null)))
        {
            allowed.Add(WorkflowAction.Publish);
        }

        if (staff && card.Status == CardStatus.Published)
        {
            allowed.Add(WorkflowAction.Revise);
        }

        if ((actor.IsAdmin || actor.IsHeadOf(card)) && card.Status != CardStatus.Archived)
        {
            allowed.Add(WorkflowAction.Archive);
        }

        return allowed;
    }
}
