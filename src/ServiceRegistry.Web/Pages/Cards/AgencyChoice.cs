using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Pages.Cards;

/// <summary>
/// Which agency a new card belongs to: the one place that decides it. Until sign-in exists the person creating the
/// card picks an agency of the registry (<c>_AgencyChoice.cshtml</c> draws the select); with sign-in this becomes
/// the signed-in user's agency and the select goes away.
/// </summary>
public static class AgencyChoice
{
    public const string Field = "AgencyId";

    /// <summary>The agencies a user may file a card under, by name.</summary>
    public static async Task<IReadOnlyList<SelectListItem>> OptionsAsync(RegistryDbContext db, int? selected, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, a.Province }).ToListAsync(ct);
        return agencies.Select(a => new SelectListItem(a.Province is null ? a.Name : $"{a.Name} ({a.Province})",
            a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Id == selected)).ToList();
    }

    /// <summary>The chosen agency, or null (with the reason) when none or an unknown one was chosen.</summary>
    public static async Task<(Agency? Agency, string? Problem)> ResolveAsync(RegistryDbContext db, int? agencyId, CancellationToken ct)
    {
        if (agencyId is not { } id)
        {
            return (null, "دستگاه اجرایی را انتخاب کنید.");
        }

        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, ct);
        return agency is null ? (null, "این دستگاه اجرایی در سامانه نیست؛ از فهرست انتخاب کنید.") : (agency, null);
    }
}
