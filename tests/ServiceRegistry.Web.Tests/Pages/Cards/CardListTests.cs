using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards;

/// <summary>The staff's list: search, filters, status tabs with counts, and sending the selected cards for review.</summary>
public sealed class CardListTests : IAsyncLifetime
{
    private const string Agency = "اداره کل آزمایش";
    private readonly RegistryApp _app = new();
    private HttpClient _editor = null!;
    private int[] _ids = [];

    public async ValueTask InitializeAsync()
    {
        await _app.AgencyAsync(Agency, "تهران");
        _editor = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Agency, "تهران"));
        var cards = await _app.SeedAsync(
            new CardBuilder().Titled("آموزش رانندگی"),
            new CardBuilder().Titled("صدور پروانه کسب"),
            new CardBuilder().Titled("تمدید پروانه کسب").InStatus(CardStatus.Submitted),
            new CardBuilder().Titled("خدمت دستگاه دیگر").OfAgency("اداره کل دیگر", "تهران"));
        _ids = cards.Select(c => c.Id).ToArray();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static List<string> Titles(AngleSharp.Dom.IDocument page) =>
        page.QuerySelectorAll(".cards-list td.title").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task Get_SearchAndStatusTab_NarrowTheListAndTabsCountEachStatus()
    {
        // Act
        var all = await RegistryApp.ParseAsync(await _editor.GetAsync("/cards"));
        var searched = await RegistryApp.ParseAsync(await _editor.GetAsync("/cards?q=" + Uri.EscapeDataString("پروانه")));
        var submitted = await RegistryApp.ParseAsync(await _editor.GetAsync("/cards?q=" + Uri.EscapeDataString("پروانه") + "&status=Submitted"));
        var folded = await RegistryApp.ParseAsync(await _editor.GetAsync("/cards?q=" + Uri.EscapeDataString("اموزش")));

        // Assert
        Assert.Equal(3, Titles(all).Count);
        Assert.DoesNotContain("خدمت دستگاه دیگر", Titles(all));
        Assert.Equal(["تمدید پروانه کسب", "صدور پروانه کسب"], Titles(searched).Order(StringComparer.Ordinal).ToList());
        Assert.Contains("۱", searched.QuerySelector(".status-tabs a[data-status='Draft'] .badge")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("۱", searched.QuerySelector(".status-tabs a[data-status='Submitted'] .badge")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["تمدید پروانه کسب"], Titles(submitted));
        Assert.Equal(["آموزش رانندگی"], Titles(folded));
    }

    [Fact]
    public async Task Post_SubmitSelected_SendsEachSelectedDraftForReview()
    {
        // Act
        var response = await _editor.PostFormAsync("/cards", "/cards?handler=submitselected", new Dictionary<string, string>
        {
            ["Selected[0]"] = _ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Selected[1]"] = _ids[1].ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var statuses = await _app.WithDbAsync(db => db.Cards.Where(c => c.Id == _ids[0] || c.Id == _ids[1]).Select(c => c.Status).ToListAsync());
        Assert.All(statuses, s => Assert.Equal(CardStatus.Submitted, s));
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task Post_ExportSelected_WritesTheSelectedCardsThePersonMaySee_NotAnotherAgencysDraft(string format)
    {
        // Act: two cards of the editor's agency and, slipped into the form, another agency's draft
        var response = await _editor.PostFormAsync("/cards", "/cards?handler=exportselected", new Dictionary<string, string>
        {
            ["Selected[0]"] = _ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Selected[1]"] = _ids[2].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Selected[2]"] = _ids[3].ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["format"] = format,
        });
        var text = await TextOfAsync(response, format);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"cards-1405-01-01-1130.{format}", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("آموزش رانندگی", text, StringComparison.Ordinal);
        Assert.Contains("تمدید پروانه کسب", text, StringComparison.Ordinal);
        Assert.DoesNotContain("صدور پروانه کسب", text, StringComparison.Ordinal); // not selected
        Assert.DoesNotContain("خدمت دستگاه دیگر", text, StringComparison.Ordinal); // not the editor's to see
    }

    /// <summary>What a downloaded file says: the text itself, or every part of a workbook.</summary>
    private static async Task<string> TextOfAsync(HttpResponseMessage response, string format)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (format != "xlsx")
        {
            return System.Text.Encoding.UTF8.GetString(bytes);
        }

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        return string.Concat(zip.Entries.Select(e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        }));
    }
}
