using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceRegistry.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    // A re-executed POST takes the code from the route without model binding, which would read the form, and the
    // body may be what failed (too large, or broken).
    public void OnPost() => Describe(int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null);

    private void Describe(int? code)
    {
        (Heading, Explanation) = code switch
        {
            404 => ("صفحه پیدا نشد", "نشانی درست نیست یا این خدمت منتشر نشده است."),
            403 => ("دسترسی ندارید", "برای این کار اجازه ندارید."),
            400 => ("درخواست نادرست", "درخواست قابل پردازش نبود."),
            413 => ("حجم درخواست بیش از اندازه است", "فایل یا فرمی که فرستادید از حد مجاز این صفحه بزرگ‌تر است؛ آن را کوچک‌تر کنید یا در چند بخش بفرستید."),
            _ => ("خطایی رخ داد", "مشکلی در سامانه پیش آمد؛ دوباره تلاش کنید. اگر تکرار شد به پشتیبانی خبر دهید."),
        };
    }
}
