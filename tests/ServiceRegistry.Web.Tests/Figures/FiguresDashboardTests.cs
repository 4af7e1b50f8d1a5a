using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Figures;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Figures;

/// <summary>The dashboard's quarterly figures against values worked by hand, unknown figures included. The clock is
/// 1 Farvardin 1405, so the last finished quarter is 1404-Q4.</summary>
public sealed class FiguresDashboardTests : IAsyncLifetime
{
    private const string Province = "کردستان";
    private const string AgencyA = "اداره کل الف کردستان";
    private const string AgencyB = "اداره کل ب کردستان";
    private readonly RegistryApp _app = new();
    private readonly Dictionary<string, int> _ids = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        async Task<int> Card(string title, string agency, string province, int level, params Channel[] channels)
        {
            var card = (await _app.SeedAsync(new CardBuilder().Titled(title).OfAgency(agency, province)
                .With(c => c.Stages.Request.Channels.AddRange(channels))
                .Published("7" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999))))[0];
            await _app.WithDbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""UPDATE "Cards" SET "Maturity" = {level} WHERE "Id" = {card.Id}""", Ct));
            return _ids[title] = card.Id;
        }

        var a1 = await Card("الف یک", AgencyA, Province, 4, Channel.Website, Channel.CounterOffice);
        var a2 = await Card("الف دو", AgencyA, Province, 4, Channel.Website, Channel.MobileApp);
        var b1 = await Card("ب یک", AgencyB, Province, 2, Channel.Website);
        var b2 = await Card("ب دو", AgencyB, Province, 1);
        var other = await Card("خدمت استان دیگر", "اداره کل ایلام", "ایلام", 4);

        // 1404-Q4: A1 100 of 400 electronic (50 at counter offices) → 25 %, a gap; A2 1,000 of 1,000; B1's website count is
        // unknown (its card lists the website) → reported but not in take-up; B2 only a draft → not reported
        await _app.SeedReturnAsync(a1, "1404-Q4", new() { Requests = Returns.Requests(100, 0, 50, 250) });
        await _app.SeedReturnAsync(a2, "1404-Q4", new() { Requests = Returns.Requests(900, 100, 0, 0) }, ReturnStatus.Locked);
        await _app.SeedReturnAsync(b1, "1404-Q4", new() { Requests = Returns.Requests(0, 0, 0, 30) with { Website = null } });
        await _app.SeedReturnAsync(b2, "1404-Q4", new() { Requests = Returns.Requests(50, 0, 0, 0) }, ReturnStatus.Draft);
        await _app.SeedReturnAsync(other, "1404-Q4", new() { Requests = Returns.Requests(1, 0, 0, 99) });
        // 1404-Q3: A1 200 of 400, B1 30 of 100 → 230 of 500 = 46 %
        await _app.SeedReturnAsync(a1, "1404-Q3", new() { Requests = Returns.Requests(200, 0, 0, 200) }, ReturnStatus.Locked);
        await _app.SeedReturnAsync(b1, "1404-Q3", new() { Requests = Returns.Requests(30, 0, 0, 70) }, ReturnStatus.Locked);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<IDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await RegistryApp.ParseAsync(response);
    }

    private static List<string> Values(IDocument doc, string selector) =>
        doc.QuerySelectorAll(selector).Select(e => e.GetAttribute("data-value") ?? e.TextContent.Trim()).ToList();

    [Fact]
    public async Task ProvinceView_EveryFigureAsWorkedByHand()
    {
        // Act
        var doc = await PageAsync(_app.CreateBrowserlessClient(), "/dashboard/quarters?province=" + Uri.EscapeDataString(Province));

        // Assert: coverage 3 of 4 published services
        Assert.Equal("75", doc.QuerySelector("#qf-coverage [data-coverage]")!.GetAttribute("data-coverage"));
        // trend: eight quarters, oldest first; 1404-Q4 (100 + 1,000) / 1,400 = 78.6 %, assisted 50 / 1,400 = 3.6 %;
        // 1404-Q3 230 / 500 = 46 %, assisted 0; earlier quarters unknown (empty, «نامعلوم»)
        var rows = doc.QuerySelectorAll("#qf-trend-table tbody tr").ToList();
        Assert.Equal(Quarter.Ending(new Quarter(1404, 4), 8).Select(q => q.ToString()), rows.Select(r => r.GetAttribute("data-period")));
        Assert.Equal(["78.6", "3.6"], Values(doc, "#qf-trend-table tr[data-period='1404-Q4'] td[data-value]"));
        Assert.Equal(["46", "0"], Values(doc, "#qf-trend-table tr[data-period='1404-Q3'] td[data-value]"));
        Assert.Equal(["", ""], Values(doc, "#qf-trend-table tr[data-period='1404-Q2'] td[data-value]"));
        Assert.Contains("نامعلوم", rows[5].TextContent, StringComparison.Ordinal);
        Assert.Equal("۱٬۴۰۰", rows[7].Children[3].TextContent.Trim());
        Assert.Equal("۳", rows[7].Children[4].TextContent.Trim());
        // gap list: A1 only (level 4 at 25 %); A2 is level 4 at 100 %; the other province's card is not in this view
        Assert.Equal([_ids["الف یک"].ToString(System.Globalization.CultureInfo.InvariantCulture)],
            doc.QuerySelectorAll("#qf-gaps tbody tr").Select(r => r.GetAttribute("data-card")));
        Assert.Contains("۲۵٪", doc.QuerySelector("#qf-gaps tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("۱", doc.QuerySelector("#qf-gap-count")!.TextContent.Trim());
        Assert.Equal([AgencyA, Province, "۴", "۲۵٪", "۴۰۰"], doc.QuerySelectorAll("#qf-gaps tbody tr td").Select(c => c.TextContent.Trim()));
        // coverage in words: 3 of 4 published services reported
        Assert.Contains("۳ خدمت از ۴ خدمت", doc.QuerySelector("#qf-coverage")!.TextContent, StringComparison.Ordinal);
        // high volume: A2 (1,000, 100 %, level 4), A1 (400, 25 %, level 4); B1's requests are unknown
        Assert.Equal([_ids["الف دو"], _ids["الف یک"]], doc.QuerySelectorAll("#qf-volume tbody tr").Select(r => int.Parse(r.GetAttribute("data-card")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal([[AgencyA, Province, "۱٬۰۰۰", "۱۰۰٪", "۴"], [AgencyA, Province, "۴۰۰", "۲۵٪", "۴"]],
            doc.QuerySelectorAll("#qf-volume tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray()));
        // ranking by agency: A 1,100 / 1,400; B has no fully known requests in 1404-Q4
        var ranking = doc.QuerySelectorAll("#qf-ranking tbody tr").ToList();
        Assert.Single(ranking);
        Assert.Contains(AgencyA, ranking[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("78.6", ranking[0].QuerySelector("[data-value]")!.GetAttribute("data-value"));
        Assert.Equal("۱٬۴۰۰", ranking[0].QuerySelectorAll("td")[^1].TextContent.Trim());
        // the public does not see which agencies have not reported
        Assert.Null(doc.QuerySelector("#qf-not-reported"));
    }

    [Fact]
    public async Task NotReported_ListedForTheProvincesReviewer_AndTheAgencysHead()
    {
        // Arrange
        var reviewer = await _app.ClientAsAsync(await _app.UserAsync(Roles.ProvincialReviewer, province: Province));
        var headA = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyHead, AgencyA, Province));
        var editorB = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, AgencyB, Province));

        // Act
        var forReviewer = await PageAsync(reviewer, "/dashboard/quarters");
        var forHead = await PageAsync(headA, "/dashboard/quarters?province=" + Uri.EscapeDataString(Province));
        var forEditor = await PageAsync(editorB, "/dashboard/quarters");

        // Assert: B has 1 of its 2 services without a return (B2's draft does not count); the other province is not the reviewer's
        var rows = forReviewer.QuerySelectorAll("#qf-not-reported tbody tr").ToList();
        Assert.Single(rows);
        Assert.Contains(AgencyB, rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal(["۱", "۲"], rows[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.NotNull(forHead.QuerySelector("#qf-not-reported-none")); // agency A reported everything
        Assert.Null(forEditor.QuerySelector("#qf-not-reported"));
    }

    [Fact]
    public async Task NationView_IncludesEveryProvince_AndAgencyViewRanksServices()
    {
        // Act
        var nation = await PageAsync(_app.CreateBrowserlessClient(), "/dashboard/quarters");
        var agencyId = await _app.AgencyAsync(AgencyA, Province);
        var agency = await PageAsync(_app.CreateBrowserlessClient(), $"/dashboard/quarters?agency={agencyId}");

        // Assert: nation 1404-Q4 (1,100 + 1) / (1,400 + 100) = 73.4 %; the other province's level-4 card (1 %) is a gap too
        Assert.Equal("73.4", nation.QuerySelector("#qf-trend-table tr[data-period='1404-Q4'] td[data-value]")!.GetAttribute("data-value"));
        Assert.Equal(2, nation.QuerySelectorAll("#qf-gaps tbody tr").Length);
        // agency view: 2 services, both reported; ranking by service, A2 (100 %) before A1 (25 %)
        Assert.Equal("100", agency.QuerySelector("#qf-coverage [data-coverage]")!.GetAttribute("data-coverage"));
        Assert.Equal(["100", "25"], Values(agency, "#qf-ranking tbody td[data-value]"));
    }

    [Fact]
    public async Task HighVolume_InstancesSharingATitle_AreToldApartByAgencyAndProvince()
    {
        // Arrange: two instances of one national service, in two provinces, the largest services of the nation
        var tehran = (await _app.SeedAsync(new CardBuilder().Titled("صدور گواهی اقامت").OfAgency("استانداری تهران", "تهران")
            .Published("8" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999))))[0];
        var lorestan = (await _app.SeedAsync(new CardBuilder().Titled("صدور گواهی اقامت").OfAgency("استانداری لرستان", "لرستان")
            .Published("8" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999))))[0];
        await _app.SeedReturnAsync(tehran.Id, "1404-Q4", new() { Requests = Returns.Requests(9_000, 0, 0, 1_000) });
        await _app.SeedReturnAsync(lorestan.Id, "1404-Q4", new() { Requests = Returns.Requests(2_000, 0, 0, 3_000) });

        // Act
        var doc = await PageAsync(_app.CreateBrowserlessClient(), "/dashboard/quarters");

        // Assert
        var rows = doc.QuerySelectorAll("#qf-volume tbody tr").Take(2).Select(r => r.QuerySelectorAll("th, td").Take(3).Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal([["صدور گواهی اقامت", "استانداری تهران", "تهران"], ["صدور گواهی اقامت", "استانداری لرستان", "لرستان"]], rows);
        Assert.Equal(["خدمت", "دستگاه", "استان"], doc.QuerySelectorAll("#qf-volume thead th").Take(3).Select(h => h.TextContent.Trim()));
    }
}
