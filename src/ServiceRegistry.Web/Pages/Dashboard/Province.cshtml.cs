using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Pages.Dashboard;

/// <summary>A province's dashboard: the published services of the agencies of the province.</summary>
public sealed class ProvinceModel(Core.Statistics.Dashboard dashboard, TimeProvider time, RegistryDbContext db) : DashboardPageModel(dashboard, time)
{
    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => WorkbookAsync(ct);

    protected override Task<(string Title, string Kind, string Path, CatalogFilter Filter)?> ScopeAsync(CatalogFilter filter, CancellationToken ct) =>
        ScopeOfAsync(db, RouteData.Values["name"] as string, filter, ct);

    /// <summary>A province known to the registry (some agency is in it); null otherwise.</summary>
    internal static async Task<(string Title, string Kind, string Path, CatalogFilter Filter)?> ScopeOfAsync(RegistryDbContext db, string? name, CatalogFilter filter, CancellationToken ct)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || !await db.Agencies.AnyAsync(a => a.Province == name, ct))
        {
            return null;
        }

        return ($"داشبورد استان {name}", "province", "/dashboard/province/" + Uri.EscapeDataString(name), filter with { Province = name });
    }
}
