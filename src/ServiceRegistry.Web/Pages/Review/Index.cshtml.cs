using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Review;

/// <summary>The work queues (کارتابل): my drafts, returned to me, waiting for my review, waiting for an ID or publication.</summary>
public sealed class IndexModel(RegistryDbContext db) : PageModel
{
    public IReadOnlyList<Queue> Queues { get; private set; } = [];

    public sealed record Row(int Id, string Title, string Agency, CardStatus Status, DateTime UpdatedAt, bool IsRevision);

    public sealed record Queue(string Key, string Title, string Empty, IReadOnlyList<Row> Rows);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        var mine = db.Cards.Where(actor.InReach()); // who sees what is Actor's rule; each queue only picks a status
        var queues = new List<Queue>();
        if (actor.IsAgencyStaff)
        {
            queues.Add(new Queue("drafts", "پیش‌نویس‌های من", "پیش‌نویسی ندارید.",
                await RowsAsync(mine.Where(c => c.Status == CardStatus.Draft), ct)));
            queues.Add(new Queue("returned", "برگشت‌خورده برای اصلاح", "شناسنامه برگشتی ندارید.",
                await RowsAsync(mine.Where(c => c.Status == CardStatus.Returned), ct)));
            queues.Add(new Queue("submitted", "ارسال‌شده و در انتظار بررسی", "چیزی در انتظار بررسی نیست.",
                await RowsAsync(mine.Where(c => c.Status == CardStatus.Submitted), ct)));
        }

        if (actor.IsReviewer || actor.IsAdmin)
        {
            queues.Add(new Queue("review", "در انتظار بررسی من", "شناسنامه‌ای در انتظار بررسی شما نیست.",
                await RowsAsync(db.Cards.Where(actor.ReviewsProvince()).Where(c => c.Status == CardStatus.Submitted), ct)));
        }

        if (actor.IsAdmin)
        {
            queues.Add(new Queue("id", "در انتظار شناسه خدمت یا انتشار", "شناسنامه‌ای در انتظار شناسه یا انتشار نیست.",
                await RowsAsync(mine.Where(c => c.Status == CardStatus.IdIssued || c.Status == CardStatus.Approved), ct)));
        }

        Queues = queues;
    }

    private static async Task<IReadOnlyList<Row>> RowsAsync(IQueryable<ServiceCard> cards, CancellationToken ct) =>
        await cards.AsNoTracking().OrderByDescending(c => c.UpdatedAt).Take(200)
            .Select(c => new Row(c.Id, c.Title, c.Agency!.Name, c.Status, c.UpdatedAt, c.RevisionOfId != null))
            .ToListAsync(ct);
}
