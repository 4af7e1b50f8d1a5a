using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages.Feedback;

/// <summary>The citizen's page of a published service (/services/{id}/guide) and its «گزارش اشکال این صفحه» form.</summary>
public sealed class GuideTests : IAsyncLifetime
{
    private const string Agency = "اداره کل راهنمای شهروند فارس";
    private readonly RegistryApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<int> PublishedAsync(string title = "صدور کارت راهنمای شهروند") =>
        (await _app.SeedAsync(new CardBuilder().Titled(title).OfAgency(Agency, "فارس").With(c =>
        {
            c.Description = "این خدمت برای گرفتن کارت است.";
            c.Audience = "همه شهروندان بالای ۱۸ سال";
            c.RequiredDocuments = ["اصل شناسنامه", "کارت ملی"];
            c.Fees = new Fees { AmountsRials = [250000], ElectronicPayment = true };
            c.AverageDuration = new AverageDuration { Value = 3, Unit = DurationUnit.Day };
            c.ProcessSteps = ["ثبت درخواست", "بررسی مدارک"];
            c.WebAddresses = ["https://card.example.ir/apply"];
            c.Offices = [new Office { Name = "دفتر مرکزی شیراز", Province = "فارس", Address = "شیراز، خیابان زند", Phone = "071-1234567" }];
        }).Published()))[0].Id;

    [Fact]
    public async Task Get_PublishedService_ShowsItInPlainWordsWithTheOfficialFormOneLinkAway()
    {
        // Arrange
        var id = await PublishedAsync();
        var client = _app.CreateBrowserlessClient();

        // Act
        var response = await client.GetAsync($"/services/{id}/guide", Ct);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("rtl", page.DocumentElement.GetAttribute("dir"));
        Assert.Contains("صدور کارت راهنمای شهروند", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("همه شهروندان", page.QuerySelector("#guide-who")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["اصل شناسنامه", "کارت ملی"], page.QuerySelectorAll("#guide-documents li").Select(li => li.TextContent.Trim()));
        Assert.Contains("۲۵۰٬۰۰۰ ریال", page.QuerySelector("#guide-fees")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("برخط", page.QuerySelector("#guide-fees")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["ثبت درخواست", "بررسی مدارک"], page.QuerySelectorAll("#guide-steps li").Select(li => li.TextContent.Trim()));
        Assert.Contains("۳ روز", page.QuerySelector("#guide-duration")!.TextContent, StringComparison.Ordinal);
        var where = page.QuerySelector("#guide-where")!;
        Assert.Equal("https://card.example.ir/apply", where.QuerySelector(".guide-online a")!.GetAttribute("href"));
        Assert.True(where.TextContent.IndexOf("card.example.ir", StringComparison.Ordinal) < where.TextContent.IndexOf("دفتر مرکزی شیراز", StringComparison.Ordinal), "online first, then offices");
        Assert.Equal($"/services/{id}", page.QuerySelector("#guide-official")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("#feedback form textarea[name='Form.Text']"));
        // Not the official form: none of the spec's technical tables
        Assert.Null(page.QuerySelector(".official-card"));
    }

    [Fact]
    public async Task Get_CardNotPublished_IsNotFound()
    {
        // Arrange
        var draft = (await _app.SeedAsync(new CardBuilder().Titled("پیش‌نویس راهنما").OfAgency(Agency, "فارس")))[0].Id;

        // Act
        var response = await _app.CreateBrowserlessClient().GetAsync($"/services/{draft}/guide", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CatalogAndOfficialForm_LinkToTheCitizenPage()
    {
        // Arrange
        var id = await PublishedAsync();
        var client = _app.CreateBrowserlessClient();

        // Act
        var catalog = await RegistryApp.ParseAsync(await client.GetAsync("/", Ct));
        var official = await RegistryApp.ParseAsync(await client.GetAsync($"/services/{id}", Ct));

        // Assert
        Assert.NotNull(catalog.QuerySelector($"table.service-list a.guide-link[href='/services/{id}/guide']"));
        Assert.NotNull(official.QuerySelector($"a.guide-link[href='/services/{id}/guide']"));
    }

    [Fact]
    public async Task Post_Feedback_IsStoredForTheCardsAgencyAndThanksTheSender()
    {
        // Arrange
        var id = await PublishedAsync();
        var client = await _app.ClientAsAsync(null);

        // Act
        var response = await client.SendFeedbackAsync(_app, id, "شماره تلفن دفتر مرکزی اشتباه است.", contact: "citizen@example.ir");
        var after = await RegistryApp.ParseAsync(await client.GetAsync(response.Headers.Location!.OriginalString, Ct));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("گزارش شما رسید", after.QuerySelector("#feedback")!.TextContent, StringComparison.Ordinal);
        var stored = await _app.WithDbAsync(db => db.Feedback.SingleAsync(Ct));
        Assert.Equal(id, stored.CardId);
        Assert.Equal(await _app.AgencyAsync(Agency, "فارس"), stored.AgencyId);
        Assert.Equal("citizen@example.ir", stored.Contact);
        Assert.DoesNotContain("127.0.0.1", stored.Client, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "متن گزارش را بنویسید.")]
    [InlineData("کوتاه", "دست‌کم ۱۰")]
    public async Task Post_InvalidText_ShowsAPersianMessageAndStoresNothing(string text, string message)
    {
        // Arrange
        var id = await PublishedAsync();
        var client = await _app.ClientAsAsync(null);

        // Act
        var response = await client.SendFeedbackAsync(_app, id, text);
        var page = await RegistryApp.ParseAsync(response);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.QuerySelector("#feedback")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Feedback.CountAsync(Ct)));
    }

    [Fact]
    public async Task Post_BadContact_ShowsAPersianMessage()
    {
        // Arrange
        var id = await PublishedAsync();
        var client = await _app.ClientAsAsync(null);

        // Act
        var page = await RegistryApp.ParseAsync(await client.SendFeedbackAsync(_app, id, "متن گزارش به اندازه کافی بلند است.", contact: "نمی‌دانم"));

        // Assert
        Assert.Contains("راه تماس باید یک ایمیل یا شماره تلفن باشد.", page.QuerySelector("#feedback")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Feedback.CountAsync(Ct)));
    }

    [Fact]
    public async Task Post_TheMomentTheFormWasShown_IsRefusedAsTooFast()
    {
        // Arrange
        var id = await PublishedAsync();
        var client = await _app.ClientAsAsync(null);

        // Act: a robot posts within a second of loading the page
        var page = await RegistryApp.ParseAsync(await client.SendFeedbackAsync(_app, id, "متن گزارش به اندازه کافی بلند است.", wait: TimeSpan.FromMilliseconds(500)));

        // Assert
        Assert.Contains("خیلی زود", page.QuerySelector("#feedback")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Feedback.CountAsync(Ct)));
    }

    [Fact]
    public async Task Post_WithTheHiddenFieldFilled_LooksAcceptedButStoresNothing()
    {
        // Arrange
        var id = await PublishedAsync();
        var client = await _app.ClientAsAsync(null);

        // Act
        var response = await client.SendFeedbackAsync(_app, id, "خرید ارزان داروی لاغری در این نشانی", website: "http://spam.example");

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Feedback.CountAsync(Ct)));
    }

    [Fact]
    public async Task Post_WithAForgedOrMissingStamp_IsRefused()
    {
        // Arrange
        var id = await PublishedAsync();
        var client = await _app.ClientAsAsync(null);
        var token = await client.AntiforgeryTokenAsync($"/services/{id}/guide");

        // Act
        var response = await client.PostAsync($"/services/{id}/guide", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Form.Text"] = "متن گزارش به اندازه کافی بلند است.",
            ["Form.Stamp"] = "forged",
        }), Ct);

        // Assert
        Assert.Contains("کهنه شده", (await RegistryApp.ParseAsync(response)).QuerySelector("#feedback")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Feedback.CountAsync(Ct)));
    }

    [Fact]
    public async Task Post_MoreThanTheLimitInAnHour_FromOneClient_IsRefusedOnEveryNode()
    {
        // Arrange: two nodes on one database; the same client posts to either
        var id = await PublishedAsync();
        await using var nodeB = _app.AnotherNode();
        var onA = await _app.ClientAsAsync(null);
        var onB = await nodeB.ClientAsAsync(null);

        // Act: five reports alternate between the nodes, the sixth goes to node B
        for (var i = 0; i < 5; i++)
        {
            var sent = await (i % 2 == 0 ? onA : onB).SendFeedbackAsync(_app, id, $"گزارش شماره {i} درباره این صفحه");
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var sixth = await onB.SendFeedbackAsync(_app, id, "گزارش ششم درباره این صفحه");
        var laterOnA = await onA.SendFeedbackAsync(_app, id, "گزارش هفتم پس از یک ساعت", wait: TimeSpan.FromMinutes(61));

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Contains("بعداً دوباره بفرستید", (await RegistryApp.ParseAsync(sixth)).QuerySelector("#feedback")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, laterOnA.StatusCode);
        Assert.Equal(6, await _app.WithDbAsync(db => db.Feedback.CountAsync(Ct)));
    }
}
