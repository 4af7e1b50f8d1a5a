using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards;

public sealed class EditTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();
    private HttpClient _client = null!;
    private int _id;

    public async ValueTask InitializeAsync()
    {
        var cards = await _app.SeedAsync(new CardBuilder().Titled("صدور پروانه").With(c => c.ProcessSteps = ["ثبت درخواست", "بررسی"]));
        _id = cards[0].Id;
        _client = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, "اداره کل آزمایش", "تهران"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Post_ChangedStep_IsSavedAndVersionGoesUp()
    {
        // Arrange
        var form = (await HtmlForm.OpenAsync(_client, $"/cards/{_id}/edit")).Set("Card.ProcessSteps[1]", "بررسی و تایید");

        // Act
        var response = await form.PostAsync(_client);
        var page = await RegistryApp.ParseAsync(await _client.GetAsync($"/cards/{_id}", TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cards/{_id}", response.Headers.Location!.OriginalString);
        var card = await _app.WithDbAsync(db => db.Cards.SingleAsync(c => c.Id == _id));
        Assert.Equal(["ثبت درخواست", "بررسی و تایید"], card.Content.ProcessSteps);
        Assert.Equal(2, card.Version);
        Assert.Contains("تغییرات ذخیره شد", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_StaleVersion_IsRefusedWithTheNewerVersionOfferedAndInputKept()
    {
        // Arrange: two people open the same card; the first saves
        var mine = (await HtmlForm.OpenAsync(_client, $"/cards/{_id}/edit")).Set("Card.Title", "عنوان من");
        var theirs = (await HtmlForm.OpenAsync(_client, $"/cards/{_id}/edit")).Set("Card.Title", "عنوان دیگری");
        await theirs.PostAsync(_client);

        // Act
        var response = await mine.PostAsync(_client);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var conflict = page.QuerySelector("#conflict")!;
        Assert.Contains("نسخه ۲", conflict.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/cards/{_id}", conflict.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("عنوان من", page.QuerySelector("#Card_Title")!.GetAttribute("value"));
        Assert.Equal("عنوان دیگری", await _app.WithDbAsync(db => db.Cards.Where(c => c.Id == _id).Select(c => c.Title).SingleAsync()));
    }

    [Fact]
    public async Task Post_InstanceOpenedBeforeItsTemplateChanged_SaysSoInPersianAndLinksToTheAnswer()
    {
        // Arrange: an instance's editor opens it; then its national template's documents change (flagged on the instance)
        var template = (await _app.SeedAsync(new CardBuilder().Titled("الگوی ملی آزمایشی").OfAgency("وزارت آزمایش").AsTemplate().Published()))[0].Id;
        var instance = (await _app.SeedAsync(new CardBuilder().InstanceOf(template)))[0].Id;
        var mine = (await HtmlForm.OpenAsync(_client, $"/cards/{instance}/edit")).Set("Card.Audience", "همه");
        await _app.WithDbAsync(async db =>
        {
            var card = await db.Cards.SingleAsync(c => c.Id == instance);
            card.MarkTemplateChanged(["requiredDocuments"], Core.Cards.Actor.System, _app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });

        // Act
        var page = await RegistryApp.ParseAsync(await mine.PostAsync(_client));

        // Assert
        var reason = page.QuerySelector("#conflict .template-conflict")!;
        Assert.Contains("الگوی ملی این شناسنامه تغییر کرده است (مدارک لازم)", reason.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/templates/change/{instance}", reason.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Post_OverwriteAfterConflict_SavesOnPurpose()
    {
        // Arrange
        var mine = (await HtmlForm.OpenAsync(_client, $"/cards/{_id}/edit")).Set("Card.Title", "عنوان من");
        await (await HtmlForm.OpenAsync(_client, $"/cards/{_id}/edit")).Set("Card.Title", "عنوان دیگری").PostAsync(_client);
        var conflictPage = await RegistryApp.ParseAsync(await mine.PostAsync(_client));

        // Act
        var response = await HtmlForm.From(conflictPage, $"/cards/{_id}/edit").Set("OverwriteVersion", "2").PostAsync(_client);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("عنوان من", await _app.WithDbAsync(db => db.Cards.Where(c => c.Id == _id).Select(c => c.Title).SingleAsync()));
    }
}
