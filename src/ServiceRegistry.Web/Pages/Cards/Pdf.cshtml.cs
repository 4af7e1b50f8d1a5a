using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards;

/// <summary>A card of any status (drafts too) as an A4 PDF, for staff to print and have signed.</summary>
public sealed class PdfModel(RegistryDbContext db, CardPdf pdf, ILogger<PdfModel> logger) : PageModel
{
    public string PrintUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await DetailsModel.FindAsync(db, HttpContext.GetActor(), id, ct) is not { } card)
        {
            return NotFound();
        }

        PrintUrl = $"/cards/{id}?print=true";
        return await CardPdfResult.CreateAsync(this, pdf, card, logger, ct);
    }
}
