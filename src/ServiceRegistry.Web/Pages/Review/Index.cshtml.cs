using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Review;

/// <summary>The work queues (کارتابل, <see cref="WorkQueues"/>): my drafts, returned to me, templates changed, waiting for my
/// review, waiting for an ID or publication.</summary>
public sealed class IndexModel(RegistryDbContext db) : PageModel
{
    public IReadOnlyList<Queue> Queues { get; private set; } = [];

    public sealed record Row(int Id, string Title, string Agency, CardStatus Status, DateTime UpdatedAt, bool IsRevision);

    public sealed record Queue(string Key, string Title, string Empty, IReadOnlyList<Row> Rows);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var queues = new List<Queue>();
        foreach (var q in WorkQueues.For(HttpContext.GetActor(), db))
        {
            queues.Add(new Queue(q.Key, q.Title, q.Empty, await RowsAsync(q.Cards, ct)));
        }

        Queues = queues;
    }

    private static async Task<IReadOnlyList<Row>> RowsAsync(IQueryable<ServiceCard> cards, CancellationToken ct) =>
        await cards.AsNoTracking().OrderByDescending(c => c.UpdatedAt).Take(200)
            .Select(c => new Row(c.Id, c.Title, c.Agency!.Name, c.Status, c.UpdatedAt, c.RevisionOfId != null))
            .ToListAsync(ct);
}
