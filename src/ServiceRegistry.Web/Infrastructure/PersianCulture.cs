using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace ServiceRegistry.Web.Infrastructure;

public static class PersianCulture
{
    /// <summary>
    /// Pages carry Persian as text, not as numeric character references; numbers bind from any digit kind; the few
    /// binding messages MVC writes itself are in Persian; the card form (hundreds of fields) fits the form limits.
    /// Field rules are not attributes: they come from <c>CardContent.ValidationProblems()</c>.
    /// </summary>
    public static IServiceCollection AddPersianUi(this IServiceCollection services)
    {
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.Configure<MvcOptions>(o =>
        {
            o.ModelBinderProviders.Insert(0, new PersianNumberBinderProvider());
            o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            var m = o.ModelBindingMessageProvider;
            m.SetAttemptedValueIsInvalidAccessor((value, field) => $"مقدار «{value}» درست نیست.");
            m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"مقدار «{value}» درست نیست.");
            m.SetUnknownValueIsInvalidAccessor(field => "این مقدار درست نیست.");
            m.SetNonPropertyUnknownValueIsInvalidAccessor(() => "این مقدار درست نیست.");
            m.SetValueIsInvalidAccessor(value => $"مقدار «{value}» درست نیست.");
            m.SetValueMustBeANumberAccessor(field => "فقط عدد بنویسید.");
            m.SetNonPropertyValueMustBeANumberAccessor(() => "فقط عدد بنویسید.");
            m.SetValueMustNotBeNullAccessor(value => "این فیلد را پر کنید.");
            m.SetMissingBindRequiredValueAccessor(field => "این فیلد را پر کنید.");
            m.SetMissingKeyOrValueAccessor(() => "این فیلد را پر کنید.");
            m.SetMissingRequestBodyRequiredValueAccessor(() => "درخواست خالی است.");
        });
        services.Configure<FormOptions>(o => o.ValueCountLimit = 16_384);
        return services;
    }

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
