using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>
/// Binds whole numbers (long, int, and decimal fields that hold counts) as people type them: Latin, Persian (۰–۹) or
/// Arabic-Indic (٠–٩) digits, with or without ٬ or , thousands separators. A value that is not a non-negative whole
/// number leaves the property unset and records a Persian error; the typed text stays in the form.
/// </summary>
public sealed class PersianNumberBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
        if (result == ValueProviderResult.None)
        {
            return Task.CompletedTask;
        }

        bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
        var text = result.FirstValue;
        var type = Nullable.GetUnderlyingType(bindingContext.ModelType) ?? bindingContext.ModelType;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (Nullable.GetUnderlyingType(bindingContext.ModelType) is not null)
            {
                bindingContext.Result = ModelBindingResult.Success(null);
            }
            else if (!bindingContext.IsTopLevelObject)
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, "عددی بنویسید.");
            }

            return Task.CompletedTask;
        }

        if (!TryParse(text, type, out var value, out var message))
        {
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, message);
            return Task.CompletedTask;
        }

        bindingContext.Result = ModelBindingResult.Success(value);
        return Task.CompletedTask;
    }

    /// <summary>Parses typed text into <paramref name="type"/> (long, int or decimal), or says in Persian what is wrong.</summary>
    public static bool TryParse(string text, Type type, out object? value, out string message)
    {
        value = null;
        message = "";
        var latin = PersianText.ToLatinDigits(text.Trim());
        if (PersianText.TryParseInteger(latin, out var number))
        {
            if (type == typeof(int) && number > int.MaxValue)
            {
                message = "این عدد بیش از اندازه بزرگ است.";
                return false;
            }

            value = type == typeof(int) ? (object)(int)number : type == typeof(decimal) ? (object)(decimal)number : (object)number;
            return true;
        }

        if (type == typeof(decimal)
            && decimal.TryParse(latin.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d))
        {
            value = d;
            return true;
        }

        var trimmed = latin.TrimStart();
        message = trimmed.StartsWith('-') || trimmed.StartsWith('−')
            ? "عدد منفی مجاز نیست."
            : type == typeof(decimal)
                ? "فقط عدد بنویسید (مانند ۱ یا ۲٫۵)."
                : "فقط عدد صحیح بنویسید (رقم فارسی یا لاتین، مانند ۱۲٬۰۰۰).";
        return false;
    }
}

/// <summary>Uses <see cref="PersianNumberBinder"/> for every long, int and decimal (nullable or not) the pages bind.</summary>
public sealed class PersianNumberBinderProvider : IModelBinderProvider
{
    private static readonly PersianNumberBinder Binder = new();

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type == typeof(long) || type == typeof(int) || type == typeof(decimal) ? Binder : null;
    }
}
