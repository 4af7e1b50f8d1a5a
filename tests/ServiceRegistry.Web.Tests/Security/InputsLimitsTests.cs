using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Testing;
using ServiceRegistry.Web.Infrastructure;
using ServiceRegistry.Web.Tests.Pages.Cards.Import;

namespace ServiceRegistry.Web.Tests.Security;

/// <summary>
/// Every bound answers 413 and never 500 (issue 13): problem details with a Persian detail under /api, the Persian
/// error page elsewhere; archives over the entry cap are refused naming the count. The bodies are generated as they
/// are sent (<see cref="FillerStream"/>), so a 150 MB request costs no memory.
/// </summary>
public sealed class InputsLimitsTests : IAsyncLifetime
{
    private const string Agency = "اداره کل آزمایش حدود";
    private const long Megabyte = 1024 * 1024;
    private readonly RegistryApp _app = new();
    private TestUser _editor = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _editor = await _app.UserAsync(Roles.AgencyEditor, Agency, "تهران");
        _client = await _app.ClientAsAsync(_editor);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("POST", "/api/v1/services", 40, "application/json")]
    [InlineData("POST", "/api/v1/services/import", 150, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("PUT", "/api/v1/services/{id}", 40, "application/json")]
    public async Task Api_BodyOverItsBound_Is413ProblemInPersian(string method, string path, int megabytes, string contentType)
    {
        // Arrange
        var card = (await _app.SeedAsync(new CardBuilder().OfAgency(Agency, "تهران").InStatus(CardStatus.Draft)))[0];
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", card.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            Content = Filler(megabytes * Megabyte, contentType, knownLength: true),
        };
        request.Headers.IfMatch.ParseAdd($"\"{card.Id}-{card.Version}\"");

        // Act
        var response = await _client.SendAsync(request, Ct);

        // Assert
        await AssertProblem413Async(response);
    }

    [Fact]
    public async Task Api_ChunkedCardOverTheBound_Is413ProblemInPersian()
    {
        // Arrange: no Content-Length, so the bound is found while reading
        var content = Filler(6 * Megabyte, "application/json", knownLength: false);

        // Act
        var response = await _client.PostAsync("/api/v1/services", content, Ct);

        // Assert
        await AssertProblem413Async(response);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/healthz", Ct)).StatusCode);
    }

    [Fact]
    public async Task Api_WorkbookWithMoreEntriesThanTheCap_Is400NamingTheCount()
    {
        // Act
        var response = await _client.PostAsync("/api/v1/services/import", new ByteArrayContent(ManyEntries(SafeZip.MaxEntries + 1)), Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("001 فایل دارد", problem.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_FormOverTheDefaultBound_Is413PersianPage()
    {
        // Arrange
        var content = Filler(40 * Megabyte, "application/x-www-form-urlencoded", knownLength: true);

        // Act
        var response = await _client.PostAsync("/cards/new", content, Ct);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("حجم درخواست بیش از اندازه است", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ChunkedFormOverTheDefaultBound_Is413PersianPage()
    {
        // Arrange: no Content-Length; the page's antiforgery check is what reads the form
        using var content = new MultipartFormDataContent { { Filler(RequestLimits.DefaultBytes + Megabyte, "application/octet-stream", knownLength: false), "File", "big.bin" } };

        // Act
        var response = await _client.PostAsync("/cards/new", content, Ct);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("حجم درخواست بیش از اندازه است", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ChunkedSpreadsheetOverItsBound_Is413PersianPage()
    {
        // Arrange: the antiforgery token is in the form, and the file behind it has no length the page could check first
        var token = await _client.AntiforgeryTokenAsync("/cards/import/spreadsheet");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { Filler(Web.Pages.Cards.Import.SpreadsheetModel.MaxBytes + Megabyte, "application/octet-stream", knownLength: false), "File", "big.xlsx" },
        };

        // Act
        var response = await _client.PostAsync("/cards/import/spreadsheet", content, Ct);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("مگابایت", page.QuerySelector("#upload-problem")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_ZipWithMoreEntriesThanTheCap_IsRefusedNamingTheCount()
    {
        // Act
        var response = await ImportFixtures.UploadAsync(_client, ("many.zip", ManyEntries(SafeZip.MaxEntries + 1)));
        var batchId = ImportFixtures.BatchId(response);
        var item = await _app.WithDbAsync(db => db.ImportItems.SingleAsync(i => i.BatchId == batchId, Ct));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(ImportOutcome.Failed, item.Outcome);
        Assert.Contains("001 فایل دارد", item.Error, StringComparison.Ordinal);
    }

    private static async Task AssertProblem413Async(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Contains("مگابایت", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static StreamContent Filler(long length, string contentType, bool knownLength)
    {
        var content = new StreamContent(new FillerStream(length));
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Headers.ContentLength = knownLength ? length : null;
        return content;
    }

    private static byte[] ManyEntries(int count) => ImportFixtures.Zip([.. Enumerable.Range(0, count).Select(i => ($"f{i}.txt", Array.Empty<byte>()))]);

    /// <summary><c>length</c> bytes of 'a', made as they are read.</summary>
    private sealed class FillerStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
