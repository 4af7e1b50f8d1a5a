using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Templates;

/// <summary>
/// An instance's answer to a change of its national template: each changed part side by side (the template's new
/// text, the card's own), and one action that takes the template's text for the ticked parts and keeps the card's
/// own for the others (<see cref="ServiceCard.AnswerTemplateChange"/> has the rule; both are audited).
/// </summary>
[Authorize(Policy = Auth.StaffPolicy)]
public sealed class ChangeModel(RegistryDbContext db, CardWorkflow workflow) : PageModel
{
    /// <summary>One changed part: the template's fields and the card's, and whether the card had overridden it.</summary>
    public sealed record PartChange(string Key, string Path, string Label, IReadOnlyList<CardField> Template, IReadOnlyList<CardField> Own, bool Overridden);

    public ServiceCard Card { get; private set; } = null!;
    public ServiceCard Template { get; private set; } = null!;
    public IReadOnlyList<PartChange> Parts { get; private set; } = [];

    /// <summary>The parts (JSON paths) whose template text the editor takes.</summary>
    [BindProperty]
    public List<string> Accept { get; set; } = [];

    [BindProperty]
    public int? Version { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        var card = await db.Cards.AsNoTracking().Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (card is null || !actor.CanView(card))
        {
            return NotFound();
        }

        var check = card.CanAnswerTemplateChange(actor);
        if (check.Forbidden)
        {
            return Forbid();
        }

        if (!check.Ok)
        {
            TempData["Flash"] = check.Reason;
            return Redirect($"/cards/{id}");
        }

        Card = card;
        Template = await db.Cards.AsNoTracking().Include(c => c.Agency).SingleAsync(c => c.Id == card.TemplateId, ct);
        var overridden = card.Overrides;
        Parts = card.ChangedParts.Select(TemplateParts.Find).OfType<TemplatePart>()
            .Select(p => new PartChange(p.Key, p.Path, p.Label, Fields(Template.Content, p), Fields(card.Content, p), overridden.Contains(p.Path)))
            .ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var outcome = await workflow.AnswerTemplateChangeAsync(id, HttpContext.GetActor(), Accept, Version, ct);
        switch (outcome.Kind)
        {
            case WorkflowOutcomeKind.Done:
                TempData["Flash"] = Accept.Count == 0 ? "متن خود شناسنامه نگه داشته شد." : "متن تازه الگو در شناسنامه نشست.";
                return Redirect($"/cards/{id}");
            case WorkflowOutcomeKind.NotFound:
                return NotFound();
            case WorkflowOutcomeKind.Forbidden:
                return Forbid();
            default:
                TempData["Flash"] = outcome.Reason;
                return Redirect($"/cards/{id}");
        }
    }

    /// <summary>The fields of one part, as people read them (empty ones left out).</summary>
    private static List<CardField> Fields(CardContent content, TemplatePart part) =>
        CardFields.Leaves(content).Where(f => f.Path == part.Path || f.Path.StartsWith(part.Path + ".", StringComparison.Ordinal)
            || f.Path.StartsWith(part.Path + "[", StringComparison.Ordinal)).ToList();
}
