using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards;

/// <summary>
/// What a browser would post from a page's form: every field's current value (checked boxes only), then the test's
/// changes on top. <c>var form = await HtmlForm.OpenAsync(client, "/cards/new"); form.Set("Card.Title", "…");</c>
/// </summary>
public sealed class HtmlForm
{
    private readonly List<KeyValuePair<string, string>> _fields;

    private HtmlForm(string action, List<KeyValuePair<string, string>> fields)
    {
        Action = action;
        _fields = fields;
    }

    public string Action { get; }

    public static async Task<HtmlForm> OpenAsync(HttpClient client, string url, string formSelector = "#card-form")
    {
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        return From(await RegistryApp.ParseAsync(response), url, formSelector);
    }

    public static HtmlForm From(IDocument page, string url, string formSelector = "#card-form")
    {
        var form = (IHtmlFormElement)page.QuerySelector(formSelector)!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box when box.IsChecked:
                    fields.Add(new(box.Name!, box.Value));
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" or "submit" or "button" }:
                    break;
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name):
                    fields.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name!, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    fields.Add(new(select.Name!, select.Value ?? ""));
                    break;
            }
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
        return new HtmlForm(action, fields);
    }

    /// <summary>Replaces every value of a field (a text box, a radio group).</summary>
    public HtmlForm Set(string name, string value)
    {
        _fields.RemoveAll(f => f.Key == name);
        _fields.Add(new(name, value));
        return this;
    }

    /// <summary>Ticks a checkbox of a set.</summary>
    public HtmlForm Tick(string name, string value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    /// <summary>Ticks a single checkbox (bool): the box's "true" goes before its hidden "false", as a browser posts it.</summary>
    public HtmlForm Check(string name)
    {
        var at = _fields.FindIndex(f => f.Key == name);
        _fields.Insert(at < 0 ? _fields.Count : at, new(name, "true"));
        return this;
    }

    public Task<HttpResponseMessage> PostAsync(HttpClient client, string? query = null) =>
        client.PostAsync(Action + query, new FormUrlEncodedContent(_fields), TestContext.Current.CancellationToken);
}
