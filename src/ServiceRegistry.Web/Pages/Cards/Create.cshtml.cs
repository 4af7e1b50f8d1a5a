using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Pages.Cards;

/// <summary>A new card, saved as a draft of the chosen agency (see <see cref="AgencyChoice"/>).</summary>
public sealed class CreateModel(RegistryDbContext db, TimeProvider time) : CardFormPageModel
{
    [BindProperty]
    public int? AgencyId { get; set; }

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    public override string CancelUrl => "/cards";

    /// <summary>The agency select stands for the provider's agency field.</summary>
    protected override IReadOnlySet<string> ProblemsShownElsewhere { get; } = new HashSet<string> { "$.provider.agency" };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Describe();
        await PrepareAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (agency, problem) = await AgencyChoice.ResolveAsync(db, AgencyId, ct);
        if (agency is null)
        {
            ModelState.AddModelError(AgencyChoice.Field, problem!);
        }
        else
        {
            Card.Provider ??= new Provider();
            Card.Provider.Agency = agency.Name;
        }

        if (!CheckPostedCard() || agency is null)
        {
            await PrepareAsync(ct);
            return Page();
        }

        var card = ServiceCard.NewDraft(agency.Id, Card, time.GetUtcNow());
        db.Cards.Add(card);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "شناسنامه به صورت پیش‌نویس ذخیره شد.";
        return RedirectToPage("/Cards/Details", new { id = card.Id });
    }

    protected override async Task PrepareAsync(CancellationToken ct) =>
        Agencies = await AgencyChoice.OptionsAsync(db, AgencyId, ct);
}
