using Microsoft.Playwright;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Seeding;
using ServiceRegistry.Testing;

namespace ServiceRegistry.BrowserTests;

/// <summary>A member of the public on the citizen's page of each demo service, reporting a mistake; the report in the
/// agency's feedback inbox.</summary>
public sealed class CitizenJourneyTests(BrowserSession session)
{
    private const string Province = "یزد";
    private const string Agency = "اداره کل راهنمای شهروند یزد";

    /// <summary>Every demo service, published under one agency of Yazd (once per run); their ids and titles.</summary>
    private async Task<List<(int Id, string Title)>> SeedAsync()
    {
        await session.App.AgencyAsync(Agency, Province);
        return await session.App.WithDbAsync(async db =>
        {
            var agency = db.Agencies.Single(a => a.Name == Agency);
            if (!db.Cards.Any(c => c.AgencyId == agency.Id))
            {
                foreach (var (_, json) in DemoData.Cards())
                {
                    var content = CardJson.Read(json).Content!;
                    content.ServiceId = null;
                    db.Cards.Add(ServiceCard.FromFile(agency.Id, content, CardStatus.Published, session.App.Clock.GetUtcNow()));
                }

                await db.SaveChangesAsync();
            }

            return db.Cards.Where(c => c.AgencyId == agency.Id).OrderBy(c => c.Id).Select(c => new { c.Id, c.Title }).AsEnumerable()
                .Select(c => (c.Id, c.Title)).ToList();
        });
    }

    [Fact]
    public async Task CitizenPageOfEveryDemoService_Loads_AndAReportReachesTheAgencysInbox()
    {
        // Arrange
        var services = await SeedAsync();
        Assert.Equal(DemoData.Cards().Count(), services.Count);
        var page = await session.NewAnonymousPageAsync();

        // Act / Assert: each page, in plain sections, the official form one link away
        foreach (var (id, title) in services)
        {
            var response = await page.GotoAsync($"/services/{id}/guide");
            Assert.Equal(200, response!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
            await Assertions.Expect(page.Locator("#guide-documents")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#guide-where")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#guide-official")).ToHaveAttributeAsync("href", $"/services/{id}");
        }

        // Act: a report from the last page (the person takes a while to write it)
        var (lastId, lastTitle) = services[^1];
        const string Report = "ساعات کار دفتر در این صفحه نیامده است.";
        await page.GetByLabel("چه اشکالی در این صفحه دیدید؟").FillAsync(Report);
        session.App.Clock.Advance(TimeSpan.FromSeconds(30));
        await page.GetByRole(AriaRole.Button, new() { Name = "ارسال گزارش" }).ClickAsync();

        // Assert: thanked on the page, and the report is in the agency's inbox
        await Assertions.Expect(page.Locator("#feedback [role=status]")).ToContainTextAsync("گزارش شما رسید");
        var editor = await session.App.UserAsync(Roles.AgencyEditor, Agency, Province);
        var inbox = await session.NewPageAsync(user: editor);
        await inbox.GetByRole(AriaRole.Link, new() { Name = "بازخورد شهروندان" }).ClickAsync();
        var item = inbox.Locator(".feedback-item").Filter(new() { HasText = Report });
        await Assertions.Expect(item).ToBeVisibleAsync();
        await Assertions.Expect(item.GetByRole(AriaRole.Link, new() { Name = lastTitle })).ToHaveAttributeAsync("href", $"/services/{lastId}/guide");
    }
}
