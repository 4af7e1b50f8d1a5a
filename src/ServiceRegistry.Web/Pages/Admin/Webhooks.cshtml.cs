using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Feeds;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Admin;

/// <summary>Webhook subscriptions: the national office registers a receiver (address, secret shown once, kinds of change,
/// optionally one agency), pauses or resumes it, and sees each subscription's queue and the deliveries that fail, with
/// their last answer. Admin only (the /Admin folder's policy).</summary>
public sealed class WebhooksModel(RegistryDbContext db, ChangeFeed feed, WebhookAddresses addresses, WebhookSignal signal, TimeProvider time) : PageModel
{
    public IReadOnlyList<Row> Subscriptions { get; private set; } = [];
    public IReadOnlyList<Problem> Problems { get; private set; } = [];
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    /// <summary>The secret of the subscription just made, shown on this answer only.</summary>
    public string? NewSecret { get; private set; }

    [BindProperty]
    public NewSubscription Form { get; set; } = new();

    public sealed class NewSubscription
    {
        [Display(Name = "نام گیرنده")]
        public string Name { get; set; } = "";

        [Display(Name = "نشانی (URL)")]
        public string Url { get; set; } = "";

        [Display(Name = "راز امضا (خالی: ساخته می‌شود)")]
        public string? Secret { get; set; }

        [Display(Name = "رویدادها")]
        public List<PublicChangeKind> Kinds { get; set; } = [];

        [Display(Name = "دستگاه (خالی: همه دستگاه‌ها)")]
        public int? AgencyId { get; set; }
    }

    public sealed record Row(WebhookSubscription Subscription, string? Agency, int Pending, int Delivered, int Failed);

    public sealed record Problem(long Id, string Subscription, int CardId, long ChangeSeq, WebhookDeliveryStatus Status, int Attempts,
        DateTime? LastAttemptAt, DateTime NextAttemptAt, int? LastStatusCode, string? LastError);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Form.Kinds = [.. Enum.GetValues<PublicChangeKind>()];
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        foreach (var problem in WebhookSubscription.Problems(Form.Name, Form.Url, Form.Secret, Form.Kinds))
        {
            ModelState.AddModelError(string.Empty, problem);
        }

        if (ModelState.IsValid && await addresses.ProblemAsync(new Uri(Form.Url.Trim()), ct) is { } refused)
        {
            ModelState.AddModelError(string.Empty, refused);
        }

        if (Form.AgencyId is { } agencyId && !await db.Agencies.AnyAsync(a => a.Id == agencyId, ct))
        {
            ModelState.AddModelError(string.Empty, "دستگاه پیدا نشد.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var (subscription, secret) = WebhookSubscription.Create(
            Form.Name, new Uri(Form.Url.Trim()), Form.Secret, Form.Kinds, Form.AgencyId, await feed.EndAsync(ct), HttpContext.GetActor().Name, time.GetUtcNow());
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct);

        // Shown once, on this answer: a redirect would have to carry the secret in a cookie.
        NewSecret = secret;
        Form = new NewSubscription { Kinds = [.. Enum.GetValues<PublicChangeKind>()] };
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostToggleAsync(int id, CancellationToken ct)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, ct);
        if (subscription is null)
        {
            TempData["Flash"] = "این گیرنده پیدا نشد.";
            return RedirectToPage();
        }

        subscription.SetActive(!subscription.Active, await feed.EndAsync(ct));
        await db.SaveChangesAsync(ct);
        signal.Notify();
        TempData["Flash"] = subscription.Active ? $"ارسال به «{subscription.Name}» از سر گرفته شد." : $"ارسال به «{subscription.Name}» متوقف شد.";
        return RedirectToPage();
    }

    /// <summary>Sends a failed delivery once more, now (<see cref="WebhookDelivery.Retry"/>); audited. National administrators
    /// only: the /Admin folder's policy refuses anyone else before this runs.</summary>
    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken ct)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (delivery is null || !delivery.Retry(time.GetUtcNow()))
        {
            TempData["Flash"] = "این ارسال ناموفق نیست یا پیدا نشد؛ چیزی تغییر نکرد.";
            return RedirectToPage();
        }

        var subscription = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Id == delivery.SubscriptionId).Select(s => s.Name).SingleAsync(ct);
        var actor = HttpContext.GetActor();
        db.AuditEntries.Add(new AuditEntry(time.GetUtcNow(), actor.UserId, actor.Name, delivery.CardId, AuditActions.WebhookRetried,
            $"{subscription}: ارسال {delivery.Id}، تغییر {delivery.ChangeSeq}"));
        await db.SaveChangesAsync(ct);
        signal.Notify();
        TempData["Flash"] = $"ارسال به «{subscription}» دوباره در صف است و همین حالا فرستاده می‌شود.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);
        var names = Agencies.ToDictionary(a => a.Id, a => a.Name);
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        var counts = await db.WebhookDeliveries.GroupBy(d => new { d.SubscriptionId, d.Status })
            .Select(g => new { g.Key.SubscriptionId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        int Count(int id, WebhookDeliveryStatus status) => counts.FirstOrDefault(c => c.SubscriptionId == id && c.Status == status)?.Count ?? 0;
        Subscriptions = subscriptions.Select(s => new Row(s, s.AgencyId is { } a ? names.GetValueOrDefault(a) : null,
            Count(s.Id, WebhookDeliveryStatus.Pending), Count(s.Id, WebhookDeliveryStatus.Delivered), Count(s.Id, WebhookDeliveryStatus.Failed))).ToList();
        var subscriptionNames = subscriptions.ToDictionary(s => s.Id, s => s.Name);
        var problems = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == WebhookDeliveryStatus.Failed || (d.Status == WebhookDeliveryStatus.Pending && d.LastError != null))
            .OrderByDescending(d => d.Id).Take(100).ToListAsync(ct);
        Problems = problems.Select(d => new Problem(d.Id, subscriptionNames.GetValueOrDefault(d.SubscriptionId, "?"), d.CardId, d.ChangeSeq, d.Status,
            d.Attempts, d.LastAttemptAt, d.NextAttemptAt, d.LastStatusCode, d.LastError)).ToList();
    }
}
