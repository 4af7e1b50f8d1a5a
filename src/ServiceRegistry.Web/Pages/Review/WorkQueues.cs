using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Web.Pages.Review;

/// <summary>A person's work queues (کارتابل), written once for the page and for the count in the header: which cards
/// each queue holds (who sees what is <see cref="Actor"/>'s rule; a queue only picks a status), and whether it waits for
/// this person's action (counted in the header) or only shows where their cards are.</summary>
public static class WorkQueues
{
    public sealed record Definition(string Key, string Title, string Empty, bool Waiting, IQueryable<ServiceCard> Cards);

    public static IReadOnlyList<Definition> For(Actor actor, RegistryDbContext db)
    {
        var mine = db.Cards.Where(actor.InReach());
        var queues = new List<Definition>();
        if (actor.IsAgencyStaff)
        {
            queues.Add(new("drafts", "پیش‌نویس‌های من", "پیش‌نویسی ندارید.", false, mine.Where(c => c.Status == CardStatus.Draft)));
            queues.Add(new("returned", "برگشت‌خورده برای اصلاح", "شناسنامه برگشتی ندارید.", true, mine.Where(c => c.Status == CardStatus.Returned)));
            queues.Add(new("template", "الگوی ملی تغییر کرده است", "تغییر الگویی در انتظار پاسخ شما نیست.", true,
                mine.Where(c => c.TemplateChanges != null && c.Status != CardStatus.Archived)));
            queues.Add(new("submitted", "ارسال‌شده و در انتظار بررسی", "چیزی در انتظار بررسی نیست.", false, mine.Where(c => c.Status == CardStatus.Submitted)));
        }

        if (actor.IsReviewer || actor.IsAdmin)
        {
            queues.Add(new("review", "در انتظار بررسی من", "شناسنامه‌ای در انتظار بررسی شما نیست.", true,
                db.Cards.Where(actor.ReviewsProvince()).Where(c => c.Status == CardStatus.Submitted)));
        }

        if (actor.IsAdmin)
        {
            queues.Add(new("id", "در انتظار شناسه خدمت یا انتشار", "شناسنامه‌ای در انتظار شناسه یا انتشار نیست.", true,
                mine.Where(c => c.Status == CardStatus.IdIssued || c.Status == CardStatus.Approved)));
        }

        return queues;
    }

    /// <summary>How many cards wait for this person's action, over every queue that waits for them.</summary>
    public static async Task<int> WaitingAsync(Actor actor, RegistryDbContext db, CancellationToken ct)
    {
        var total = 0;
        foreach (var queue in For(actor, db).Where(q => q.Waiting))
        {
            total += await queue.Cards.CountAsync(ct);
        }

        return total;
    }
}
