using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Cards;

public sealed class CreateTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();
    private HttpClient _client = null!;
    private int _agencyId;

    public async ValueTask InitializeAsync()
    {
        var seeded = await _app.SeedAsync(new CardBuilder().OfAgency("اداره کل آزمایش", "تهران"));
        _agencyId = seeded[0].AgencyId;
        _client = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, "اداره کل آزمایش", "تهران"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<HtmlForm> NewFormAsync() =>
        (await HtmlForm.OpenAsync(_client, "/cards/new")).Set("AgencyId", _agencyId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public async Task Get_NewCard_ShowsTheOfficialSectionsInOrderAndEveryChoice()
    {
        // Act
        var page = await RegistryApp.ParseAsync(await _client.GetAsync("/cards/new", TestContext.Current.CancellationToken));

        // Assert
        var headings = page.QuerySelectorAll("#card-form section.form-section h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(10, headings.Count);
        Assert.StartsWith("۱ تا ۳", headings[0], StringComparison.Ordinal);
        Assert.StartsWith("۴-", headings[1], StringComparison.Ordinal);
        Assert.StartsWith("۹-", headings[6], StringComparison.Ordinal);
        Assert.Equal("تکمیل کننده فرم", headings[7]);
        Assert.StartsWith("لیست اطلاعات مجوزها", headings[8], StringComparison.Ordinal);
        Assert.Equal("محل ارائه خدمت", headings[9]); // offices, local to an instance (templates' partial)
        Assert.Equal(14, page.QuerySelectorAll("input[name='Card.LifeEvents']").Length);
        Assert.Equal(9, page.QuerySelectorAll("input[name='Card.Stages.Delivery.Channels']").Length);
        Assert.Equal("عنوان خدمت", page.QuerySelector("label[for='Card_Title']")!.TextContent.Trim()[3..]);
    }

    [Fact]
    public async Task Post_MissingTitleAndAgency_ShowsPersianErrorsBesideFieldsAndKeepsInput()
    {
        // Arrange
        var form = (await HtmlForm.OpenAsync(_client, "/cards/new"))
            .Set("AgencyId", "")
            .Set("Card.Description", "شرحی که نباید گم شود")
            .Set("Card.Recipients.Count", "۸۰");

        // Act
        var response = await form.PostAsync(_client);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("عنوان خدمت لازم است.", page.QuerySelector("#Card_Title-error")!.TextContent);
        Assert.Equal("دستگاه اجرایی را انتخاب کنید.", page.QuerySelector("#AgencyId-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#Card_Title")!.GetAttribute("aria-invalid"));
        Assert.Equal("شرحی که نباید گم شود", page.QuerySelector("#Card_Description")!.TextContent);
        Assert.Equal("۸۰", page.QuerySelector("#Card_Recipients_Count")!.GetAttribute("value"));
        Assert.Contains("۲ مورد را درست کنید", page.QuerySelector("#error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Cards.CountAsync()));
    }

    [Fact]
    public async Task Post_NumbersInPersianAndArabicDigitsWithSeparators_AreStoredAsNumbers()
    {
        // Arrange
        var form = (await NewFormAsync())
            .Set("Card.Title", "خدمت با اعداد")
            .Set("Card.Recipients.Count", "۱۲٬۰۰۰")
            .Set("Card.Frequency.Times", "٣")
            .Set("Card.Fees.AmountsRials.index", "0")
            .Set("Card.Fees.AmountsRials[0]", "۳۰۰,۰۰۰")
            .Set("Card.FormFiller.Phone", "۳۳۲۲۱۴۶۵");

        // Act
        var response = await form.PostAsync(_client);

        // Assert
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await RegistryApp.ParseAsync(response)).QuerySelector("#error-summary")?.TextContent);
        var card = await _app.WithDbAsync(db => db.Cards.SingleAsync(c => c.Title == "خدمت با اعداد"));
        Assert.Equal(12_000, card.Content.Recipients.Count);
        Assert.Equal(3, card.Content.Frequency.Times);
        Assert.Equal([300_000L], card.Content.Fees.AmountsRials);
        Assert.Equal("33221465", card.Content.FormFiller.Phone);
        Assert.Equal(CardStatus.Draft, card.Status);
        Assert.Equal("اداره کل آزمایش", card.Content.Provider.Agency);
    }

    [Fact]
    public async Task Post_BadIbanNegativeAmountWordsAndBadUrl_AreRefusedBesideTheirFieldsWithInputKept()
    {
        // Arrange
        var form = (await NewFormAsync())
            .Set("Card.Title", "خدمت نادرست")
            .Set("Card.Recipients.Count", "هشتاد")
            .Set("Card.Fees.AmountsRials.index", "0")
            .Set("Card.Fees.AmountsRials[0]", "-۵۰۰")
            .Set("Card.Fees.BankAccounts[0].Number", "IR580170000000100324200007")
            .Set("Card.Fees.BankAccounts[0].Holder", "خزانه")
            .Set("Card.WebAddresses[0]", "نشانی نادرست");

        // Act
        var page = await RegistryApp.ParseAsync(await form.PostAsync(_client));

        // Assert
        Assert.Contains("فقط عدد صحیح", page.QuerySelector("#Card_Recipients_Count-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("هشتاد", page.QuerySelector("#Card_Recipients_Count")!.GetAttribute("value"));
        Assert.Equal("عدد منفی مجاز نیست.", page.QuerySelector("#Card_Fees_AmountsRials_0_-error")!.TextContent);
        Assert.Equal("-۵۰۰", page.QuerySelector("#Card_Fees_AmountsRials_0_")!.GetAttribute("value"));
        Assert.Contains("رقم‌های کنترلی", page.QuerySelector("#Card_Fees_BankAccounts_0__Number-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("خزانه", page.QuerySelector("#Card_Fees_BankAccounts_0__Holder")!.GetAttribute("value"));
        Assert.Contains("نشانی وب درست نیست", page.QuerySelector("#Card_WebAddresses_0_-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Cards.CountAsync()));
    }

    [Fact]
    public async Task Post_OtherTickedWithoutText_SavesTheDraftAndWarnsBesideTheField()
    {
        // Arrange
        var form = (await NewFormAsync()).Set("Card.Title", "خدمت با سایر").Tick("Card.LifeEvents", "Other");

        // Act
        var response = await form.PostAsync(_client);
        var id = response.Headers.Location!.OriginalString.Split('/').Last();
        var edit = await RegistryApp.ParseAsync(await _client.GetAsync($"/cards/{id}/edit", TestContext.Current.CancellationToken));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("«سایر» انتخاب شده است", edit.QuerySelector("#Card_LifeEventOther-warning")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(edit.QuerySelector("#Card_LifeEvents_Other[checked]"));
        Assert.Contains(edit.QuerySelectorAll(".missing-fields a"), a => a.GetAttribute("href") == "#Card_LifeEventOther");
    }

    [Fact]
    public async Task PostAdd_ThenRemove_ChangesTheListWithoutSavingAndKeepsTypedValuesWithTheirRows()
    {
        // Arrange
        var form = (await NewFormAsync())
            .Set("Card.Title", "خدمت چند مرحله‌ای")
            .Set("Card.ProcessSteps[0]", "مرحله اول")
            .Set("Card.ProcessSteps[1]", "مرحله دوم")
            .Set("Card.ProcessSteps[2]", "مرحله سوم")
            .Set("Card.Recipients.Count", "نامعلوم");

        // Act
        var added = await RegistryApp.ParseAsync(await form.PostAsync(_client, "?handler=Add&list=Card.ProcessSteps"));
        var removed = await RegistryApp.ParseAsync(await HtmlForm.From(added, "/cards/new").PostAsync(_client, "?handler=Remove&list=Card.ProcessSteps&index=1"));

        // Assert
        Assert.Equal(4, added.QuerySelectorAll("input[name^='Card.ProcessSteps[']").Length);
        Assert.NotNull(added.QuerySelector("#Card_ProcessSteps_3_[autofocus]"));
        Assert.Null(added.QuerySelector("#error-summary"));
        var steps = removed.QuerySelectorAll("input[name^='Card.ProcessSteps[']").Select(i => i.GetAttribute("value")).ToList();
        Assert.Equal(["مرحله اول", "مرحله سوم", ""], steps);
        Assert.Equal("نامعلوم", removed.QuerySelector("#Card_Recipients_Count")!.GetAttribute("value"));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Cards.CountAsync()));
    }

    [Fact]
    public async Task PostAdd_NestedInquiryOfAPermit_AddsTheRowUnderThatPermit()
    {
        // Arrange
        var form = (await NewFormAsync()).Set("Card.Title", "خدمت مجوزدار");
        var withPermit = await RegistryApp.ParseAsync(await form.PostAsync(_client, "?handler=Add&list=Card.Permits"));
        var permitForm = HtmlForm.From(withPermit, "/cards/new").Set("Card.Permits[0].Title", "پروانه کسب");

        // Act
        var page = await RegistryApp.ParseAsync(await permitForm.PostAsync(_client, "?handler=Add&list=" + Uri.EscapeDataString("Card.Permits[0].Inquiries")));

        // Assert
        Assert.Equal("پروانه کسب", page.QuerySelector("#Card_Permits_0__Title")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#Card_Permits_0__Inquiries_0__Agency[autofocus]"));
    }
}
