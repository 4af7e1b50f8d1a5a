using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Pages.Catalog;

/// <summary>One published card with all its fields.</summary>
public sealed class ServiceModel(RegistryDbContext db) : PageModel
{
    public ServiceCard Card { get; private set; } = null!;
    public CardContent C => Card.Content;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var card = await db.Cards.AsNoTracking().Include(c => c.Agency)
            .SingleOrDefaultAsync(c => c.Id == id && c.Status == CardStatus.Published, ct);
        if (card is null)
        {
            return NotFound();
        }

        Card = card;
        return Page();
    }
}
