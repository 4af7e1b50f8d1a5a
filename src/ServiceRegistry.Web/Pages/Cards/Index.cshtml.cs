using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards;

/// <summary>The staff's list of cards, with status and completeness.</summary>
public sealed class IndexModel(RegistryDbContext db) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var visible = db.Cards.AsNoTracking().Where(HttpContext.GetActor().InReach());
        var cards = await visible
            .OrderByDescending(c => c.UpdatedAt)
            .Select(c => new { c.Id, c.Title, Agency = c.Agency!.Name, c.Status, c.UpdatedAt, c.Content })
            .ToListAsync(ct);
        Rows = cards.Select(c => new Row(c.Id, c.Title, c.Agency, c.Status, c.UpdatedAt, c.Content.Completeness().Percent)).ToList();
    }

    public sealed record Row(int Id, string Title, string Agency, CardStatus Status, DateTime UpdatedAt, int Percent);
}
