using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>
/// The «افزودن» and «حذف» buttons of a list in the card form. Without JavaScript they post the whole form to the
/// page's Add/Remove handler (which changes the list and shows the form again, scrolled to the list); with htmx the
/// same request swaps only the form in place.
/// <code>&lt;list-add for="Card.Laws" text="افزودن قانون" /&gt;  &lt;list-remove for="Card.Laws" index="i" item="قانون ۲" /&gt;</code>
/// (<c>list="Card.Permits"</c> names a list by its full field name, from inside a row's partial.)
/// </summary>
[HtmlTargetElement("list-add", TagStructure = TagStructure.WithoutEndTag)]
[HtmlTargetElement("list-remove", Attributes = "index", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ListButtonTagHelper : TagHelper
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The list.</summary>
    public ModelExpression? For { get; set; }

    /// <summary>The list's full field name, when <see cref="For"/> cannot reach it.</summary>
    public string? List { get; set; }

    /// <summary>The row to remove (list-remove).</summary>
    public int Index { get; set; } = -1;

    /// <summary>The button's visible text.</summary>
    public string? Text { get; set; }

    /// <summary>What the removed row is called, for screen readers ("سند ۲").</summary>
    public string? Item { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var list = List ?? ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For?.Name ?? throw new InvalidOperationException("list-add/list-remove need for or list."));
        var remove = output.TagName == "list-remove";
        output.TagName = null;
        output.Content.SetHtmlContent(remove
            ? RemoveButton(ViewContext, list, Index, Item, Text)
            : AddButton(ViewContext, list, Text));
    }

    /// <summary>The «افزودن» button of a list (field name <paramref name="list"/>).</summary>
    public static string AddButton(ViewContext view, string list, string? text) =>
        Button(view, $"?handler=Add&list={Uri.EscapeDataString(list)}", list, "btn btn-sm btn-outline-primary list-add", text ?? "افزودن ردیف", null);

    /// <summary>The «حذف» button of row <paramref name="index"/>.</summary>
    public static string RemoveButton(ViewContext view, string list, int index, string? item, string? text = null) =>
        Button(view, $"?handler=Remove&list={Uri.EscapeDataString(list)}&index={index}", list, "btn btn-sm btn-outline-danger list-remove", text ?? "حذف", item is null ? null : "حذف " + item);

    private static string Button(ViewContext view, string query, string list, string css, string text, string? ariaLabel)
    {
        var request = view.HttpContext.Request;
        var url = Encoder.Encode(request.PathBase + request.Path + query);
        var anchor = TagBuilder.CreateSanitizedId(list, "_");
        var aria = ariaLabel is null ? "" : $" aria-label=\"{Encoder.Encode(ariaLabel)}\"";
        return $"<button type=\"submit\" class=\"{css}\" formaction=\"{url}#{anchor}\" formnovalidate hx-post=\"{url}\" hx-target=\"#card-form\" hx-select=\"#card-form\" hx-swap=\"outerHTML\"{aria}>{Encoder.Encode(text)}</button>";
    }
}
