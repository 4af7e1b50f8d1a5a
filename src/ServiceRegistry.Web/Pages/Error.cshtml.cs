using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    /// <summary>The id of the failed request, as the logs and traces carry it (<see cref="Problems.RequestId"/>).</summary>
    public string RequestId { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    // A re-executed POST takes the code from the route without model binding, which would read the form, and the
    // body may be what failed (too large, or broken).
    public void OnPost() => Describe(int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null);

    private void Describe(int? code)
    {
        RequestId = Problems.RequestId(HttpContext);
        // An exception re-executes /error without a code: the status the exception handler chose (500, or 503) tells.
        (Heading, Explanation) = (code ?? Response.StatusCode) switch
        {
            404 => ("صفحه پیدا نشد", "نشانی درست نیست یا این خدمت منتشر نشده است."),
            403 => ("دسترسی ندارید", "برای این کار اجازه ندارید."),
            400 => ("درخواست نادرست", "درخواست قابل پردازش نبود."),
            503 => (Problems.DatabaseUnavailableTitle, Problems.DatabaseUnavailableDetail),
            429 => ("تلاش بیش از حد", "از این نشانی در چند دقیقه گذشته بیش از حد تلاش ورود شده است. چند دقیقه بعد دوباره تلاش کنید."),
            413 => ("حجم درخواست بیش از اندازه است", "فایل یا فرمی که فرستادید از حد مجاز این صفحه بزرگ‌تر است؛ آن را کوچک‌تر کنید یا در چند بخش بفرستید."),
            _ => ("خطایی رخ داد", "مشکلی در سامانه پیش آمد؛ دوباره تلاش کنید. اگر تکرار شد به پشتیبانی خبر دهید."),
        };
    }
}
