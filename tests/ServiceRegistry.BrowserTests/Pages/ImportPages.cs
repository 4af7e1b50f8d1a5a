using Microsoft.Playwright;

namespace ServiceRegistry.BrowserTests.Pages;

/// <summary>Signing in through the sign-in page, as a person does.</summary>
public sealed class SignInPage(IPage page)
{
    public async Task SignInAsync(string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#Form_Email").FillAsync(email);
        await page.Locator("#Form_Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ورود", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }
}

/// <summary>The upload page (/cards/import).</summary>
public sealed class ImportUploadPage(IPage page)
{
    public async Task OpenAsync() => await page.GotoAsync("/cards/import");

    /// <summary>Chooses the files and presses «بارگذاری و خواندن»; waits for the batch page.</summary>
    public async Task UploadAsync(params FilePayload[] files)
    {
        await page.GetByLabel("فایل‌های شناسنامه", new() { Exact = true }).SetInputFilesAsync(files);
        await page.GetByRole(AriaRole.Button, new() { Name = "بارگذاری و خواندن", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/cards/import/\d+$"));
    }
}

/// <summary>A batch's page (/cards/import/{id}): each file's status and the summary.</summary>
public sealed class ImportBatchPage(IPage page)
{
    public ILocator Summary => page.Locator(".batch-summary");

    /// <summary>Waits until every file is read (the page updates itself while files finish).</summary>
    public async Task WaitUntilFinishedAsync() =>
        await Assertions.Expect(page.Locator("#summary-title")).ToHaveTextAsync("نتیجه", new() { Timeout = 60_000 });

    public ILocator Row(string fileName) => page.Locator("table.import-files tbody tr").Filter(new() { HasText = fileName });

    public async Task<string> StatusOfAsync(string fileName) => (await Row(fileName).Locator(".file-status").InnerTextAsync()).Trim();

    public async Task OpenReviewAsync(string fileName)
    {
        await Row(fileName).GetByRole(AriaRole.Link, new() { Name = "بازبینی و ذخیره" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/cards/import/\d+/\d+$"));
    }
}

/// <summary>The review of one imported file: the card form beside the source text.</summary>
public sealed class ImportReviewPage(IPage page)
{
    public ILocator SourceText => page.Locator("#source-text");

    public ILocator UnsureSourceLines => page.Locator("#source-text li.unsure");

    public ILocator UnsureFields => page.Locator("#unsure-fields li");

    public ILocator UnmappedText => page.Locator("#unmapped-text li");

    /// <summary>The warning that the agency has this service, with the choice of what to do.</summary>
    public ILocator SameService => page.Locator("#same-service");

    /// <summary>The highlighted wrapper of a field (by its label).</summary>
    public ILocator HighlightOf(string label) =>
        page.Locator(".field-unsure").Filter(new() { Has = page.GetByLabel(label, new() { Exact = true }) });

    public Task FillAsync(string label, string value) => page.GetByLabel(label, new() { Exact = true }).FillAsync(value);

    /// <summary>Presses «ذخیره پیش‌نویس» and waits for the batch page.</summary>
    public async Task SaveAsDraftAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره پیش‌نویس", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/cards/import/\d+$"));
    }
}
