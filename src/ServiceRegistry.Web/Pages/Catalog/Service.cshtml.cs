using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Catalog;

/// <summary>One published card in the layout of the official form; <c>?print=true</c> shows it alone, for printing.</summary>
public sealed class ServiceModel(RegistryDbContext db, CardPdf pdf) : PageModel
{
    public ServiceCard Card { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public bool Print { get; set; }

    public CardToolbar Toolbar => new($"/services/{Card.Id}?print=true", $"/services/{Card.Id}/pdf", pdf.IsAvailable);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await FindPublishedAsync(db, id, ct) is not { } card)
        {
            return NotFound();
        }

        Card = card;
        return Page();
    }

    /// <summary>A published card with its agency, or null: the public sees nothing else.</summary>
    public static Task<ServiceCard?> FindPublishedAsync(RegistryDbContext db, int id, CancellationToken ct) =>
        db.Cards.AsNoTracking().Include(c => c.Agency)
            .SingleOrDefaultAsync(c => c.Id == id && c.Status == CardStatus.Published, ct);
}
