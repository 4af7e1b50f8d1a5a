using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Testing;

namespace ServiceRegistry.BrowserTests;

/// <summary>National templates in the browser: an instance's editor answers a template change, and the coverage matrix.</summary>
public sealed class TemplateJourneyTests(BrowserSession session)
{
    private const string Ministry = "وزارت نمونه الگوهای مرورگر";

    /// <summary>A published template of <see cref="Ministry"/> with published instances of the session's Lorestan
    /// agency and of a Tehran agency.</summary>
    private async Task<(int Template, int Lorestan, int Tehran)> TemplateWithInstancesAsync(string title)
    {
        var template = (await session.App.SeedAsync(new CardBuilder().Titled(title).OfAgency(Ministry)
            .With(c => c.RequiredDocuments = ["کارت آمایش", "گذرنامه"]).AsTemplate().Published()))[0].Id;
        var instances = await session.App.SeedAsync(
            new CardBuilder().OfAgency(BrowserSession.Agency, BrowserSession.Province).InstanceOf(template).Published(),
            new CardBuilder().OfAgency("استانداری", "تهران").With(c => c.Fees.AmountsRials = [450000]).InstanceOf(template).Published());
        return (template, instances[0].Id, instances[1].Id);
    }

    [Fact]
    public async Task TemplateDocumentsChange_MarksBothInstances_AndTheEditorAcceptsItSideBySide()
    {
        // Arrange: the ministry's staff revise the template's documents; the revision is approved and published
        var (template, lorestan, tehran) = await TemplateWithInstancesAsync("صدور مدارک اقامتی (الگوی مرورگر)");
        await using (var scope = session.App.Services.CreateAsyncScope())
        {
            var workflow = scope.ServiceProvider.GetRequiredService<CardWorkflow>();
            var ministry = await session.App.WithDbAsync(db => db.Agencies.Where(a => a.Name == Ministry).Select(a => a.Id).SingleAsync());
            var staff = new Actor(null, "کارشناس وزارت", new HashSet<string> { Roles.AgencyEditor }, ministry, new HashSet<int> { ministry }, null);
            var revision = (await workflow.RunAsync(template, WorkflowAction.Revise, staff)).Card!;
            var content = revision.Content;
            content.RequiredDocuments = ["کارت آمایش", "گذرنامه", "گواهی اقامت محل"];
            Assert.True((await workflow.SaveContentAsync(revision.Id, staff, content, null)).Ok);
            Assert.True((await workflow.RunAsync(revision.Id, WorkflowAction.Submit, staff)).Ok);
            Assert.True((await workflow.RunAsync(revision.Id, WorkflowAction.Approve, Actor.System)).Ok);
            Assert.True((await workflow.RunAsync(revision.Id, WorkflowAction.Publish, Actor.System)).Ok);
        }

        // Assert: both instances are marked with the documents
        var flagged = await session.App.WithDbAsync(db => db.Cards.Where(c => c.Id == lorestan || c.Id == tehran).Select(c => c.TemplateChanges).ToListAsync());
        Assert.Equal(["requiredDocuments", "requiredDocuments"], flagged);

        // Act: the Lorestan editor opens the card, sees the notice and the change side by side, and accepts it
        var page = await session.NewPageAsync(user: session.Editor);
        await page.GotoAsync($"/cards/{lorestan}");
        await Assertions.Expect(page.Locator(".template-notice")).ToContainTextAsync("الگوی ملی تغییر کرده است");
        await page.GetByRole(AriaRole.Link, new() { Name = "بررسی تغییر الگو" }).ClickAsync();
        var row = page.Locator("tr[data-part='requiredDocuments']");
        await Assertions.Expect(row.Locator(".template-text")).ToContainTextAsync("گواهی اقامت محل");
        await Assertions.Expect(row.Locator(".own-text")).Not.ToContainTextAsync("گواهی اقامت محل");
        await Assertions.Expect(page.GetByLabel("پذیرش متن الگو برای «مدارک لازم»")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "ثبت پاسخ به تغییر الگو" }).ClickAsync();

        // Assert: back on the card, with the new documents and no pending change; the answer is audited
        await page.WaitForURLAsync($"**/cards/{lorestan}");
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("متن تازه الگو در شناسنامه نشست.");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("گواهی اقامت محل");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "بررسی تغییر الگو" })).ToHaveCountAsync(0);
        Assert.True(await session.App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.CardId == lorestan && a.Action == AuditActions.TemplateAnswered)));
        Assert.Equal("requiredDocuments", await session.App.WithDbAsync(db => db.Cards.Where(c => c.Id == tehran).Select(c => c.TemplateChanges).SingleAsync()));
    }

    [Fact]
    public async Task Instance_EditorSeesInheritedAndLocalMarks_OverridesTheDocuments_SavesThem_ThenRevertsThem()
    {
        // Arrange: a draft instance of the session's Lorestan agency
        var template = (await session.App.SeedAsync(new CardBuilder().Titled("صدور مدارک اقامتی (بازنویسی مرورگر)").OfAgency(Ministry)
            .With(c => c.RequiredDocuments = ["کارت آمایش", "گذرنامه"]).AsTemplate().Published()))[0].Id;
        var instance = (await session.App.SeedAsync(new CardBuilder().OfAgency(BrowserSession.Agency, BrowserSession.Province).InstanceOf(template)))[0].Id;
        var page = await session.NewPageAsync(user: session.Editor);

        // Act + Assert: on the form the documents are the template's, read-only; the fees are local and editable
        await page.GotoAsync($"/cards/{instance}/edit");
        var documents = page.Locator(".template-part[data-part='requiredDocuments']");
        await Assertions.Expect(documents.Locator(".part-mark")).ToHaveTextAsync("از الگوی ملی");
        await Assertions.Expect(documents.Locator("input[type=text]").First).ToBeDisabledAsync();
        await Assertions.Expect(documents.Locator("input[type=text]").First).ToHaveValueAsync("کارت آمایش");
        var fees = page.Locator(".template-part[data-part='fees']");
        await Assertions.Expect(fees.Locator(".part-mark")).ToHaveTextAsync("محلی");
        await Assertions.Expect(page.GetByLabel("توضیح هزینه")).ToBeEditableAsync();
        await Shoot(page, "inherit-form", "#part-requiredDocuments");

        // Act: override the documents, write the local text and save
        await page.GetByRole(AriaRole.Button, new() { Name = "بازنویسی محلی «مدارک لازم»" }).ClickAsync();
        await page.WaitForURLAsync($"**/cards/{instance}/edit#part-requiredDocuments");
        await Assertions.Expect(documents.Locator(".part-mark")).ToHaveTextAsync("بازنویسی‌شده");
        await documents.Locator("input[type=text]").First.FillAsync("کارت آمایش معتبر استان لرستان");
        await page.GetByRole(AriaRole.Button, new() { Name = "ذخیره", Exact = true }).Last.ClickAsync();

        // Assert: the card page marks the documents overridden, the description inherited
        await page.WaitForURLAsync($"**/cards/{instance}");
        await Assertions.Expect(page.Locator(".official-card")).ToContainTextAsync("کارت آمایش معتبر استان لرستان");
        await Assertions.Expect(page.Locator(".part-mark[data-part='requiredDocuments']")).ToHaveTextAsync("بازنویسی‌شده");
        await Assertions.Expect(page.Locator(".part-mark[data-part='description']")).ToHaveTextAsync("از الگوی ملی");
        await Shoot(page, "inherit-card", "article.official-card");

        // Act: back on the form, revert the documents to the template's text
        await page.GotoAsync($"/cards/{instance}/edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "بازگشت به متن الگو «مدارک لازم»" }).ClickAsync();

        // Assert: the template's documents are back, read-only; both steps are audited
        await page.WaitForURLAsync($"**/cards/{instance}/edit#part-requiredDocuments");
        await Assertions.Expect(documents.Locator(".part-mark")).ToHaveTextAsync("از الگوی ملی");
        await Assertions.Expect(documents.Locator("input[type=text]").First).ToHaveValueAsync("کارت آمایش");
        await Assertions.Expect(documents.Locator("input[type=text]").First).ToBeDisabledAsync();
        var stored = await session.App.WithDbAsync(db => db.Cards.SingleAsync(c => c.Id == instance));
        Assert.Equal(["کارت آمایش", "گذرنامه"], stored.Content.RequiredDocuments);
        Assert.Equal("", stored.OverriddenParts);
        var actions = await session.App.WithDbAsync(db => db.AuditEntries.Where(a => a.CardId == instance).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.PartOverridden, actions);
        Assert.Contains(AuditActions.PartReverted, actions);
    }

    /// <summary>Screenshots at 1280 and 390 px for the docs, when REGISTRY_SCREENSHOTS is set.</summary>
    private static async Task Shoot(IPage page, string name, string selector)
    {
        if (BrowserSession.ScreenshotDirectory is not { } dir)
        {
            return;
        }

        foreach (var width in new[] { 1280, 390 })
        {
            await page.SetViewportSizeAsync(width, 1000);
            await page.Locator(selector).ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(dir, $"{name}-{width}.png") });
        }

        await page.SetViewportSizeAsync(1280, 1000);
    }

    [Fact]
    public async Task CoverageMatrix_ShowsEachProvincesStatus_AndTheReviewerTheTemplatesMissingInHisProvince()
    {
        // Arrange: one template carried out in Lorestan and Tehran, another in no province yet
        var (template, _, _) = await TemplateWithInstancesAsync("الگوی پوشش مرورگر");
        var missing = (await session.App.SeedAsync(new CardBuilder().Titled("الگوی بی‌نمونه مرورگر").OfAgency(Ministry).AsTemplate().Published()))[0].Id;

        // Act
        var publicPage = await session.NewAnonymousPageAsync();
        await publicPage.GotoAsync("/templates/coverage");

        // Assert: the matrix
        var row = publicPage.Locator($"tr[data-template='{template}']");
        await Assertions.Expect(row.Locator("td[data-province='لرستان']")).ToHaveAttributeAsync("data-status", "published");
        await Assertions.Expect(row.Locator("td[data-province='تهران']")).ToHaveAttributeAsync("data-status", "published");
        await Assertions.Expect(row.Locator("td[data-province='فارس']")).ToHaveAttributeAsync("data-status", "none");
        await Assertions.Expect(row).ToContainTextAsync("۲ از ۳۱");
        await Assertions.Expect(publicPage.Locator($"tr[data-template='{missing}'] td[data-status='published']")).ToHaveCountAsync(0);
        await Assertions.Expect(publicPage.Locator("#missing-in-province")).ToHaveCountAsync(0);

        // Act + Assert: Lorestan's reviewer sees what his province still lacks
        var reviewerPage = await session.NewPageAsync(user: session.Reviewer);
        await reviewerPage.GotoAsync("/templates/coverage");
        var lacking = reviewerPage.Locator("#missing-in-province");
        await Assertions.Expect(lacking).ToContainTextAsync("الگوی بی‌نمونه مرورگر");
        await Assertions.Expect(lacking).Not.ToContainTextAsync("الگوی پوشش مرورگر");
    }

    [Fact]
    public async Task WhereToGo_PersonChoosesProvinceAndCounty_SeesThatOfficesCard()
    {
        // Arrange: a template whose Lorestan instance has offices in two counties, and a Tehran instance with one
        var template = (await session.App.SeedAsync(new CardBuilder().Titled("الگوی محل مراجعه مرورگر").OfAgency(Ministry).AsTemplate().Published()))[0].Id;
        await session.App.SeedAsync(
            new CardBuilder().OfAgency(BrowserSession.Agency, BrowserSession.Province).InstanceOf(template).Published().With(c => c.Offices =
            [
                new Office { Name = "دفتر خرم‌آباد", County = "خرم‌آباد", Address = "خرم‌آباد، میدان کیو", Phone = "066-33200000", Hours = "شنبه تا چهارشنبه ۸ تا ۱۴" },
                new Office { Name = "دفتر بروجرد", County = "بروجرد", Address = "بروجرد، خیابان جعفری", Phone = "066-42400000", Hours = "شنبه تا چهارشنبه ۸ تا ۱۳", OnlineUrl = "https://example.ir/borujerd" },
            ]),
            new CardBuilder().OfAgency("استانداری", "تهران").InstanceOf(template).Published().With(c => c.Offices = [new Office { Name = "دفتر ورامین", County = "ورامین" }]));
        var page = await session.NewAnonymousPageAsync();

        // Act: on the national service's public page, choose Lorestan, then Borujerd
        await page.GotoAsync($"/services/{template}");
        await page.GetByLabel("استان", new() { Exact = true }).SelectOptionAsync("لرستان");
        await page.GetByRole(AriaRole.Button, new() { Name = "نمایش محل" }).ClickAsync();
        await page.GetByLabel("شهرستان", new() { Exact = true }).SelectOptionAsync("بروجرد");
        await page.GetByRole(AriaRole.Button, new() { Name = "نمایش محل" }).ClickAsync();

        // Assert: only Borujerd's office, with its address, phone, hours and link
        var cards = page.Locator(".office-card");
        await Assertions.Expect(cards).ToHaveCountAsync(1);
        await Assertions.Expect(cards).ToContainTextAsync("دفتر بروجرد");
        await Assertions.Expect(cards).ToContainTextAsync("بروجرد، خیابان جعفری");
        await Assertions.Expect(cards).ToContainTextAsync("066-42400000");
        await Assertions.Expect(cards).ToContainTextAsync("شنبه تا چهارشنبه ۸ تا ۱۳");
        await Assertions.Expect(cards.GetByRole(AriaRole.Link, new() { Name = "https://example.ir/borujerd" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByLabel("شهرستان", new() { Exact = true }).Locator("option")).ToHaveCountAsync(3); // all, Borujerd, Khorramabad: not Varamin
    }
}
