using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Templates;

/// <summary>
/// The edit form's «بازنویسی محلی» and «بازگشت به متن الگو» buttons on an instance: one part taken to write locally,
/// or given back to the national template's text (<see cref="ServiceCard.OverridePart"/>, <see cref="ServiceCard.RevertPart"/>
/// have the rules; both audited). The form carries the version it was opened at: a card changed since is 409 with the
/// reason in Persian and a link to the form as it now stands.
/// </summary>
[Authorize(Policy = Auth.StaffPolicy)]
public sealed class PartModel(CardWorkflow workflow) : PageModel
{
    /// <summary>The part's key (or JSON path).</summary>
    [BindProperty]
    public string Part { get; set; } = "";

    /// <summary>The card's version the form was opened at.</summary>
    [BindProperty]
    public int? Version { get; set; }

    public int Id { get; private set; }

    /// <summary>Why nothing was stored (a conflict).</summary>
    public string? Reason { get; private set; }

    public int CurrentVersion { get; private set; }

    public IActionResult OnGet(int id) => Redirect($"/cards/{id}/edit");

    public async Task<IActionResult> OnPostOverrideAsync(int id, CancellationToken ct) =>
        Answer(id, await workflow.OverridePartAsync(id, HttpContext.GetActor(), Part, Version, ct),
            label => $"«{label}» بازنویسی محلی شد: متن الگو برای شروع در فرم است و می‌توانید آن را ویرایش و ذخیره کنید.");

    public async Task<IActionResult> OnPostRevertAsync(int id, CancellationToken ct) =>
        Answer(id, await workflow.RevertPartAsync(id, HttpContext.GetActor(), Part, Version, ct),
            label => $"«{label}» به متن الگوی ملی برگشت.");

    private IActionResult Answer(int id, WorkflowOutcome outcome, Func<string, string> done)
    {
        Id = id;
        switch (outcome.Kind)
        {
            case WorkflowOutcomeKind.Done:
                TempData["Flash"] = done(TemplateParts.Find(Part)!.Label);
                return Redirect($"/cards/{id}/edit#part-{TemplateParts.Find(Part)!.Key}");
            case WorkflowOutcomeKind.NotFound:
                return NotFound();
            case WorkflowOutcomeKind.Forbidden:
                return Forbid();
            case WorkflowOutcomeKind.Conflict:
                Reason = outcome.Reason;
                CurrentVersion = outcome.Card!.Version;
                var page = Page();
                page.StatusCode = StatusCodes.Status409Conflict;
                return page;
            default:
                TempData["Flash"] = outcome.Reason;
                return Redirect($"/cards/{id}/edit");
        }
    }
}
