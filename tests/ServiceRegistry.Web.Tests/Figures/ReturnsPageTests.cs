using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Figures;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Figures;

/// <summary>The quarterly grid (/figures/returns): an agency enters a quarter for all its services at once with any
/// digits, totals are checked against the channels, and the province's reviewer locks a submitted row.</summary>
public sealed class ReturnsPageTests : IAsyncLifetime
{
    private const string Agency = "اداره کل شبکه آمار یزد";
    private readonly RegistryApp _app = new();
    private HttpClient _editor = null!;
    private HttpClient _reviewer = null!;
    private int _agencyId;
    private int _first;
    private int _second;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var editor = await _app.UserAsync(Roles.AgencyEditor, Agency, "یزد");
        _agencyId = editor.AgencyId!.Value;
        _editor = await _app.ClientAsAsync(editor);
        _reviewer = await _app.ClientAsAsync(await _app.UserAsync(Roles.ProvincialReviewer, province: "یزد"));
        var cards = await _app.SeedAsync(
            new CardBuilder().Titled("الف خدمت شبکه").OfAgency(Agency, "یزد").Published("61" + Random.Shared.NextInt64(100_000_000, 999_999_999)),
            new CardBuilder().Titled("ب خدمت شبکه").OfAgency(Agency, "یزد").Published("62" + Random.Shared.NextInt64(100_000_000, 999_999_999)));
        (_first, _second) = (cards[0].Id, cards[1].Id);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static Dictionary<string, string> Row(int index, int cardId, params (int Column, string Value)[] cells)
    {
        // as the browser posts the grid: every cell, the empty ones too
        var fields = new Dictionary<string, string> { [$"Rows[{index}].CardId"] = cardId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        for (var i = 0; i < ReturnColumns.All.Count; i++)
        {
            fields[$"Rows[{index}].Cells[{i}]"] = "";
        }

        foreach (var (column, value) in cells)
        {
            fields[$"Rows[{index}].Cells[{column}]"] = value;
        }

        return fields;
    }

    [Fact]
    public async Task Post_PersianDigits_SavesEveryRow_AndTheReviewerLocksTheSubmittedOne()
    {
        // Arrange: row 1 in Persian digits and submitted (website ۱۲۰, in person ۸۰, completed ۱۹۰, satisfied ۸۵٪);
        // row 2 in Latin digits with a thousands separator, kept as a draft
        var page = $"/figures/returns?agency={_agencyId}&period=1404-Q3";
        var fields = Row(0, _first, (0, "۱۲۰"), (1, "۰"), (2, "۰"), (3, "۰"), (4, "۰"), (5, "۰"), (6, "۰"), (7, "۰"), (8, "۸۰"), (9, "۱۹۰"), (11, "۲٫۵"), (17, "۸۵٪"), (18, "۴۰"));
        fields["Rows[0].Submit"] = "true";
        foreach (var (k, v) in Row(1, _second, (0, "1,500"), (16, "3٬000٬000")))
        {
            fields[k] = v;
        }

        // Act
        var saved = await _editor.PostFormAsync(page, page, fields);
        var gridHtml = await _reviewer.GetStringAsync(page, Ct);
        var lockForm = await _reviewer.PostFormAsync(page, $"/figures/returns?handler=lock&period=1404-Q3", new Dictionary<string, string> { ["cardId"] = _first.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("قفل", gridHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, lockForm.StatusCode);
        var returns = await _app.WithDbAsync(db => db.QuarterlyReturns.AsNoTracking().Where(r => r.CardId == _first || r.CardId == _second).OrderBy(r => r.CardId).ToListAsync(Ct));
        Assert.Equal(2, returns.Count);
        Assert.Equal((ReturnStatus.Locked, 120L, 80L, 190L, 2.5, 0.85, 40L), (returns[0].Status, returns[0].RequestsWebsite!.Value, returns[0].RequestsInPerson!.Value,
            returns[0].Completed!.Value, returns[0].ProcessingDaysAverage!.Value, Math.Round(returns[0].SatisfiedShare!.Value, 6), returns[0].SatisfactionAnswers!.Value));
        Assert.Equal(0.6, returns[0].TakeUp!.Value, 6);
        Assert.Equal((ReturnStatus.Draft, 1500L, 3_000_000L), (returns[1].Status, returns[1].RequestsWebsite!.Value, returns[1].FeesCollectedRials!.Value));
        Assert.Null(returns[1].Completed);
    }

    [Fact]
    public async Task Post_CompletedAboveTheChannels_KeepsTheInputWithAPersianMessage_AndSavesNothingForThatRow()
    {
        // Arrange: 10 requests over the channels, 12 completed
        var page = $"/figures/returns?agency={_agencyId}&period=1404-Q2";
        var fields = Row(0, _first, (0, "10"), (1, "0"), (2, "0"), (3, "0"), (4, "0"), (5, "0"), (6, "0"), (7, "0"), (8, "0"), (9, "12"));
        foreach (var (k, v) in Row(1, _second, (13, "دوازده")))
        {
            fields[k] = v;
        }

        // Act
        var response = await _editor.PostFormAsync(page, page, fields);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var doc = await RegistryApp.ParseAsync(response);
        var errors = doc.QuerySelectorAll(".row-error").Select(e => e.TextContent).ToList();
        Assert.Contains(errors, e => e.Contains("انجام‌شده", StringComparison.Ordinal) && e.Contains("بیش از", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("«دوازده»", StringComparison.Ordinal));
        Assert.Equal("12", doc.QuerySelector($"tr[data-card='{_first}'] input[data-key='completed']")!.GetAttribute("value"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.QuarterlyReturns.CountAsync(r => r.CardId == _first || r.CardId == _second, Ct)));
    }

    [Fact]
    public async Task Get_AnotherAgency_IsNotFound()
    {
        var other = await _app.AgencyAsync("اداره کل دیگر یزد", "یزد");
        var response = await _editor.GetAsync($"/figures/returns?agency={other}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
