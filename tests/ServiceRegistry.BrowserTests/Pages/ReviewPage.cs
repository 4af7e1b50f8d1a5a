using Microsoft.Playwright;

namespace ServiceRegistry.BrowserTests.Pages;

/// <summary>The work queues (/review) and one card's review page (/review/{id}).</summary>
public sealed class ReviewPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenQueuesAsync() => await page.GotoAsync("/review");

    public async Task OpenAsync(int id) => await page.GotoAsync($"/review/{id}");

    /// <summary>Opens the card from a queue (by the queue's heading and the card's title).</summary>
    public async Task OpenFromQueueAsync(string queue, string title)
    {
        await OpenQueuesAsync();
        var section = page.Locator("section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = queue }) });
        await section.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/review/*");
    }

    /// <summary>Takes a step: its button, or for a step that cannot be taken back its link and then the confirmation.</summary>
    public async Task ActAsync(string action)
    {
        var button = page.GetByRole(AriaRole.Button, new() { Name = action, Exact = true });
        if (await button.CountAsync() > 0)
        {
            await button.ClickAsync();
        }
        else
        {
            await page.Locator("#actions").GetByRole(AriaRole.Link, new() { Name = action + "…", Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "بله، " + action, Exact = true }).ClickAsync();
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("انجام شد");
    }

    public async Task ReturnWithCommentAsync(string fieldLabel, string comment)
    {
        await page.GetByLabel("فیلد ۱", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = fieldLabel });
        await page.GetByLabel("توضیح برای فیلد ۱", new() { Exact = true }).FillAsync(comment);
        await ActAsync("برگشت برای اصلاح");
    }

    /// <summary>Returns the card with a comment on each of these fields (one row each, asking for more rows as needed).</summary>
    public async Task ReturnWithCommentsAsync(params (string Field, string Comment)[] comments)
    {
        for (var i = 0; i < comments.Length; i++)
        {
            var n = CardFormPage.Persian(i + 1);
            if (await page.GetByLabel("فیلد " + n, new() { Exact = true }).CountAsync() == 0)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "ردیف توضیح دیگر", Exact = true }).ClickAsync();
            }

            await page.GetByLabel("فیلد " + n, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = comments[i].Field });
            await page.GetByLabel("توضیح برای فیلد " + n, new() { Exact = true }).FillAsync(comments[i].Comment);
        }

        await ActAsync("برگشت برای اصلاح");
    }

    public Task<string> StatusAsync() => page.Locator("#card-status").InnerTextAsync();

    public Task<string> ServiceIdAsync() => page.Locator("#card-service-id").InnerTextAsync();

    public ILocator Comments => page.Locator("#review-comments");
}
