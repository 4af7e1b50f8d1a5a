using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Feedback;

/// <summary>Sends a report through a service's citizen page as a browser would: opens the page (its antiforgery token
/// and the form's stamp), waits (the test clock moves on) and posts the form.</summary>
internal static class FeedbackClient
{
    public static async Task<HttpResponseMessage> SendFeedbackAsync(this HttpClient client, RegistryApp app, int cardId, string text,
        string? contact = null, string? website = null, TimeSpan? wait = null)
    {
        var page = await RegistryApp.ParseAsync(await client.GetAsync($"/services/{cardId}/guide"));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = page.QuerySelector("#feedback input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Form.Stamp"] = page.QuerySelector("#feedback input[name='Form.Stamp']")!.GetAttribute("value")!,
            ["Form.Text"] = text,
            ["Form.Contact"] = contact ?? "",
            ["Form.Website"] = website ?? "",
        };
        app.Clock.Advance(wait ?? TimeSpan.FromSeconds(10));
        return await client.PostAsync($"/services/{cardId}/guide", new FormUrlEncodedContent(fields));
    }
}
