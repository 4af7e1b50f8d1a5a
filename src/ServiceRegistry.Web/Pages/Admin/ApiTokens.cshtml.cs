using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Admin;

/// <summary>API tokens for other systems: the national office creates one per client (role, agency or province,
/// expiry), sees the secret once, and lists and revokes them (with each token's last use).</summary>
public sealed class ApiTokensModel(RegistryDbContext db, TimeProvider time) : PageModel
{
    public static readonly int[] Lifetimes = [30, 90, 180, 365, 730];

    public IReadOnlyList<Row> Tokens { get; private set; } = [];
    public IReadOnlyList<Agency> Agencies { get; private set; } = [];

    /// <summary>The secret of the token just created, shown on this answer only (never stored, never in a cookie).</summary>
    public string? NewSecret { get; private set; }

    [BindProperty]
    public NewToken Form { get; set; } = new();

    public sealed class NewToken
    {
        [Display(Name = "نام (سامانه به‌کاربرنده)")]
        public string Name { get; set; } = "";

        [Display(Name = "نقش")]
        public string Role { get; set; } = Roles.AgencyEditor;

        [Display(Name = "دستگاه")]
        public int? AgencyId { get; set; }

        [Display(Name = "استان (برای کارشناس بررسی استان)")]
        public string? Province { get; set; }

        [Display(Name = "اعتبار (روز)")]
        public int Days { get; set; } = 365;
    }

    public sealed record Row(ApiToken Token, string? Agency, bool Active);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expires = now.AddDays(Form.Days);
        foreach (var problem in ApiToken.Problems(Form.Name, Form.Role, Form.AgencyId, Form.Province, expires, now))
        {
            ModelState.AddModelError(string.Empty, problem);
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

        var actor = HttpContext.GetActor();
        var (token, secret) = ApiToken.Create(Form.Name, Form.Role, Form.AgencyId, Form.Province, expires, actor.Name, now);
        db.ApiTokens.Add(token);
        db.AuditEntries.Add(new AuditEntry(now, actor.UserId, actor.Name, null, AuditActions.ApiTokenCreated, $"{token.Name} ({token.Hint}…, {Roles.Label(token.Role)})"));
        await db.SaveChangesAsync(ct);

        // Shown once, on this answer: a redirect would have to carry the secret in a cookie.
        NewSecret = secret;
        Form = new NewToken();
        ModelState.Clear();
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken ct)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, ct);
        if (token is null)
        {
            TempData["Flash"] = "این توکن پیدا نشد.";
            return RedirectToPage();
        }

        var now = time.GetUtcNow();
        var actor = HttpContext.GetActor();
        token.Revoke(now);
        db.AuditEntries.Add(new AuditEntry(now, actor.UserId, actor.Name, null, AuditActions.ApiTokenRevoked, $"{token.Name} ({token.Hint}…)"));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = $"توکن «{token.Name}» باطل شد.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Name).ToListAsync(ct);
        var names = Agencies.ToDictionary(a => a.Id, a => a.Name);
        var now = time.GetUtcNow();
        var tokens = await db.ApiTokens.AsNoTracking().OrderByDescending(t => t.Id).ToListAsync(ct);
        Tokens = tokens.Select(t => new Row(t, t.AgencyId is { } a ? names.GetValueOrDefault(a) : null, t.IsActive(now))).ToList();
    }
}
