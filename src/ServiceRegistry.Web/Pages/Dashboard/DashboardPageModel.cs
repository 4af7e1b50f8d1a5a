using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Statistics;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Dashboard;

/// <summary>What a dashboard page shows: the view's title and address, its figures, a page of services, and completeness
/// (null when the viewer may not see it).</summary>
public sealed record DashboardView(
    string Title, string Kind, string Path, ServiceQuery Query, DashboardFigures Figures, IReadOnlyList<ServiceRow> Services,
    int ServicesPage, bool MoreServices, IReadOnlyList<CompletenessRow>? Completeness, string GeneratedAt, bool IsSignedIn)
{
    /// <summary>This view's address with the current filters (and optionally a handler or another services page).</summary>
    public string Link(string? suffix = null, int? page = null) => Path + (suffix ?? "") + (Query with { Page = page, Sort = null, PageSize = null }).ToQueryString();

    /// <summary>This view's address with the current filters and a page handler (xlsx).</summary>
    public string HandlerLink(string handler)
    {
        var link = Link();
        return link + (link.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
    }
}

/// <summary>
/// The three dashboard views (nation, province, agency) share this: the catalog's filters from the query string, the
/// public figures of published cards, a page of services with their level and reasons, completeness for staff within
/// their reach (decided by <see cref="Core.Cards.Actor.InReach"/>), and the .xlsx download.
/// </summary>
public abstract class DashboardPageModel(Core.Statistics.Dashboard dashboard, TimeProvider time) : PageModel
{
    public const int ServicesPageSize = 50;

    /// <summary>The most services a workbook lists with their reasons.</summary>
    public const int WorkbookServices = 10_000;

    [BindProperty(SupportsGet = true, Name = "")]
    public ServiceQuery Query { get; set; } = new();

    public DashboardView View { get; private set; } = null!;

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The view's scope: its title, kind, address and the filter narrowed to it; null when it does not exist (404).</summary>
    protected abstract Task<(string Title, string Kind, string Path, CatalogFilter Filter)?> ScopeAsync(CatalogFilter filter, CancellationToken ct);

    protected async Task<IActionResult> ShowAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    protected async Task<bool> LoadAsync(CancellationToken ct)
    {
        var filter = Query.ToFilter(out var errors);
        Errors = errors;
        if (errors.Count > 0)
        {
            Query = new ServiceQuery { Q = Query.Q };
            filter = Query.ToFilter(out _);
        }

        if (await ScopeAsync(filter, ct) is not { } scope)
        {
            return false;
        }

        var page = Query.Page ?? 1;
        var figures = await dashboard.FiguresAsync(scope.Filter, ct);
        var services = await dashboard.ServicesAsync(scope.Filter, (page - 1) * ServicesPageSize, ServicesPageSize + 1, ct); // one more: is there a next page?
        var completeness = await dashboard.CompletenessAsync(scope.Filter, HttpContext.GetActor(), ct);
        View = new DashboardView(scope.Title, scope.Kind, scope.Path, Query, figures, services.Take(ServicesPageSize).ToList(), page,
            services.Count > ServicesPageSize, completeness, Fa.Date(time.GetUtcNow().UtcDateTime), HttpContext.GetActor().IsSignedIn);
        return true;
    }

    protected async Task<IActionResult> WorkbookAsync(CancellationToken ct)
    {
        var filter = Query.ToFilter(out var errors);
        if (errors.Count > 0)
        {
            return BadRequest();
        }

        if (await ScopeAsync(filter, ct) is not { } scope)
        {
            return NotFound();
        }

        var figures = await dashboard.FiguresAsync(scope.Filter, ct);
        var services = new List<ServiceRow>();
        while (services.Count < WorkbookServices)
        {
            var batch = await dashboard.ServicesAsync(scope.Filter, services.Count, 500, ct);
            services.AddRange(batch);
            if (batch.Count < 500)
            {
                break;
            }
        }

        var completeness = await dashboard.CompletenessAsync(scope.Filter, HttpContext.GetActor(), ct);
        var now = time.GetUtcNow().UtcDateTime;
        var buffer = new MemoryStream();
        DashboardWorkbook.Write(buffer, DashboardWorkbook.Sheets(scope.Title, Fa.Date(now), figures, services, completeness));
        return File(buffer.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Fa.FileName(scope.Title, now, "xlsx"));
    }

    protected static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
