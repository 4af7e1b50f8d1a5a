using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards.Import;

/// <summary>
/// A Word/text file whose title and parent agency («دستگاه مادر») match a published national template (issue 17, entry
/// paths): the review page proposes the template, and the person saves the card as its instance or as a standalone card.
/// </summary>
public sealed class ReviewTemplateTests : IAsyncLifetime
{
    private const string Agency = "استانداری لرستان";
    private readonly RegistryApp _app = new();
    private HttpClient _client = null!;
    private ServiceCard _template = null!;
    private int _batchId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var editor = await _app.UserAsync(Roles.AgencyEditor, Agency, "لرستان");
        _client = await _app.ClientAsAsync(editor);
        // mayors-training.txt: «آموزش شهرداران و شوراهای با هدف آشنایی با آیین نامه ها و دستورالعمل ها», parent agency وزارت کشور
        _template = (await _app.SeedAsync(new CardBuilder()
            .Titled("آموزش شهرداران و شوراهای با هدف آشنایی با آیین‌نامه‌ها و دستورالعمل‌ها").Described("شرح ملی آموزش شهرداران")
            .OfAgency("وزارت کشور").AsTemplate().Published("12345678901")))[0];
        _batchId = await ImportFixtures.BatchAsync(_app, editor,
            ("mayors-training.txt", ImportFixtures.Form("mayors-training.txt")),
            ("regional-accounts.txt", ImportFixtures.Form("regional-accounts.txt")));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private string Review(int n = 1) => $"/cards/import/{_batchId}/{n}";

    [Fact]
    public async Task Get_FileMatchingATemplate_ProposesItsInstance_AndOffersAStandaloneCard()
    {
        // Act
        var page = await RegistryApp.ParseAsync(await _client.GetAsync(Review(), Ct));
        var other = await RegistryApp.ParseAsync(await _client.GetAsync(Review(2), Ct));

        // Assert: the template named and linked, «instance» proposed (checked), «standalone» offered, both bound to the form
        var proposal = page.QuerySelector("#template-proposal");
        Assert.NotNull(proposal);
        Assert.NotNull(proposal.QuerySelector($"a.template-proposal-link[href='/cards/{_template.Id}']"));
        Assert.Contains("وزارت کشور", proposal.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#AsTemplate_Instance[form='card-form'][checked]"));
        Assert.NotNull(page.QuerySelector("#AsTemplate_Standalone[form='card-form']"));

        // …while a file no template matches shows no proposal
        Assert.Null(other.QuerySelector("#template-proposal"));
    }

    [Fact]
    public async Task Post_TheProposal_SavesTheDraftAsTheTemplatesInstance()
    {
        // Arrange
        var form = await HtmlForm.OpenAsync(_client, Review());

        // Act
        var response = await form.PostAsync(_client);

        // Assert: an instance of the template; the file's own description kept over the template's
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var card = await _app.WithDbAsync(db => db.Cards.SingleAsync(c => !c.IsTemplate, Ct));
        Assert.Equal(_template.Id, card.TemplateId);
        Assert.Equal(_template.Version, card.TemplateVersion);
        Assert.Contains("$.description", card.Overrides);
        Assert.Contains("آموزش شهرداران و شوراهای پرسنل", card.Content.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Standalone_SavesAStandaloneDraft()
    {
        // Arrange
        var form = await HtmlForm.OpenAsync(_client, Review());
        form.Set("AsTemplate", "Standalone");

        // Act
        var response = await form.PostAsync(_client);

        // Assert
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var card = await _app.WithDbAsync(db => db.Cards.SingleAsync(c => !c.IsTemplate, Ct));
        Assert.Null(card.TemplateId);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Cards.CountAsync(c => c.TemplateId != null, Ct)));
    }
}
