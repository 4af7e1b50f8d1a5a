using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards.Import;

/// <summary>Reviewing an imported file (/cards/import/{batch}/{n}) and saving it as a draft.</summary>
public sealed class ReviewTests : IAsyncLifetime
{
    private const string Agency = "سازمان مدیریت و برنامه ریزی لرستان";
    private readonly RegistryApp _app = new();
    private TestUser _editor = null!;
    private HttpClient _client = null!;
    private int _batchId;

    public async ValueTask InitializeAsync()
    {
        _editor = await _app.UserAsync(Roles.AgencyEditor, Agency, "لرستان");
        _client = await _app.ClientAsAsync(_editor);
        // service-desk-supervision: four unsure fields (stages.request, recipients.unit, inPersonVisits, provider.province) and unmapped text
        _batchId = await ImportFixtures.BatchAsync(_app, _editor,
            ("service-desk-supervision.txt", ImportFixtures.Form("service-desk-supervision.txt")),
            ("empty.txt", []));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private string Review(int n = 1) => $"/cards/import/{_batchId}/{n}";

    [Fact]
    public async Task Get_ReadFile_ShowsTheDraftBesideItsSourceWithUnsureFieldsHighlightedAndUnmappedText()
    {
        // Arrange
        var item = await _app.WithDbAsync(db => db.ImportItems.AsNoTracking().SingleAsync(i => i.BatchId == _batchId && i.Position == 1));

        // Act
        var page = await RegistryApp.ParseAsync(await _client.GetAsync(Review(), TestContext.Current.CancellationToken));

        // Assert: the form holds the draft, its agency preselected
        Assert.Equal(item.Draft!.Title, page.QuerySelector("#Card_Title")!.GetAttribute("value"));
        Assert.Equal(Agency, page.QuerySelector("#AgencyId option[selected]")!.TextContent.Split(" (")[0]);
        Assert.Equal("ذخیره پیش‌نویس", page.QuerySelector(".save-bar button[type=submit]")!.TextContent.Trim());

        // …the source text beside it, line by line, the unsure lines marked
        var lines = page.QuerySelectorAll("#source-text li").ToList();
        Assert.Equal(item.SourceText!.Split('\n').Length, lines.Count);
        Assert.Contains("راهبری و نظارت بر میز خدمت", page.QuerySelector("#source-text")!.TextContent, StringComparison.Ordinal);
        var unsure = item.Sources().Where(s => s.Confidence == Confidence.Unsure).ToList();
        Assert.Equal(4, unsure.Count);
        Assert.All(unsure, s => Assert.Contains("unsure", page.QuerySelector($"#source-line-{s.Line}")!.ClassList));

        // …each unsure field highlighted on the form with a note, and listed with a link to it
        Assert.Contains("field-unsure", page.QuerySelector("#Card_Recipients_Unit")!.Closest(".field")!.ClassList);
        Assert.NotNull(page.QuerySelector("#Card_Recipients_Unit-unsure"));
        Assert.Contains("field-unsure", page.QuerySelector("#Card_Provider_Province")!.Closest(".field")!.ClassList);
        Assert.Contains("field-unsure", page.QuerySelector("#Card_Stages_Request_Electronic")!.Closest(".field")!.ClassList);
        Assert.Contains("field-unsure", page.QuerySelector("#Card_InPersonVisits_Count")!.Closest(".field")!.ClassList);
        Assert.DoesNotContain("field-unsure", page.QuerySelector("#Card_Title")!.Closest(".field")!.ClassList);
        Assert.Equal(4, page.QuerySelectorAll("#unsure-fields li").Length);
        Assert.NotNull(page.QuerySelector("#unsure-fields a[href='#Card_Recipients_Unit']"));

        // …and the text no field took, listed beside the form and editable in the form
        Assert.NotEmpty(item.Draft.Unmapped);
        var listed = page.QuerySelectorAll("#unmapped-text li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(item.Draft.Unmapped, listed);
        Assert.NotNull(page.QuerySelector("#section-unmapped input[name='Card.Unmapped[0]']"));
    }

    [Fact]
    public async Task Post_SaveAsDraft_StoresTheDraftUnderTheAgencyAuditedAsImportedOnce()
    {
        // Arrange: the person corrects one unsure field
        var form = await HtmlForm.OpenAsync(_client, Review());
        form.Set("Card.Recipients.Unit", "دستگاه اجرایی");

        // Act
        var response = await form.PostAsync(_client);
        var batch = await RegistryApp.ParseAsync(await _client.GetAsync($"/cards/import/{_batchId}", TestContext.Current.CancellationToken));

        // Assert: back on the batch with a message; the card is a draft of the agency, audited as imported
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/cards/import/{_batchId}", response.Headers.Location!.OriginalString);
        var card = await _app.WithDbAsync(db => db.Cards.AsNoTracking().Include(c => c.Agency).SingleAsync());
        Assert.Equal(CardStatus.Draft, card.Status);
        Assert.Equal(_editor.AgencyId, card.AgencyId);
        Assert.Equal(Agency, card.Content.Provider!.Agency);
        Assert.Equal("دستگاه اجرایی", card.Content.Recipients!.Unit);
        Assert.Equal("راهبری و نظارت بر میز خدمت دستگاههای اجرایی استان", card.Title);
        var audit = await _app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.CardId == card.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.Imported], audit);
        Assert.Equal(card.Id, await _app.WithDbAsync(db => db.ImportItems.Where(i => i.BatchId == _batchId && i.Position == 1).Select(i => i.CardId).SingleAsync()));
        Assert.Contains("به صورت پیش‌نویس ذخیره شد", batch.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(batch.QuerySelector($"#file-1 a[href='/cards/{card.Id}']"));
    }

    [Fact]
    public async Task Post_SameFileTwice_StoresOneCard()
    {
        // Arrange: two tabs open the same file
        var first = await HtmlForm.OpenAsync(_client, Review());
        var second = await HtmlForm.OpenAsync(_client, Review());

        // Act
        var one = await first.PostAsync(_client);
        var two = await second.PostAsync(_client);
        var page = await RegistryApp.ParseAsync(await _client.GetAsync(Review(), TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, two.StatusCode);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Cards.CountAsync()));
        Assert.Null(page.QuerySelector("#card-form"));
        Assert.Contains("ذخیره شده است", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutTitle_ShowsTheErrorAndKeepsSourceAndHighlights()
    {
        // Arrange
        var form = (await HtmlForm.OpenAsync(_client, Review())).Set("Card.Title", "");

        // Act
        var response = await form.PostAsync(_client);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("عنوان خدمت لازم است.", page.QuerySelector("#Card_Title-error")!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll("#source-text li.unsure"));
        Assert.NotNull(page.QuerySelector("#Card_Recipients_Unit-unsure"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Cards.CountAsync()));
    }

    [Fact]
    public async Task Post_AddListRow_RedrawsTheReviewWithoutSaving()
    {
        // Arrange
        var form = await HtmlForm.OpenAsync(_client, Review());

        // Act
        var response = await form.Set("list", "RequiredDocuments").PostAsync(_client, "?handler=Add");
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(page.QuerySelector("#source-text"));
        Assert.NotNull(page.QuerySelector("#Card_Recipients_Unit-unsure"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Cards.CountAsync()));
    }

    [Fact]
    public async Task Get_FailedFile_ShowsItsReasonAndNoForm()
    {
        // Act
        var page = await RegistryApp.ParseAsync(await _client.GetAsync(Review(2), TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("خالی", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#card-form"));
    }

    [Fact]
    public async Task Post_FileOfAnotherPersonsBatch_IsNotFoundAndStoresNothing()
    {
        // Arrange
        var form = await HtmlForm.OpenAsync(_client, Review());
        var colleague = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, Agency, "لرستان"));
        var token = await colleague.AntiforgeryTokenAsync("/cards/new");

        // Act
        var response = await form.Set("__RequestVerificationToken", token).PostAsync(colleague);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Cards.CountAsync()));
    }
}
