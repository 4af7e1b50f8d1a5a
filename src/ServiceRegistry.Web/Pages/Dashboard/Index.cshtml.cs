using Microsoft.AspNetCore.Mvc;
using ServiceRegistry.Core.Catalog;

namespace ServiceRegistry.Web.Pages.Dashboard;

/// <summary>The nation's dashboard: every published service (narrowed by the catalog's filters).</summary>
public sealed class IndexModel(Core.Statistics.Dashboard dashboard, TimeProvider time) : DashboardPageModel(dashboard, time)
{
    public Task<IActionResult> OnGetAsync(CancellationToken ct) => ShowAsync(ct);

    public Task<IActionResult> OnGetXlsxAsync(CancellationToken ct) => WorkbookAsync(ct);

    protected override Task<(string Title, string Kind, string Path, CatalogFilter Filter)?> ScopeAsync(CatalogFilter filter, CancellationToken ct) =>
        Task.FromResult<(string, string, string, CatalogFilter)?>(("داشبورد ملی آمادگی الکترونیکی خدمات", "nation", "/dashboard", filter));
}
