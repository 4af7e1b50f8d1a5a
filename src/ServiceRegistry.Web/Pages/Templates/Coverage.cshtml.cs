using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRegistry.Core.Templates;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Templates;

/// <summary>The province × template matrix: for every published national template, whether each province has a
/// published instance, a draft, or none (the public sees published ones only); for a provincial reviewer, the
/// templates still missing in their province.</summary>
public sealed class CoverageModel(TemplateCoverage coverage) : PageModel
{
    public const int PageSize = 50;

    public CoverageMatrix Matrix { get; private set; } = null!;

    /// <summary>For a provincial reviewer: their province and the templates without a published instance there.</summary>
    public string? Province { get; private set; }
    public IReadOnlyList<(int Id, string Title, bool Draft)> Missing { get; private set; } = [];

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        Matrix = await coverage.MatrixAsync(actor, Math.Max(1, PageNumber), PageSize, ct);
        if (actor.IsReviewer && !string.IsNullOrWhiteSpace(actor.Province))
        {
            Province = actor.Province;
            Missing = await coverage.MissingInAsync(actor.Province, actor, ct);
        }

        return Page();
    }
}
