using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards;

/// <summary>
/// A form that stores a new card (the new-card page, the review of an imported file): the agency select stands for
/// the provider's agency field, and the chosen agency must be one of the person's (<see cref="AgencyChoice"/>).
/// </summary>
public abstract class NewCardPageModel : CardFormPageModel
{
    [BindProperty]
    public int? AgencyId { get; set; }

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    /// <summary>What the card's source said about its agency, shown beside the select (an imported file's text).</summary>
    public string? AgencyAsWritten { get; protected set; }

    /// <summary>What to do when the card repeats one the agency has (<see cref="Same"/>): asked, never assumed.</summary>
    [BindProperty]
    public DuplicateChoice Duplicate { get; set; }

    /// <summary>The card of the chosen agency this one repeats (<see cref="SameService"/>), shown with a link; null when none.</summary>
    public ExistingCard? Same { get; protected set; }

    /// <summary>Whether the page can save into the existing card instead (the import review); else only «new anyway».</summary>
    public virtual bool OffersRevision => false;

    /// <summary>The agency select stands for the provider's agency field.</summary>
    protected override IReadOnlySet<string> ProblemsShownElsewhere { get; } = new HashSet<string> { "$.provider.agency" };

    /// <summary>The chosen agency, copied into the card's provider; null (with the error beside the select) when none or not one of the person's.</summary>
    protected async Task<Agency?> ChooseAgencyAsync(RegistryDbContext db, Actor actor, CancellationToken ct)
    {
        var (agency, problem) = await AgencyChoice.ResolveAsync(db, actor, AgencyId, ct);
        if (agency is null)
        {
            ModelState.AddModelError(AgencyChoice.Field, problem!);
            return null;
        }

        Card.Provider ??= new Provider();
        Card.Provider.Agency = agency.Name;
        return agency;
    }

    /// <summary>
    /// Looks for the card this one repeats in <paramref name="agencyId"/>; when there is one and no choice was posted
    /// (or a choice this page does not offer), the page must ask: false, with the error beside the choice.
    /// </summary>
    protected async Task<bool> CheckSameServiceAsync(RegistryDbContext db, int agencyId, CancellationToken ct)
    {
        Same = await SameService.FindAsync(db.Cards, agencyId, Card, ct);
        if (Same is null || Duplicate == DuplicateChoice.New || (Duplicate == DuplicateChoice.Revise && OffersRevision))
        {
            return true;
        }

        ModelState.AddModelError(nameof(Duplicate), $"این دستگاه شناسنامه‌ای با همین خدمت دارد (شناسنامه {Core.Text.PersianText.FormatNumber(Same.Id)}، «{Same.Title}»)؛ بگویید با آن چه کنیم.");
        Describe();
        return false;
    }

    /// <summary>The card this one repeats in the chosen agency, for redrawing the page (no choice is asked here).</summary>
    protected async Task FindSameAsync(RegistryDbContext db, CancellationToken ct) =>
        Same ??= AgencyId is { } id ? await SameService.FindAsync(db.Cards, id, Card, ct) : null;

    protected async Task LoadAgenciesAsync(RegistryDbContext db, CancellationToken ct) =>
        Agencies = await AgencyChoice.OptionsAsync(db, HttpContext.GetActor(), AgencyId, ct);
}
