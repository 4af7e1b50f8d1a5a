using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Pages.Review;

namespace ServiceRegistry.Web.Pages.Admin;

/// <summary>The audit log for national administrators, filtered by person, action and card.</summary>
public sealed class AuditModel(RegistryDbContext db) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)] public string? Who { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public int? Card { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<AuditRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public IReadOnlyList<string> Actions { get; } =
    [
        AuditActions.Created, AuditActions.Edited, AuditActions.Submitted, AuditActions.Returned, AuditActions.Approved,
        AuditActions.ServiceIdIssued, AuditActions.Published, AuditActions.RevisionStarted, AuditActions.Archived,
        AuditActions.Imported, AuditActions.SignedIn, AuditActions.SignInFailed, AuditActions.UserCreated,
    ];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Who))
        {
            var who = Who.Trim();
            query = query.Where(a => a.UserName.Contains(who));
        }

        if (!string.IsNullOrWhiteSpace(Action))
        {
            query = query.Where(a => a.Action == Action);
        }

        if (Card is { } card)
        {
            query = query.Where(a => a.CardId == card);
        }

        PageNumber = Math.Max(1, PageNumber);
        Total = await query.CountAsync(ct);
        var entries = await query.OrderByDescending(a => a.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(ct);
        Rows = await AuditRow.LoadAsync(db, entries, ct);
    }
}
