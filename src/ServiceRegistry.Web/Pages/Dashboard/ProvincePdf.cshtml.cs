using Microsoft.AspNetCore.Mvc;
using Microsoft.Playwright;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Dashboard;

/// <summary>A province's printable report as an A4 PDF, printed by headless Chromium (the card PDF's machinery).</summary>
public sealed class ProvincePdfModel(Core.Statistics.Dashboard dashboard, TimeProvider time, RegistryDbContext db, CardPdf pdf, ILogger<ProvincePdfModel> logger)
    : DashboardPageModel(dashboard, time)
{
    public string PrintUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        PrintUrl = View.Link();
        if (pdf.IsAvailable)
        {
            try
            {
                var html = await this.RenderViewAsync("/Pages/Dashboard/_ProvinceReport.cshtml", View);
                var bytes = await pdf.RenderAsync(html, ct);
                var name = RouteData.Values["name"] as string ?? "";
                return new FileContentResult(bytes, "application/pdf") { FileDownloadName = FileName(name, HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime) };
            }
            catch (PlaywrightException ex)
            {
                logger.LogError(ex, "Chromium could not print the report of province {Name}", RouteData.Values["name"]);
            }
        }

        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return Page();
    }

    protected override Task<(string Title, string Kind, string Path, CatalogFilter Filter)?> ScopeAsync(CatalogFilter filter, CancellationToken ct) =>
        ProvinceModel.ScopeOfAsync(db, RouteData.Values["name"] as string, filter, ct);

    /// <summary>The report's file name: the province and the day it was printed (<see cref="Fa.FileName"/>).</summary>
    public static string FileName(string province, DateTime utc) => Fa.FileName($"گزارش آمادگی الکترونیکی استان {province}", utc, "pdf");
}
