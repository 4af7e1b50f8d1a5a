using Microsoft.Playwright;

namespace ServiceRegistry.BrowserTests.Pages;

/// <summary>The card form (/cards/new, /cards/{id}/edit), located by role and label as a person finds things.</summary>
public sealed class CardFormPage(IPage page)
{
    public IPage Page => page;

    public async Task OpenNewAsync() => await page.GotoAsync("/cards/new");

    public async Task OpenEditAsync(int id) => await page.GotoAsync($"/cards/{id}/edit");

    /// <summary>Chooses the agency by its name (the option shows the province after it); "" chooses none.</summary>
    public async Task ChooseAgencyAsync(string name)
    {
        var select = page.GetByLabel("نام دستگاه اجرایی", new() { Exact = true });
        if (name.Length == 0)
        {
            await select.SelectOptionAsync(new SelectOptionValue { Index = 0 });
            return;
        }

        var value = await select.Locator("option").Filter(new() { HasText = name }).First.GetAttributeAsync("value");
        await select.SelectOptionAsync(new SelectOptionValue { Value = value! });
    }

    /// <summary>A field by its label (exact), optionally inside a group (a fieldset's legend: a stage, a permit).</summary>
    public ILocator Field(string label, string? group = null) =>
        (group is null ? (ILocatorOrPage)new PageScope(page) : new LocatorScope(Group(group))).ByLabel(label);

    public ILocator Group(string name) => page.GetByRole(AriaRole.Group, new() { Name = name, Exact = true });

    public Task FillAsync(string label, string value, string? group = null) => Field(label, group).FillAsync(value);

    /// <summary>Ticks a choice of a set or a radio group (the group is the field's legend).</summary>
    public Task TickAsync(string group, string choice, string? within = null) =>
        (within is null ? Group(group) : Group(within).GetByRole(AriaRole.Group, new() { Name = group, Exact = true }))
            .GetByLabel(choice, new() { Exact = true }).CheckAsync();

    /// <summary>Fills a list's rows in order, pressing the list's add button for each row after the first.</summary>
    public async Task FillListAsync(string item, string addButton, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            var label = $"{item} {Persian(i + 1)}";
            if (i > 0 && await page.GetByLabel(label, new() { Exact = true }).CountAsync() == 0)
            {
                await ClickAsync(addButton);
            }

            await page.GetByLabel(label, new() { Exact = true }).FillAsync(values[i]);
        }
    }

    /// <summary>
    /// Presses a list button (add or remove a row) and waits until the form it brings back has settled. With htmx the
    /// form is swapped in place and, 20 ms later, its new buttons are wired and the new row takes the focus; typing
    /// before that can land in the wrong field, and a click before it makes a plain round trip. Without JavaScript
    /// the click is a plain post and none of these classes exist.
    /// </summary>
    public async Task ClickAsync(string button)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".htmx-request, .htmx-swapping, .htmx-added, .htmx-settling")).ToHaveCountAsync(0);
    }

    /// <summary>Presses «ذخیره» and waits for the page that answers (the card page, or the form with its errors).</summary>
    public async Task SaveAsync()
    {
        await page.EvaluateAsync("() => { window.__beforeSave = true; }");
        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره", Exact = true }).Last.ClickAsync();
        // Polled on a timer, not on animation frames (a page the browser does not paint gets none).
        await page.WaitForFunctionAsync("() => !window.__beforeSave && document.readyState === 'complete'", null, new() { PollingInterval = 50 });
    }

    /// <summary>The error shown beside a field (its aria-describedby text).</summary>
    public async Task<string> ErrorOfAsync(ILocator field)
    {
        var id = await field.GetAttributeAsync("id");
        return await page.Locator($"#{id}-error").InnerTextAsync();
    }

    public static string Persian(int n) => string.Concat(n.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => (char)('۰' + (c - '0'))));

    private interface ILocatorOrPage
    {
        ILocator ByLabel(string label);
    }

    private sealed class PageScope(IPage p) : ILocatorOrPage
    {
        public ILocator ByLabel(string label) => p.GetByLabel(label, new() { Exact = true });
    }

    private sealed class LocatorScope(ILocator l) : ILocatorOrPage
    {
        public ILocator ByLabel(string label) => l.GetByLabel(label, new() { Exact = true });
    }
}
