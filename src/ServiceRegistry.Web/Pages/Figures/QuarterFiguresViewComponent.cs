using Microsoft.AspNetCore.Mvc;
using ServiceRegistry.Core.Figures;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Figures;

/// <summary>The dashboard's quarterly-figures section (nation, province, agency; the province report prints it as
/// tables): one line on each dashboard page, everything else here and in Core/Figures/FiguresDashboard.</summary>
public sealed class QuarterFiguresViewComponent(FiguresDashboard dashboard) : ViewComponent
{
    public sealed record Model(FiguresView View, bool Print);

    public async Task<IViewComponentResult> InvokeAsync(string? province, int? agency, bool print = false) =>
        View(new Model(await dashboard.ViewAsync(province, agency, HttpContext.GetActor(), HttpContext.RequestAborted), print));
}
