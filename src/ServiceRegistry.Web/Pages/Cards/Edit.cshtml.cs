using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Web.Infrastructure;
using ServiceRegistry.Web.Pages.Review;

namespace ServiceRegistry.Web.Pages.Cards;

/// <summary>
/// Edits a card's content. The form carries the version it was opened at; a save over a newer version is refused
/// (optimistic concurrency on <see cref="ServiceCard.Version"/>) and the user chooses to look at the newer one or
/// to save over it knowingly.
/// </summary>
public sealed class EditModel(RegistryDbContext db, CardWorkflow workflow) : CardFormPageModel
{
    [BindProperty]
    public int Version { get; set; }

    /// <summary>Set by the conflict box's button: save over this (newer) version on purpose.</summary>
    [BindProperty]
    public int? OverwriteVersion { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public string StoredTitle { get; private set; } = "";
    public string AgencyName { get; private set; } = "";
    public CardStatus Status { get; private set; }
    public int? NewerVersion { get; private set; }

    /// <summary>On a stale save of an instance whose national template changed since: why (Persian), answered first.</summary>
    public string? TemplateConflict { get; private set; }

    /// <summary>The reviewer's comments still open, shown above the form and beside their fields.</summary>
    public CommentThreads? Threads { get; private set; }
    private string? _serviceId;

    public override string? ServiceId => _serviceId;

    public override string CancelUrl => $"/cards/{Id}";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var open = await workflow.OpenForEditAsync(id, HttpContext.GetActor(), ct);
        if (Refusal(open) is { } refusal)
        {
            return refusal;
        }

        Card = CardJson.Clone(open.Card!.Content);
        Version = open.Card.Version;
        Show(open.Card);
        await LoadCommentsAsync(open.Card, ct);
        Describe();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        var open = await workflow.OpenForEditAsync(id, actor, ct);
        if (Refusal(open) is { } refusal)
        {
            return refusal;
        }

        Show(open.Card!);
        await LoadCommentsAsync(open.Card!, ct);
        Card = Templates.InheritedParts.Keep(open.Card!, Card, ModelState);
        if (!CheckPostedCard())
        {
            return Page();
        }

        var saved = await workflow.SaveContentAsync(id, actor, Card, OverwriteVersion ?? Version, ct);
        if (saved.Kind == WorkflowOutcomeKind.Conflict)
        {
            NewerVersion = saved.Card!.Version;
            TemplateConflict = saved.Card.TemplateChangedSince(OverwriteVersion ?? Version);
            ModelState.Remove(nameof(Version));
            ModelState.Remove(nameof(OverwriteVersion));
            Describe();
            return Page();
        }

        if (Refusal(saved) is { } refused)
        {
            return refused;
        }

        TempData["Flash"] = $"تغییرات ذخیره شد (نسخه {Infrastructure.Fa.Number(saved.Card!.Version)}).";
        return RedirectToPage("/Cards/Details", new { id });
    }

    protected override async Task PrepareAsync(CancellationToken ct)
    {
        var card = await db.Cards.AsNoTracking().Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == Id, ct);
        if (card is not null)
        {
            Show(card);
            await LoadCommentsAsync(card, ct);
            Card = Templates.InheritedParts.Keep(card, Card, ModelState);
        }
    }

    /// <summary>The page's answer when the workflow did not let the edit go ahead (the rule is ServiceCard.CanEdit):
    /// not found, forbidden, or back to the card with the reason; null when it did.</summary>
    private IActionResult? Refusal(WorkflowOutcome outcome)
    {
        switch (outcome.Kind)
        {
            case WorkflowOutcomeKind.Done:
                return null;
            case WorkflowOutcomeKind.NotFound:
                return NotFound();
            case WorkflowOutcomeKind.Forbidden:
                return Forbid();
            default:
                TempData["Flash"] = outcome.Reason;
                return RedirectToPage("/Cards/Details", new { id = outcome.Card!.Id });
        }
    }

    private async Task LoadCommentsAsync(ServiceCard card, CancellationToken ct)
    {
        Threads = await CommentThreads.LoadAsync(db, card, HttpContext.GetActor(), "edit", openOnly: true, ct);
        ViewData[CardFormNames.CommentsKey] = Threads.ByField();
    }

    private void Show(ServiceCard card)
    {
        Id = card.Id;
        StoredTitle = card.Title;
        AgencyName = card.Agency?.Name ?? "";
        Status = card.Status;
        _serviceId = card.ServiceId;
        Templates.InheritedParts.Mark(ViewData, card); // an instance's form marks each part (Pages/Templates)
    }
}
