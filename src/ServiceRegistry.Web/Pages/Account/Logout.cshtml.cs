using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRegistry.Core.Accounts;

namespace ServiceRegistry.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<RegistryUser> signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Catalog/Index");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
