using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Feedback;

namespace ServiceRegistry.Web.Pages.Catalog;

/// <summary>
/// A published service in plain words for the person who needs it (what it is, who can get it, what to bring, what it
/// costs, the steps, how long, where to go — online first), with the official form one link away, and the form
/// «گزارش اشکال این صفحه» whose reports reach the card's agency (<see cref="FeedbackInbox"/>). Spam is kept out without
/// any outside service: a hidden field people never fill, a signed stamp of when the form was shown (a report sooner
/// than <see cref="MinimumFillTime"/> after, or a day later, is refused), and a limit per client in the database.
/// </summary>
public sealed class GuideModel(RegistryDbContext db, FeedbackInbox inbox, IDataProtectionProvider protection, TimeProvider time) : PageModel
{
    public static readonly TimeSpan MinimumFillTime = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MaximumFillTime = TimeSpan.FromDays(1);

    public ServiceCard Card { get; private set; } = null!;

    [BindProperty]
    public FeedbackForm Form { get; set; } = new();

    /// <summary>Shown after a report was received (Post/Redirect/Get).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Sent { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await ServiceModel.FindPublishedAsync(db, id, ct) is not { } card)
        {
            return NotFound();
        }

        Card = card;
        Form = new FeedbackForm { Stamp = Stamp(id) };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        if (await ServiceModel.FindPublishedAsync(db, id, ct) is not { } card)
        {
            return NotFound();
        }

        Card = card;
        if (!string.IsNullOrEmpty(Form.Website))
        {
            // Only a robot fills the hidden field: it is told "received", and nothing is stored.
            return Redirect($"/services/{id}/guide?sent=true#feedback");
        }

        var age = StampAge(id, Form.Stamp);
        if (ModelState.IsValid && age is null)
        {
            ModelState.AddModelError(nameof(Form) + "." + nameof(Form.Stamp), "این فرم کهنه شده است؛ صفحه را دوباره باز کنید و گزارش را بفرستید.");
        }
        else if (ModelState.IsValid && age < MinimumFillTime)
        {
            ModelState.AddModelError(nameof(Form) + "." + nameof(Form.Stamp), "گزارش خیلی زود فرستاده شد؛ چند لحظه بعد دوباره بفرستید.");
        }

        if (ModelState.IsValid)
        {
            var outcome = await inbox.SubmitAsync(id, Form.Text!, Form.Contact, HttpContext.Connection.RemoteIpAddress?.ToString(), ct);
            if (outcome == FeedbackInbox.Outcome.Saved)
            {
                return Redirect($"/services/{id}/guide?sent=true#feedback");
            }

            ModelState.AddModelError(string.Empty, $"از این دستگاه در یک ساعت گذشته {Infrastructure.Fa.Number(FeedbackInbox.PerClient)} گزارش رسیده است؛ لطفاً بعداً دوباره بفرستید.");
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }

        Form.Stamp = Stamp(id);
        return Page();
    }

    private IDataProtector Protector => protection.CreateProtector("ServiceRegistry.Feedback.Stamp");

    private string Stamp(int id) =>
        Protector.Protect(FormattableString.Invariant($"{id}|{time.GetUtcNow().ToUnixTimeMilliseconds()}"));

    /// <summary>How long ago the form was shown, or null when the stamp is missing, forged, for another page or too old.</summary>
    private TimeSpan? StampAge(int id, string? stamp)
    {
        try
        {
            var parts = Protector.Unprotect(stamp ?? "").Split('|');
            if (parts.Length != 2 || parts[0] != id.ToString(CultureInfo.InvariantCulture) || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var ms))
            {
                return null;
            }

            var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return age > MaximumFillTime ? null : age;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public sealed class FeedbackForm
    {
        [Display(Name = "چه اشکالی در این صفحه دیدید؟")]
        [Required(ErrorMessage = "متن گزارش را بنویسید.")]
        [StringLength(CitizenFeedback.MaxText, MinimumLength = 10, ErrorMessage = "متن گزارش باید دست‌کم ۱۰ و حداکثر ۲۰۰۰ نویسه باشد.")]
        public string? Text { get; set; }

        [Display(Name = "ایمیل یا شماره تلفن برای پاسخ (اختیاری)")]
        [StringLength(CitizenFeedback.MaxContact, ErrorMessage = "راه تماس حداکثر ۲۰۰ نویسه است.")]
        [RegularExpression(@"^\s*([^@\s]+@[^@\s]+\.[^@\s]+|[+۰-۹0-9][۰-۹0-9\s\-]{6,})\s*$", ErrorMessage = "راه تماس باید یک ایمیل یا شماره تلفن باشد.")]
        public string? Contact { get; set; }

        /// <summary>Hidden from people (and from assistive technology); robots fill it.</summary>
        public string? Website { get; set; }

        public string? Stamp { get; set; }
    }
}
