using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>
/// A list of one-line values (documents, laws, steps, web addresses, amounts) as numbered rows, each with its own
/// label («قانون ۲») and a «حذف» button, and an «افزودن» button under the list. An empty list shows one empty row
/// to type into; blank rows are dropped when the card is saved.
/// <code>&lt;text-list for="Card.Laws" item="قانون" add="افزودن قانون" /&gt;</code>
/// </summary>
[HtmlTargetElement("text-list", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class TextListTagHelper : TagHelper
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public ModelExpression For { get; set; } = null!;

    /// <summary>The list's heading (the Display name by default).</summary>
    public string? Label { get; set; }

    /// <summary>What one row is called; rows are labelled «item ۱», «item ۲», ….</summary>
    public string Item { get; set; } = "ردیف";

    /// <summary>The add button's text.</summary>
    public string? Add { get; set; }

    public string? Hint { get; set; }

    public bool Ltr { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var elementType = For.Metadata.ModelType.GetGenericArguments()[0];
        var numeric = elementType == typeof(long) || elementType == typeof(int) || elementType == typeof(decimal);
        var items = ((IEnumerable?)For.Model)?.Cast<object?>().ToList() ?? [];
        var newRow = ViewContext.ViewData["NewRow"] as string;
        var rows = Math.Max(items.Count, numeric ? 0 : 1);
        var warnings = ViewContext.ViewData[FieldTagHelper.WarningsKey] as IReadOnlyDictionary<string, string>;

        var sb = new StringBuilder();
        var (isUnsure, unsure) = CardFormNames.UnsureNote(ViewContext.ViewData, name);
        sb.Append(CultureInfo.InvariantCulture, $"<fieldset class=\"list-editor mb-3{(isUnsure ? " field-unsure" : "")}\" id=\"{id}\"{(unsure is null ? "" : $" aria-describedby=\"{id}-unsure\"")}><legend class=\"form-label fs-6 mb-1\">{E(Label ?? For.Metadata.DisplayName ?? name)}</legend>");
        if (unsure is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<div class=\"form-text unsure-note mt-0 mb-1\" id=\"{id}-unsure\">{E(unsure)}</div>");
        }

        if (Hint is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<div class=\"form-text mt-0 mb-1\">{E(Hint)}</div>");
        }

        sb.Append("<ol class=\"list-rows\">");
        for (var i = 0; i < rows; i++)
        {
            var rowName = $"{name}[{i}]";
            var rowId = TagBuilder.CreateSanitizedId(rowName, "_");
            var label = $"{Item} {PersianText.ToPersianDigits((i + 1).ToString(CultureInfo.InvariantCulture))}";
            var value = ViewContext.ModelState.TryGetValue(rowName, out var entry) && entry.AttemptedValue is { } typed
                ? typed
                : i < items.Count ? Show(items[i]) : "";
            var errors = ViewContext.ModelState.TryGetValue(rowName, out var state) ? state.Errors.Select(e => e.ErrorMessage).ToList() : [];
            var invalid = errors.Count > 0 ? " is-invalid\" aria-invalid=\"true" : "";
            var described = errors.Count > 0 ? $" aria-describedby=\"{rowId}-error\"" : "";
            sb.Append("<li class=\"list-row\">");
            if (numeric)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<input type=\"hidden\" name=\"{E(name)}.index\" value=\"{i}\" />");
            }

            sb.Append(CultureInfo.InvariantCulture, $"<label class=\"visually-hidden\" for=\"{rowId}\">{E(label)}</label>");
            sb.Append(CultureInfo.InvariantCulture, $"<input type=\"text\" class=\"form-control{invalid}\" id=\"{rowId}\" name=\"{E(rowName)}\" value=\"{E(value)}\"{described}{(Ltr || numeric ? " dir=\"ltr\"" : "")}{(numeric ? " inputmode=\"numeric\" autocomplete=\"off\"" : "")}{(rowName == newRow ? " autofocus" : "")} />");
            if (i < items.Count)
            {
                sb.Append(ListButtonTagHelper.RemoveButton(ViewContext, name, i, label));
            }

            if (errors.Count > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<div class=\"invalid-feedback d-block w-100\" id=\"{rowId}-error\">{E(string.Join(" ", errors))}</div>");
            }

            if (warnings is not null && warnings.TryGetValue(rowName, out var warning))
            {
                sb.Append(CultureInfo.InvariantCulture, $"<div class=\"form-text field-warning w-100\">{E(warning)}</div>");
            }

            sb.Append("</li>");
        }

        sb.Append("</ol>");
        sb.Append(ListButtonTagHelper.AddButton(ViewContext, name, Add ?? "افزودن " + Item));
        sb.Append("</fieldset>");
        output.TagName = null;
        output.Content.SetHtmlContent(sb.ToString());
    }

    private static string Show(object? value) => value switch
    {
        null => "",
        long l => PersianText.FormatNumber(l),
        int n => PersianText.FormatNumber(n),
        decimal d => PersianText.FormatNumber(d),
        _ => value.ToString() ?? "",
    };

    private static string E(string text) => Encoder.Encode(text);
}
