using Microsoft.AspNetCore.Mvc;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards;

/// <summary>A new card, saved as a draft of the chosen agency (see <see cref="AgencyChoice"/>).</summary>
public sealed class CreateModel(RegistryDbContext db, CardWorkflow workflow) : NewCardPageModel
{
    public override string CancelUrl => "/cards";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!HttpContext.GetActor().MayCreate)
        {
            return Forbid();
        }

        AgencyId ??= AgencyChoice.Default(HttpContext.GetActor());
        Describe();
        await PrepareAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        if (!actor.MayCreate)
        {
            return Forbid();
        }

        var agency = await ChooseAgencyAsync(db, actor, ct);
        if (!CheckPostedCard() || agency is null || !await CheckSameServiceAsync(db, agency.Id, ct))
        {
            await PrepareAsync(ct);
            return Page();
        }

        // A card the agency already has is saved again only by the person's explicit choice, audited on the new card.
        var outcome = Same is null
            ? await workflow.CreateDraftAsync(agency, Card, actor, ct: ct)
            : await workflow.CreateDuplicateDraftAsync(agency, Card, actor, Same, ct: ct);
        if (!outcome.Ok)
        {
            return Forbid();
        }

        TempData["Flash"] = "شناسنامه به صورت پیش‌نویس ذخیره شد.";
        return RedirectToPage("/Cards/Details", new { id = outcome.Card!.Id });
    }

    protected override async Task PrepareAsync(CancellationToken ct)
    {
        await LoadAgenciesAsync(db, ct);
        await FindSameAsync(db, ct);
    }
}
