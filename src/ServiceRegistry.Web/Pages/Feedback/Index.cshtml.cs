using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Feedback;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Feedback;

/// <summary>The agency's inbox of the public's reports (from each service's citizen page): agency staff see their
/// agencies' reports, the national office all; each gets a status and an answer. Reviewers have no inbox (403).</summary>
[Authorize(Policy = Auth.StaffPolicy)]
public sealed class IndexModel(RegistryDbContext db, TimeProvider time) : PageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<CitizenFeedback> Items { get; private set; } = [];

    /// <summary>Only the reports not yet answered (the default), or all.</summary>
    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    [BindProperty]
    public AnswerForm Answer { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        if (!CitizenFeedback.HasInbox(actor))
        {
            return Forbid();
        }

        var query = db.Feedback.AsNoTracking().Where(CitizenFeedback.VisibleTo(actor));
        if (!All)
        {
            query = query.Where(f => f.Status != FeedbackStatus.Answered);
        }

        Items = await query.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).Take(PageSize).ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        var feedback = id is null ? null : await db.Feedback.SingleOrDefaultAsync(f => f.Id == id, ct);
        if (feedback is null || !feedback.CanAnswer(actor))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            TempData["Flash"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return Redirect("/feedback");
        }

        feedback.Respond(actor, Answer.Status, Answer.Text, time.GetUtcNow());
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "وضعیت گزارش ذخیره شد.";
        return Redirect("/feedback");
    }

    public sealed class AnswerForm
    {
        [Display(Name = "وضعیت")]
        public FeedbackStatus Status { get; set; } = FeedbackStatus.Answered;

        [Display(Name = "پاسخ")]
        [StringLength(2000, ErrorMessage = "پاسخ حداکثر ۲۰۰۰ نویسه است.")]
        public string? Text { get; set; }
    }
}
