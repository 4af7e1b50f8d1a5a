using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>
/// Which agency a new card belongs to, as the forms and the API ask for it: the select lists the agencies the person
/// may file under (the rule is <see cref="Actor.MayFileUnder()"/>), preselected with their own.
/// </summary>
public static class AgencyChoice
{
    public const string Field = "AgencyId";

    /// <summary>The agencies a user may file a card under, by name.</summary>
    public static async Task<IReadOnlyList<SelectListItem>> OptionsAsync(RegistryDbContext db, Actor actor, int? selected, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().Where(actor.MayFileUnder()).OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, a.Province }).ToListAsync(ct);
        return agencies.Select(a => new SelectListItem(a.Province is null ? a.Name : $"{a.Name} ({a.Province})",
            a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Id == selected)).ToList();
    }

    /// <summary>The agency a new form starts with: the person's own.</summary>
    public static int? Default(Actor actor) => actor.IsAgencyStaff ? actor.AgencyId : null;

    /// <summary>The chosen agency, or null (with the reason) when none or an unknown one was chosen.</summary>
    public static async Task<(Agency? Agency, string? Problem)> ResolveAsync(RegistryDbContext db, Actor actor, int? agencyId, CancellationToken ct)
    {
        if (agencyId is not { } id)
        {
            return (null, "دستگاه اجرایی را انتخاب کنید.");
        }

        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Id == id, ct);
        return agency is null || !actor.MayFileUnder(agency)
            ? (null, "این دستگاه اجرایی در فهرست دستگاه‌های شما نیست؛ از فهرست انتخاب کنید.")
            : (agency, null);
    }
}
