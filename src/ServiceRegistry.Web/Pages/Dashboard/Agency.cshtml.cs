using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Pages.Dashboard;

/// <summary>An agency's dashboard: the agency's own published services (not those of agencies under it).</summary>
public sealed class AgencyModel(Core.Statistics.Dashboard dashboard, TimeProvider time, RegistryDbContext db) : DashboardPageModel(dashboard, time)
{
    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => WorkbookAsync(ct);

    protected override async Task<(string Title, string Kind, string Path, CatalogFilter Filter)?> ScopeAsync(CatalogFilter filter, CancellationToken ct)
    {
        var id = int.Parse((string)RouteData.Values["id"]!, System.Globalization.CultureInfo.InvariantCulture);
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return agency is null ? null : ($"داشبورد {agency.Name}", "agency", $"/dashboard/agency/{id}", filter with { Agency = id });
    }
}
