using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Catalog;

/// <summary>A published card as an A4 PDF: the card page printed by headless Chromium.</summary>
public sealed class ServicePdfModel(RegistryDbContext db, CardPdf pdf, ILogger<ServicePdfModel> logger) : PageModel
{
    public string PrintUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await ServiceModel.FindPublishedAsync(db, id, ct) is not { } card)
        {
            return NotFound();
        }

        PrintUrl = $"/services/{id}?print=true";
        return await CardPdfResult.CreateAsync(this, pdf, card, logger, ct);
    }
}
