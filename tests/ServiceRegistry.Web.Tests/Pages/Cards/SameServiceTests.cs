using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards;

/// <summary>
/// The duplicate rule (<see cref="SameService"/>) on the other entry paths: the new-card form warns with a link and
/// saves a second card only when asked to; the API answers 409 with the existing card's id unless the client confirms.
/// </summary>
public sealed class SameServiceTests : IAsyncLifetime
{
    private const string Agency = "اداره کل آزمایش";
    private readonly RegistryApp _app = new();
    private HttpClient _client = null!;
    private ServiceCard _existing = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var seeded = await _app.SeedAsync(
            new CardBuilder().Titled("صدور پروانه کسب").OfAgency(Agency, "تهران").Published("1100000001"),
            new CardBuilder().Titled("صدور پروانه ساختمان").OfAgency("اداره دیگر", "تهران"));
        _existing = seeded[0];
        _client = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Agency, "تهران"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<HtmlForm> NewFormAsync(string title) =>
        (await HtmlForm.OpenAsync(_client, "/cards/new"))
            .Set("AgencyId", _existing.AgencyId.ToString(CultureInfo.InvariantCulture))
            .Set("Card.Title", title);

    private Task<int> CountAsync() => _app.WithDbAsync(db => db.Cards.CountAsync(c => c.AgencyId == _existing.AgencyId));

    [Fact]
    public async Task Post_NewCardWithATitleTheAgencyHas_WarnsWithALinkAndSavesNothing()
    {
        // Arrange: the same title with Arabic kaf, a ZWNJ and Persian spacing
        var form = await NewFormAsync("صدور  پروانه‌ كسب");

        // Act
        var response = await form.PostAsync(_client);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector($"#same-service a[href='/cards/{_existing.Id}']"));
        Assert.NotNull(page.QuerySelector("#Duplicate_New[form='card-form']"));
        Assert.Null(page.QuerySelector("#Duplicate_Revise")); // the form offers a link to the card, not a save into it
        Assert.NotNull(page.QuerySelector("#error-summary a[href='#Duplicate']"));
        Assert.Equal("صدور  پروانه‌ كسب", page.QuerySelector("#Card_Title")!.GetAttribute("value"));
        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Post_NewCardAnywayChosen_SavesASecondCardAuditingTheChoice()
    {
        // Arrange
        var form = (await NewFormAsync("صدور پروانه کسب")).Set("Duplicate", "New");

        // Act
        var response = await form.PostAsync(_client);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, await CountAsync());
        var card = await _app.WithDbAsync(db => db.Cards.AsNoTracking().Where(c => c.AgencyId == _existing.AgencyId).OrderBy(c => c.Id).LastAsync());
        var actions = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.CardId == card.Id).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.Created, AuditActions.DuplicateKept], actions);
    }

    [Fact]
    public async Task Post_TitleOnlyAnotherAgencyHas_SavesWithoutAsking()
    {
        // Act
        var response = await (await NewFormAsync("صدور پروانه ساختمان")).PostAsync(_client);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Api_CreateATitleTheAgencyHas_Is409WithTheExistingCard_UnlessConfirmed()
    {
        // Arrange
        var body = CardJson.Serialize(new CardBuilder().Titled("صدور پروانه كسب").OfAgency(Agency, "تهران").BuildContent());

        // Act
        var refused = await _client.PostAsync("/api/v1/services", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var countAfterRefusal = await CountAsync();
        var confirmed = await _client.PostAsync("/api/v1/services?allowDuplicate=true", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Equal(_existing.Id, problem.GetProperty("existingCardId").GetInt32());
        Assert.Equal("صدور پروانه کسب", problem.GetProperty("existingTitle").GetString());
        Assert.Equal("published", problem.GetProperty("existingStatus").GetString());
        Assert.Equal(1, countAfterRefusal);
        Assert.Equal(HttpStatusCode.Created, confirmed.StatusCode);
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task Api_CreateWithTheNationalServiceIdOfACard_Is409EvenUnderAnotherTitle()
    {
        // Arrange
        var body = CardJson.Serialize(new CardBuilder().Titled("عنوان تازه").OfAgency(Agency, "تهران").With(c => c.ServiceId = "1100000001").BuildContent());

        // Act
        var refused = await _client.PostAsync("/api/v1/services", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(_existing.Id, (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("existingCardId").GetInt32());
    }
}
