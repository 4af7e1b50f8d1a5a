using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards.Import;

/// <summary>Issue 14, finding 12: the counts of an upload (its page and the list of uploads) follow the files saved
/// as drafts.</summary>
public sealed class BatchCountsTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();
    private HttpClient _client = null!;
    private int _batchId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var editor = await _app.UserAsync(Roles.AgencyEditor, "سازمان مدیریت و برنامه ریزی لرستان", "لرستان");
        _client = await _app.ClientAsAsync(editor);
        // one file that needs review (four unsure fields), one that fails (empty)
        _batchId = await ImportFixtures.BatchAsync(_app, editor,
            ("service-desk-supervision.txt", ImportFixtures.Form("service-desk-supervision.txt")),
            ("empty.txt", []));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<(string Review, string Failed, string? Saved)> BatchCountsAsync()
    {
        var page = await RegistryApp.ParseAsync(await _client.GetAsync($"/cards/import/{_batchId}", Ct));
        return (page.QuerySelector("#count-review")!.TextContent.Split('(')[0].Trim(), page.QuerySelector("#count-failed")!.TextContent.Trim(),
            page.QuerySelector("#count-saved")?.TextContent.Trim());
    }

    private async Task<IReadOnlyList<string>> ListRowAsync()
    {
        var list = await RegistryApp.ParseAsync(await _client.GetAsync("/cards/import", Ct));
        var row = list.QuerySelectorAll("tr").Single(r => r.QuerySelector($"a[href='/cards/import/{_batchId}']") is not null);
        return row.QuerySelectorAll("td").Skip(2).Select(c => c.TextContent.Trim()).ToList(); // files, read, needs review, failed, saved
    }

    [Fact]
    public async Task Post_SaveAFileAsADraft_TheUploadAndTheListCountItSavedAndNoLongerWaiting()
    {
        // Arrange
        var before = await BatchCountsAsync();
        var listBefore = await ListRowAsync();
        var form = await HtmlForm.OpenAsync(_client, $"/cards/import/{_batchId}/1");

        // Act
        await form.PostAsync(_client);
        var after = await BatchCountsAsync();
        var listAfter = await ListRowAsync();

        // Assert
        Assert.Equal(("۱", "۱"), (before.Review, before.Failed));
        Assert.Equal(["۲", "۰", "۱", "۱", "۰"], listBefore);
        Assert.Equal(("۰", "۱", "۱"), after);
        Assert.Equal(["۲", "۰", "۰", "۱", "۱"], listAfter);
    }
}
