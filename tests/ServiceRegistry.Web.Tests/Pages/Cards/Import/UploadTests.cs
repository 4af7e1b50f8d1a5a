using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards.Import;

/// <summary>Uploading legacy forms in the browser (/cards/import) and following the batch (/cards/import/{id}).</summary>
public sealed class UploadTests : IAsyncLifetime
{
    private const string Agency = "اداره کل آزمایش ورود";
    private readonly RegistryApp _app = new();
    private TestUser _editor = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _editor = await _app.UserAsync(Roles.AgencyEditor, Agency, "لرستان");
        _client = await _app.ClientAsAsync(_editor);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Post_SeveralFilesWithEveryBadInput_ReadsTheGoodOnesAndGivesEachBadOneItsReason()
    {
        // Arrange: three good forms (text, Word, and one inside a .zip next to a zip bomb) and every bad input
        var bad = ImportFixtures.BadInputs.Select(row => (string)row.Data.Item1).ToList();
        var files = new List<(string Name, byte[] Bytes)>
        {
            ("service-desk-supervision.txt", ImportFixtures.Form("service-desk-supervision.txt")),
            ("fuel-card.docx", ImportFixtures.WordForm()),
            ("archive.zip", ImportFixtures.Zip(("forms/residence-documents.txt", ImportFixtures.Form("residence-documents.txt")), ("forms/huge.txt", new byte[30 * 1024 * 1024]))),
        };
        files.AddRange(bad.Select(ImportFixtures.BadInput));

        // Act
        var response = await ImportFixtures.UploadAsync(_client, [.. files]);
        var batchId = ImportFixtures.BatchId(response);
        await ImportFixtures.WaitUntilReadAsync(_app, batchId);
        var page = await RegistryApp.ParseAsync(await _client.GetAsync($"/cards/import/{batchId}", TestContext.Current.CancellationToken));

        // Assert: every file has a row, the good ones read, each bad one failed with its own reason
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var rows = page.QuerySelectorAll("table.import-files tbody tr").ToList();
        Assert.Equal(["service-desk-supervision.txt", "fuel-card.docx", "archive.zip!forms/huge.txt", "archive.zip!forms/residence-documents.txt",
            "scan.txt", "empty.txt", "huge.txt", "bomb.zip!bomb/huge.txt", "renamed.docx", "english.txt"], rows.Select(FileName).ToList());
        Assert.Equal("NeedsReview", Status(rows[0]));
        Assert.Contains(Status(rows[1]), new[] { "Imported", "NeedsReview" });
        Assert.Contains(Status(rows[3]), new[] { "Imported", "NeedsReview" });
        Assert.Contains("مگابایت", Error(rows[2]), StringComparison.Ordinal);
        foreach (var (kind, reason) in ImportFixtures.BadInputs.Select(r => ((string)r.Data.Item1, (string)r.Data.Item2)))
        {
            var row = rows[4 + bad.IndexOf(kind)];
            Assert.Equal("Failed", Status(row));
            Assert.Contains(reason, Error(row), StringComparison.Ordinal);
        }

        var counts = await _app.WithDbAsync(db => db.ImportItems.Where(i => i.BatchId == batchId).GroupBy(i => i.Outcome).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        var failed = counts.Single(c => c.Key == ImportOutcome.Failed).Count;
        Assert.Equal(7, failed);
        Assert.Equal("۷", page.QuerySelector("#count-failed")!.TextContent.Trim());
        var read = 10 - failed;
        Assert.Equal(read, int.Parse(Digits(page.QuerySelector("#count-imported")!.TextContent)) + int.Parse(Digits(page.QuerySelector("#count-review")!.TextContent.Split('(')[0])));
        Assert.Contains("فیلد نامطمئن", page.QuerySelector("#count-review")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#batch-status")!.GetAttribute("hx-get")); // finished: no more polling
        Assert.Equal(0, await _app.WithDbAsync(db => db.Cards.CountAsync())); // nothing is a card before it is reviewed
        Assert.True(await _app.WithDbAsync(db => db.ImportItems.Where(i => i.BatchId == batchId).AllAsync(i => i.Payload == null)));
    }

    [Theory]
    [MemberData(nameof(ImportFixtures.BadInputs), MemberType = typeof(ImportFixtures))]
    public async Task Post_BadInputBesideAGoodForm_FailsThatFileWithItsReasonAndReadsTheOther(string kind, string reason)
    {
        // Arrange
        var bad = ImportFixtures.BadInput(kind);

        // Act
        var response = await ImportFixtures.UploadAsync(_client, bad, ("regional-accounts.txt", ImportFixtures.Form("regional-accounts.txt")));
        var batchId = ImportFixtures.BatchId(response);
        await ImportFixtures.WaitUntilReadAsync(_app, batchId);
        var page = await RegistryApp.ParseAsync(await _client.GetAsync($"/cards/import/{batchId}", TestContext.Current.CancellationToken));

        // Assert
        var rows = page.QuerySelectorAll("table.import-files tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("Failed", Status(rows[0]));
        Assert.Contains(reason, Error(rows[0]), StringComparison.Ordinal);
        Assert.Contains(Status(rows[1]), new[] { "Imported", "NeedsReview" });
        Assert.Equal("تهیه حساب های منطقه ای", rows[1].QuerySelector(".file-name .text-muted")!.TextContent.Trim());
        Assert.NotNull(rows[1].QuerySelector($"a[href='/cards/import/{batchId}/2']"));
        Assert.Equal("۱", page.QuerySelector("#count-failed")!.TextContent.Trim());
    }

    [Fact]
    public async Task Post_MoreThanTheUploadLimit_SaysSoInPersianAndStoresNothing()
    {
        // Arrange: a limit of 1 MB for this app
        await using var small = _app.WithWebHostBuilder(b => b.UseSetting("Imports:MaxUploadMegabytes", "1"));
        var client = await small.ClientAsAsync(_editor);

        // Act
        var response = await ImportFixtures.UploadAsync(client, ("regional-accounts.txt", ImportFixtures.Form("regional-accounts.txt")), ("big.txt", new byte[2 * 1024 * 1024]));
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("بیش از ۱ مگابایت", page.QuerySelector("#upload-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.ImportBatches.CountAsync()));
    }

    [Fact]
    public async Task Post_NoFile_AsksForOne()
    {
        // Act
        var response = await ImportFixtures.UploadAsync(_client);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("فایلی انتخاب نشده", page.QuerySelector("#upload-problem")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        // Arrange
        using var content = new MultipartFormDataContent { { new ByteArrayContent(ImportFixtures.Form("regional-accounts.txt")), "Files", "a.txt" } };

        // Act
        var response = await _client.PostAsync("/cards/import", content, TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.ImportBatches.CountAsync()));
    }

    [Fact]
    public async Task Get_BatchStillBeingRead_ShowsProgressAndRefreshesItself()
    {
        // Arrange: one file read, one still being read
        var batchId = await ImportFixtures.BatchAsync(_app, _editor, reading: true, ("a.txt", ImportFixtures.Form("regional-accounts.txt")));

        // Act
        var page = await RegistryApp.ParseAsync(await _client.GetAsync($"/cards/import/{batchId}", TestContext.Current.CancellationToken));

        // Assert
        var status = page.QuerySelector("#batch-status")!;
        Assert.Equal($"/cards/import/{batchId}", status.GetAttribute("hx-get"));
        Assert.Equal("every 1s", status.GetAttribute("hx-trigger"));
        Assert.Contains("۰ از ۱", page.QuerySelector("#summary-title")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Running", Status(page.QuerySelector("table.import-files tbody tr")!));
        Assert.NotNull(page.QuerySelector("noscript meta[http-equiv='refresh']"));
    }

    [Fact]
    public async Task Get_AnotherPersonsBatch_IsNotFoundButTheNationalOfficeSeesIt()
    {
        // Arrange
        var batchId = await ImportFixtures.BatchAsync(_app, _editor, ("a.txt", ImportFixtures.Form("regional-accounts.txt")));
        var colleague = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Agency, "لرستان"));
        var admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));

        // Act
        var asColleague = await colleague.GetAsync($"/cards/import/{batchId}", TestContext.Current.CancellationToken);
        var reviewAsColleague = await colleague.GetAsync($"/cards/import/{batchId}/1", TestContext.Current.CancellationToken);
        var asAdmin = await admin.GetAsync($"/cards/import/{batchId}", TestContext.Current.CancellationToken);
        var colleaguesList = await RegistryApp.ParseAsync(await colleague.GetAsync("/cards/import", TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, asColleague.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reviewAsColleague.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Null(colleaguesList.QuerySelector($"a[href='/cards/import/{batchId}']"));
    }

    [Fact]
    public async Task Get_UploadPage_ListsTheUploadersBatches()
    {
        // Arrange
        var batchId = await ImportFixtures.BatchAsync(_app, _editor, ("a.txt", ImportFixtures.Form("regional-accounts.txt")), ("b.txt", []));

        // Act
        var page = await RegistryApp.ParseAsync(await _client.GetAsync("/cards/import", TestContext.Current.CancellationToken));

        // Assert
        Assert.NotNull(page.QuerySelector("form#upload-form input[type=file][name=Files][multiple]"));
        var row = page.QuerySelector($"a[href='/cards/import/{batchId}']")!.Closest("tr")!;
        // files, imported, needs review, failed, saved
        Assert.Equal(["۲", "۰", "۱", "۱", "۰"], row.QuerySelectorAll("td").Skip(2).Select(td => td.TextContent.Trim()).ToList());
    }

    private static string FileName(IElement row) => row.QuerySelector(".file-name")!.ChildNodes.First().TextContent.Trim();

    private static string Status(IElement row) => row.GetAttribute("data-status")!;

    private static string Error(IElement row) => row.QuerySelector(".file-error")?.TextContent ?? "";

    private static string Digits(string persian) => new(persian.Trim().Select(c => c is >= '۰' and <= '۹' ? (char)('0' + (c - '۰')) : c).ToArray());
}
