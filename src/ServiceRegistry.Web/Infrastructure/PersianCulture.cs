using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;

namespace ServiceRegistry.Web.Infrastructure;

public static class PersianCulture
{
    /// <summary>Pages carry Persian as text, not as numeric character references.</summary>
    public static IServiceCollection AddPersianUi(this IServiceCollection services) =>
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));

    /// <summary>The UI speaks fa-IR; numbers are bound with the invariant culture and typed digits are normalised by the app.</summary>
    public static IApplicationBuilder UsePersianCulture(this IApplicationBuilder app)
    {
        var fa = new CultureInfo("fa-IR");
        return app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(CultureInfo.InvariantCulture, fa),
            SupportedCultures = [CultureInfo.InvariantCulture],
            SupportedUICultures = [fa],
            RequestCultureProviders = [],
        });
    }
}
