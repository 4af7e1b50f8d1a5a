using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Web.Pages.Review;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards;

/// <summary>A card of any status as the staff see it: the official layout, its completeness, edit, print and PDF.</summary>
public sealed class DetailsModel(RegistryDbContext db, CardPdf pdf, CardWorkflow workflow) : PageModel
{
    public ServiceCard Card { get; private set; } = null!;

    /// <summary>Whether the signed-in person may edit the card now (the card's rule).</summary>
    public bool MayEdit { get; private set; }

    /// <summary>The reviewer's comments not yet resolved.</summary>
    public int OpenComments { get; private set; }

    public CardActions Actions { get; private set; } = null!;

    /// <summary>A step waiting for confirmation (<c>?confirm=Approve</c>).</summary>
    [BindProperty(SupportsGet = true)]
    public WorkflowAction? Confirm { get; set; }

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

        var actor = HttpContext.GetActor();
        Card = card;
        MayEdit = card.CanEdit(actor).Ok;
        OpenComments = await db.ReviewComments.CountAsync(c => c.CardId == id, ct);
        Actions = new CardActions(card.Id, card.Version, actor.IsSignedIn ? WorkflowActions.For(card, actor, workflow.HasOpenRevision(id)) : [], Confirm, "cards");
        return Page();
    }

    /// <summary>The card when <paramref name="actor"/> may see it, otherwise null (shown as "not found").</summary>
    public static async Task<ServiceCard?> FindAsync(RegistryDbContext db, Actor actor, int id, CancellationToken ct) =>
        await db.Cards.AsNoTracking().Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == id, ct) is { } card && actor.CanView(card) ? card : null;
}
