using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards;

/// <summary>A card of any status as the staff see it: the official layout, its completeness, edit, print and PDF.</summary>
public sealed class DetailsModel(RegistryDbContext db, CardPdf pdf) : PageModel
{
    public ServiceCard Card { get; private set; } = null!;

    public CardCompleteness Completeness => Card.Content.Completeness();

    [BindProperty(SupportsGet = true)]
    public bool Print { get; set; }

    public CardToolbar Toolbar => new($"/cards/{Card.Id}?print=true", $"/cards/{Card.Id}/pdf", pdf.IsAvailable);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await FindAsync(db, HttpContext.GetActor(), id, ct) is not { } card)
        {
            return NotFound();
        }

        Card = card;
        return Page();
    }

    /// <summary>The card when <paramref name="actor"/> may see it, otherwise null (shown as "not found").</summary>
    public static async Task<ServiceCard?> FindAsync(RegistryDbContext db, Actor actor, int id, CancellationToken ct) =>
        await db.Cards.AsNoTracking().Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == id, ct) is { } card && actor.CanView(card) ? card : null;
}
