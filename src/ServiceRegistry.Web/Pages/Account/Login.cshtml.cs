using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Infrastructure.Security;

namespace ServiceRegistry.Web.Pages.Account;

[EnableRateLimiting(LoginLimits.Policy)]
public sealed class LoginModel(
    SignInManager<RegistryUser> signIn, UserManager<RegistryUser> users, LoginThrottle throttle, DummyPassword dummy, RegistryDbContext db, TimeProvider time)
    : PageModel
{
    public const string FailedMessage = "پست الکترونیک یا گذرواژه درست نیست.";
    public const string LockedMessage = "به دلیل چند بار ورود ناموفق، ورود به این حساب از این نشانی برای ۱۵ دقیقه قفل شده است. بعداً دوباره تلاش کنید.";
    public const string TooManyMessage = "برای این حساب بیش از حد تلاش ورود شده است. چند دقیقه بعد دوباره تلاش کنید.";

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

        // The same path, the same work and the same answer whether or not the e-mail belongs to someone:
        // limits keyed by the e-mail as typed, a password check against a dummy hash for unknown e-mails,
        // and one message for every failure. Identity's own lockout is not used (anyone could trigger it).
        var email = Form.Email.Trim();
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        var verdict = throttle.Check(address, email);
        var user = await users.FindByNameAsync(email);
        var result = Microsoft.AspNetCore.Identity.SignInResult.Failed;
        if (verdict == LoginThrottle.Verdict.Go)
        {
            if (user is null)
            {
                dummy.Verify(Form.Password);
            }
            else
            {
                result = await signIn.PasswordSignInAsync(user, Form.Password, isPersistent: false, lockoutOnFailure: false);
            }

            if (!result.Succeeded)
            {
                throttle.Failed(address, email);
            }
        }

        db.AuditEntries.Add(new AuditEntry(time.GetUtcNow(), user?.Id, user?.DisplayName ?? email, null,
            result.Succeeded ? AuditActions.SignedIn : AuditActions.SignInFailed, verdict switch
            {
                LoginThrottle.Verdict.Locked => "حساب قفل است",
                LoginThrottle.Verdict.TooMany => "تلاش بیش از حد",
                _ => null,
            }));
        await db.SaveChangesAsync(ct);

        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/review");
        }

        if (verdict == LoginThrottle.Verdict.TooMany)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
        }

        ModelState.AddModelError(string.Empty, verdict switch
        {
            LoginThrottle.Verdict.Locked => LockedMessage,
            LoginThrottle.Verdict.TooMany => TooManyMessage,
            _ => FailedMessage,
        });
        return Page();
    }
}
