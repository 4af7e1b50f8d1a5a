using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
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

    protected async Task LoadAgenciesAsync(RegistryDbContext db, CancellationToken ct) =>
        Agencies = await AgencyChoice.OptionsAsync(db, HttpContext.GetActor(), AgencyId, ct);
}
