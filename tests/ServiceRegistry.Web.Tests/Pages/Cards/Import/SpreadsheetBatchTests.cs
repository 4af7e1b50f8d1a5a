using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards.Import;

/// <summary>Bulk entry at scale: rows stored in batches (the per-row report and the duplicate check kept across batch
/// boundaries), and a row limit per upload that refuses a larger workbook whole, on the page and in the API.</summary>
public sealed class SpreadsheetBatchTests : IAsyncLifetime
{
    private const string Agency = "اداره کل آزمایش دسته‌ای";
    private const int Limit = 3;
    private readonly SmallLimitApp _app = new();
    private TestUser _editor = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The app with a row limit of <see cref="Limit"/> per upload (the Imports section's option).</summary>
    private sealed class SmallLimitApp : RegistryApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Imports:MaxSpreadsheetRows", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public async ValueTask InitializeAsync()
    {
        _editor = await _app.UserAsync(Roles.AgencyEditor, Agency, "فارس");
        _client = await _app.ClientAsAsync(_editor);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static Task<byte[]> WorkbookAsync(int rows) =>
        Workbooks.OfAsync(Enumerable.Range(1, rows).Select(i => new CardContent { Title = $"خدمت شماره {i}" }).ToArray());

    private async Task<HttpResponseMessage> UploadAsync(byte[] bytes)
    {
        var token = await _client.AntiforgeryTokenAsync("/cards/import/spreadsheet");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(_editor.AgencyId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), "AgencyId" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "File", "services.xlsx");
        return await _client.PostAsync("/cards/import/spreadsheet", content, Ct);
    }

    [Fact]
    public async Task Post_MoreRowsThanTheLimit_Is400WithAPersianMessage_AndStoresNothing()
    {
        // Arrange
        var bytes = await WorkbookAsync(Limit + 1);

        // Act
        var response = await UploadAsync(bytes);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("حداکثر ۳ ردیف", page.QuerySelector("#upload-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#import-report"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Cards.CountAsync(Ct)));
    }

    [Fact]
    public async Task Api_MoreRowsThanTheLimit_Is400ProblemDetails_AndStoresNothing()
    {
        // Arrange
        var bytes = await WorkbookAsync(Limit + 1);
        using var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        // Act
        var response = await _client.PostAsync("/api/v1/services/import", body, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("حداکثر ۳ ردیف", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Cards.CountAsync(Ct)));
    }

    [Fact]
    public async Task Post_RowsUpToTheLimit_AreStored()
    {
        // Act
        var response = await UploadAsync(await WorkbookAsync(Limit));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Limit, await _app.WithDbAsync(db => db.Cards.CountAsync(Ct)));
    }
}

/// <summary>The batch form of <see cref="CardWorkflow.CreateDraftsAsync"/> behind bulk entry, beyond one batch.</summary>
public sealed class SpreadsheetManyRowsTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();
    private TestUser _editor = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _editor = await _app.UserAsync(Roles.AgencyEditor, "اداره کل آزمایش انبوه", "فارس");
        _client = await _app.ClientAsAsync(_editor);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Api_MoreRowsThanOneBatch_StoresEveryGoodRow_AndReportsRepeatsWithTheEarlierCard()
    {
        // Arrange: more rows than one batch; the last repeats the first row's title, one row in the middle is bad
        var count = CardWorkflow.DraftBatchSize + 20;
        var contents = Enumerable.Range(1, count).Select(i => new CardContent { Title = $"خدمت انبوه {i}" }).ToList();
        contents[^1].Title = "خدمت انبوه 1";
        contents[300].Title = "";
        using var body = new ByteArrayContent(await Workbooks.OfAsync([.. contents]));

        // Act
        var response = await _client.PostAsync("/api/v1/services/import", body, Ct);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var rows = report.GetProperty("rows").EnumerateArray().ToList();

        // Assert: one answer per row, in order; the stored cards are the good rows, each audited as imported
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(count, rows.Count);
        Assert.Equal(count - 2, report.GetProperty("imported").GetInt32());
        var first = rows[0].GetProperty("id").GetInt32();
        Assert.Contains($"شناسنامه {first}", rows[^1].GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, rows[300].GetProperty("id").ValueKind);
        var stored = await _app.WithDbAsync(db => db.Cards.Select(c => new { c.Id, c.Title, c.Province }).ToListAsync(Ct));
        Assert.Equal(count - 2, stored.Count);
        Assert.All(stored, c => Assert.Equal("فارس", c.Province));
        var ids = rows.Where(r => r.GetProperty("id").ValueKind == JsonValueKind.Number).Select(r => r.GetProperty("id").GetInt32()).ToHashSet();
        Assert.Equal(ids, stored.Select(c => c.Id).ToHashSet());
        Assert.Equal(count - 2, await _app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.Imported, Ct)));
    }
}
