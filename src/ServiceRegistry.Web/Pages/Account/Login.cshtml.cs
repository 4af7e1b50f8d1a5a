using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Review;

namespace ServiceRegistry.Web.Pages.Account;

public sealed class LoginModel(SignInManager<RegistryUser> signIn, RegistryDbContext db, TimeProvider time) : PageModel
{
    [BindProperty]
    public Input Form { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class Input
    {
        [Required(ErrorMessage = "پست الکترونیک را بنویسید.")]
        [Display(Name = "پست الکترونیک")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "گذرواژه را بنویسید.")]
        [Display(Name = "گذرواژه")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Form.Email.Trim();
        var result = await signIn.PasswordSignInAsync(email, Form.Password, isPersistent: false, lockoutOnFailure: true);
        var normalized = email.ToUpperInvariant();
        var user = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id, u.DisplayName }).FirstOrDefaultAsync(ct);
        db.AuditEntries.Add(new AuditEntry(time.GetUtcNow(), user?.Id, user?.DisplayName ?? email, null,
            result.Succeeded ? AuditActions.SignedIn : AuditActions.SignInFailed, result.IsLockedOut ? "حساب قفل است" : null));
        await db.SaveChangesAsync(ct);

        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/review");
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "به دلیل چند بار ورود ناموفق، حساب شما برای ۱۵ دقیقه قفل شده است. بعداً دوباره تلاش کنید."
            : "پست الکترونیک یا گذرواژه درست نیست.");
        return Page();
    }
}
