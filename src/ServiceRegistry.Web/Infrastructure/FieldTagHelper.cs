using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>
/// One field of the card form with its label, its control, its error (from model state) and its warning (from
/// <see cref="CardFormNames.Warnings"/> in <c>ViewData["CardWarnings"]</c>). The control follows the property type:
/// text (or a textarea with <c>rows</c>), whole numbers typed in any digit kind, a checkbox for bool, radios for
/// bool? and enums (or a select with <c>as="select"</c>), and a group of checkboxes, every value shown, for a set.
/// <code>&lt;field for="Card.Title" /&gt; &lt;field for="Card.ServiceTypes" /&gt; &lt;field for="Card.Description" rows="5" /&gt;</code>
/// </summary>
[HtmlTargetElement("field", Attributes = "for", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldTagHelper : TagHelper
{
    public const string WarningsKey = "CardWarnings";

    public ModelExpression For { get; set; } = null!;

    /// <summary>Overrides the label (the Display name by default).</summary>
    public string? Label { get; set; }

    /// <summary>A short help text under the control.</summary>
    public string? Hint { get; set; }

    /// <summary>Render a textarea with this many rows.</summary>
    public int? Rows { get; set; }

    /// <summary>"select" renders an enum as a drop-down instead of radios.</summary>
    public string? As { get; set; }

    /// <summary>Keep the label for screen readers only (rows of a list).</summary>
    public bool HideLabel { get; set; }

    /// <summary>Left-to-right content (addresses, numbers of accounts, phones, e-mail).</summary>
    public bool Ltr { get; set; }

    /// <summary>Labels of the two answers of a bool? (default بله / خیر).</summary>
    public string TrueLabel { get; set; } = "بله";

    public string FalseLabel { get; set; } = "خیر";

    /// <summary>Extra classes on the wrapper (e.g. a grid column).</summary>
    public string? Class { get; set; }

    /// <summary>Focus this control when the page (or the swapped form) loads: a row just added.</summary>
    public bool Autofocus { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        var id = TagBuilder.CreateSanitizedId(name, "_");
        var label = Label ?? For.Metadata.DisplayName ?? For.Metadata.PropertyName ?? name;
        var type = For.Metadata.ModelType;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var errors = Errors(name, includeChildren: IsSet(type));
        var warning = ViewContext.ViewData[WarningsKey] is IReadOnlyDictionary<string, string> warnings && warnings.TryGetValue(name, out var w) ? w : null;
        var (isUnsure, unsure) = CardFormNames.UnsureNote(ViewContext.ViewData, name);
        var comments = CardFormNames.CommentsOn(ViewContext.ViewData, name);
        var describedBy = string.Join(' ', new[] { comments.Count > 0 ? id + "-comment" : null, errors.Count > 0 ? id + "-error" : null, warning is null ? null : id + "-warning", unsure is null ? null : id + "-unsure", Hint is null ? null : id + "-hint" }.OfType<string>());

        output.TagName = null;
        var html = new HtmlContentBuilder();
        var wrapperClass = $"field mb-3{(isUnsure ? " field-unsure" : "")} {Class}".Trim();
        if (IsSet(type))
        {
            var elementType = type.GetGenericArguments()[0];
            var selected = ((IEnumerable?)For.Model)?.Cast<object>().Select(v => v.ToString()).ToHashSet() ?? [];
            html.AppendHtml($"<fieldset class=\"{wrapperClass}\" id=\"{id}\"{Described(describedBy)}><legend class=\"form-label fs-6 mb-1\">{E(label)}</legend><div class=\"choices\">");
            foreach (Enum value in Enum.GetValues(elementType))
            {
                var code = value.ToString();
                var optionId = $"{id}_{code}";
                html.AppendHtml($"<div class=\"form-check form-check-inline\"><input class=\"form-check-input{(errors.Count > 0 ? " is-invalid" : "")}\" type=\"checkbox\" id=\"{optionId}\" name=\"{E(name)}\" value=\"{code}\"{(selected.Contains(code) ? " checked" : "")}{(Autofocus ? " autofocus" : "")} /><label class=\"form-check-label\" for=\"{optionId}\">{E(Labels.Of(value))}</label></div>");
            }

            html.AppendHtml("</div>");
            AppendMessages(html, id, errors, warning, unsure, comments);
            html.AppendHtml("</fieldset>");
        }
        else if (underlying == typeof(bool) && type == typeof(bool))
        {
            var check = For.Model is true;
            html.AppendHtml($"<div class=\"{wrapperClass} form-check\"><input class=\"form-check-input{(errors.Count > 0 ? " is-invalid" : "")}\" type=\"checkbox\" id=\"{id}\" name=\"{E(name)}\" value=\"true\"{(check ? " checked" : "")}{Described(describedBy)}{(Autofocus ? " autofocus" : "")} /><label class=\"form-check-label\" for=\"{id}\">{E(label)}</label><input type=\"hidden\" name=\"{E(name)}\" value=\"false\" />");
            AppendMessages(html, id, errors, warning, unsure, comments);
            html.AppendHtml("</div>");
        }
        else if (underlying == typeof(bool) || (underlying.IsEnum && As != "select"))
        {
            var current = For.Model?.ToString();
            var options = underlying == typeof(bool)
                ? new List<(string Value, string Text)> { ("true", TrueLabel), ("false", FalseLabel) }
                : Enum.GetValues(underlying).Cast<Enum>().Select(v => (v.ToString(), Labels.Of(v))).ToList();
            if (underlying == typeof(bool))
            {
                current = current?.ToLowerInvariant();
            }

            html.AppendHtml($"<fieldset class=\"{wrapperClass}\" id=\"{id}\"{Described(describedBy)}><legend class=\"form-label fs-6 mb-1{(HideLabel ? " visually-hidden" : "")}\">{E(label)}</legend><div class=\"choices\">");
            var first = true;
            foreach (var (value, text) in options.Append(("", "نامشخص")))
            {
                var optionId = $"{id}_{(value.Length == 0 ? "none" : value)}";
                var isChecked = value.Length == 0 ? string.IsNullOrEmpty(current) : value == current;
                html.AppendHtml($"<div class=\"form-check form-check-inline{(value.Length == 0 ? " text-muted" : "")}\"><input class=\"form-check-input\" type=\"radio\" id=\"{optionId}\" name=\"{E(name)}\" value=\"{value}\"{(isChecked ? " checked" : "")}{(Autofocus && first ? " autofocus" : "")} /><label class=\"form-check-label\" for=\"{optionId}\">{E(text)}</label></div>");
                first = false;
            }

            html.AppendHtml("</div>");
            AppendMessages(html, id, errors, warning, unsure, comments);
            html.AppendHtml("</fieldset>");
        }
        else
        {
            html.AppendHtml($"<div class=\"{wrapperClass}\"><label class=\"form-label{(HideLabel ? " visually-hidden" : "")}\" for=\"{id}\">{E(label)}</label>");
            var invalid = errors.Count > 0 ? " is-invalid\" aria-invalid=\"true" : "";
            var common = $"id=\"{id}\" name=\"{E(name)}\"{Described(describedBy)}{(Ltr ? " dir=\"ltr\"" : "")}{(Autofocus ? " autofocus" : "")}";
            if (underlying.IsEnum)
            {
                var current = For.Model?.ToString();
                html.AppendHtml($"<select class=\"form-select{invalid}\" {common}><option value=\"\">— انتخاب کنید —</option>");
                foreach (Enum value in Enum.GetValues(underlying))
                {
                    html.AppendHtml($"<option value=\"{value}\"{(value.ToString() == current ? " selected" : "")}>{E(Labels.Of(value))}</option>");
                }

                html.AppendHtml("</select>");
            }
            else if (Rows is { } rows)
            {
                html.AppendHtml($"<textarea class=\"form-control{invalid}\" rows=\"{rows}\" {common}>{E(Value(name, underlying))}</textarea>");
            }
            else
            {
                var numeric = underlying == typeof(long) || underlying == typeof(int) || underlying == typeof(decimal);
                var extra = numeric ? " inputmode=\"numeric\" autocomplete=\"off\"" : "";
                html.AppendHtml($"<input type=\"text\" class=\"form-control{invalid}{(numeric ? " number-input" : "")}\" {common}{extra} value=\"{E(Value(name, underlying))}\" />");
            }

            if (Hint is not null)
            {
                html.AppendHtml($"<div class=\"form-text\" id=\"{id}-hint\">{E(Hint)}</div>");
            }

            AppendMessages(html, id, errors, warning, unsure, comments);
            html.AppendHtml("</div>");
        }

        output.Content.SetHtmlContent(html);
    }

    private static bool IsSet(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) && type.GetGenericArguments()[0].IsEnum;

    /// <summary>What the control shows: the text typed last (when the form came back), else the value, numbers in Persian digits.</summary>
    private string Value(string name, Type type)
    {
        if (ViewContext.ModelState.TryGetValue(name, out var entry) && entry.AttemptedValue is { } attempted)
        {
            return attempted;
        }

        return For.Model switch
        {
            null => "",
            long l => PersianText.FormatNumber(l),
            int i => PersianText.FormatNumber(i),
            decimal d => PersianText.FormatNumber(d),
            var other when type == typeof(string) => other.ToString() ?? "",
            var other => other.ToString() ?? "",
        };
    }

    private List<string> Errors(string name, bool includeChildren) =>
        ViewContext.ModelState
            .Where(e => e.Key == name || (includeChildren && e.Key.StartsWith(name + "[", StringComparison.Ordinal)))
            .SelectMany(e => e.Value!.Errors)
            .Select(e => e.ErrorMessage)
            .Distinct()
            .ToList();

    private static void AppendMessages(HtmlContentBuilder html, string id, List<string> errors, string? warning, string? unsure, IReadOnlyList<string> comments)
    {
        if (comments.Count > 0)
        {
            html.AppendHtml($"<div class=\"review-comment\" id=\"{id}-comment\" role=\"note\"><strong>توضیح بررسی:</strong> ");
            html.AppendHtml(string.Join("<br />", comments.Select(E)));
            html.AppendHtml("</div>");
        }

        if (unsure is not null)
        {
            html.AppendHtml($"<div class=\"form-text unsure-note\" id=\"{id}-unsure\">{E(unsure)}</div>");
        }

        if (errors.Count > 0)
        {
            html.AppendHtml($"<div class=\"invalid-feedback d-block\" id=\"{id}-error\">{E(string.Join(" ", errors))}</div>");
        }

        if (warning is not null)
        {
            html.AppendHtml($"<div class=\"form-text field-warning\" id=\"{id}-warning\">{E(warning)}</div>");
        }
    }

    private static string Described(string ids) => ids.Length == 0 ? "" : $" aria-describedby=\"{ids}\"";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string text) => Encoder.Encode(text);
}
