using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceRegistry.Web.Pages.Dashboard;

/// <summary>The quarterly figures of the nation, a province (?province=) or an agency (?agency=), on a page of their
/// own linked from each dashboard: summing every return is far slower than the declared-readiness views, which keep
/// their speed (docs/benchmarks.md).</summary>
public sealed class QuartersModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Province { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Agency { get; set; }

    public string DashboardUrl => Agency is { } id ? $"/dashboard/agency/{id}"
        : string.IsNullOrWhiteSpace(Province) ? "/dashboard" : "/dashboard/province/" + Uri.EscapeDataString(Province.Trim());

    public void OnGet() => Province = string.IsNullOrWhiteSpace(Province) ? null : Province.Trim();
}
