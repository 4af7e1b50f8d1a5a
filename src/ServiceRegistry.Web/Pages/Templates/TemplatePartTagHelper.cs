using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Templates;

/// <summary>What the edit form of an instance shows beside each part: its state (<see cref="ServiceCard.PartStates"/>)
/// and the card's id for the override and revert buttons. Set by the edit page; absent on any other card's form.</summary>
public sealed record TemplateMarks(int CardId, IReadOnlyDictionary<string, PartState> States)
{
    public const string Key = "TemplateMarks";
}

/// <summary>
/// One part of the card form (<c>&lt;template-part key="requiredDocuments"&gt;…fields…&lt;/template-part&gt;</c>). On an
/// instance's edit form it is marked: an inherited part «از الگوی ملی», its fields read-only (a disabled fieldset, not
/// posted) with a «بازنویسی محلی» button; an overridden part «بازنویسی‌شده» with «بازگشت به متن الگو»; a local part
/// «محلی». The buttons post the form <c>#template-part-form</c> (Form/_TemplateParts) to Pages/Templates/Part. On
/// every other form the fields are left as they are.
/// </summary>
[HtmlTargetElement("template-part", Attributes = "key")]
public sealed class TemplatePartTagHelper : TagHelper
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The part's key (<see cref="TemplateParts.Shared"/> or <see cref="TemplateParts.LocalKeys"/>).</summary>
    public string Key { get; set; } = "";

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        if (ViewContext.ViewData[TemplateMarks.Key] is not TemplateMarks marks || !marks.States.TryGetValue(Key, out var state))
        {
            return;
        }

        var label = TemplateParts.Find(Key)?.Label;
        var mark = $"<span class=\"part-mark\" data-state=\"{Core.Cards.Labels.Code(state)}\">{Encoder.Encode(Fa.Label(state))}</span>";
        var bar = state switch
        {
            PartState.Inherited => mark + Button(marks.CardId, "override", "بازنویسی محلی", label!),
            PartState.Overridden => mark + Button(marks.CardId, "revert", "بازگشت به متن الگو", label!),
            _ => mark,
        };
        output.PreContent.SetHtmlContent(
            $"<div class=\"template-part\" id=\"part-{Key}\" data-part=\"{Key}\" data-state=\"{Core.Cards.Labels.Code(state)}\"><div class=\"part-bar\">{bar}</div>"
            + (state == PartState.Inherited
                ? $"<fieldset disabled class=\"part-readonly\"><legend class=\"visually-hidden\">{Encoder.Encode(label!)}: متن الگوی ملی، فقط خواندنی</legend>"
                : ""));
        output.PostContent.SetHtmlContent(state == PartState.Inherited ? "</fieldset></div>" : "</div>");
    }

    private string Button(int cardId, string handler, string text, string label) =>
        $"<button type=\"submit\" form=\"template-part-form\" formaction=\"/templates/part/{cardId}?handler={handler}\" name=\"Part\" value=\"{Key}\" "
        + $"class=\"btn btn-sm btn-outline-secondary part-action\" aria-label=\"{Encoder.Encode($"{text} «{label}»")}\">{Encoder.Encode(text)}</button>";
}
