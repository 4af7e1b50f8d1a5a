using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Web.Pages.Catalog;

/// <summary>The public list of published services.</summary>
public sealed class IndexModel(RegistryDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<Row> Services { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var cards = db.Cards.AsNoTracking().Where(c => c.Status == CardStatus.Published);
        var q = PersianText.Normalize(Query);
        if (q.Length > 0)
        {
            cards = cards.Where(c => c.SearchText.Contains(q));
        }

        var rows = await cards
            .OrderBy(c => c.Title)
            .Select(c => new { c.Id, c.Title, Agency = c.Agency!.Name, c.Agency.Province, c.ServiceId, c.Content })
            .ToListAsync(ct);
        Services = rows.Select(r => new Row(r.Id, r.Title, r.Agency, r.Province, r.ServiceId, r.Content.ServiceTypes)).ToList();
    }

    public sealed record Row(int Id, string Title, string Agency, string? Province, string? ServiceId, IReadOnlyList<ServiceType> Types);
}
