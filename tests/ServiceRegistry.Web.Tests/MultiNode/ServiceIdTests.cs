using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.MultiNode;

/// <summary>Service IDs issued at once (one node here; two nodes in TwoNodeTests): unique, and a request
/// that loses a race is a 409 with a reason, never a 500.</summary>
public sealed class ServiceIdTests : IAsyncLifetime
{
    internal const string Agency = "اداره کل ثبت اسناد و املاک یزد";
    private readonly RegistryApp _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task IssueId_ManyAtOnceWithRepeats_EveryCardOneUniqueIdAndNo5xx()
    {
        // Arrange: 60 approved cards; 90 requests at once, the first 30 cards asked twice
        var admin = await _app.UserAsync(Roles.NationalAdmin);
        var cards = await ApprovedCardsAsync(_app, 60);
        var client = await _app.ClientAsAsync(admin);
        var requests = cards.Concat(cards.Take(30)).ToList();

        // Act
        var answers = await IssueAtOnceAsync(requests.Select(id => (client, id)));

        // Assert
        Assert.DoesNotContain(answers, a => (int)a.Status >= 500);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a =>
        {
            Assert.Equal(HttpStatusCode.Conflict, a.Status);
            Assert.Matches("[\u0600-\u06FF]", a.Detail);
        });
        var issued = await _app.WithDbAsync(db => db.Cards.Where(c => cards.Contains(c.Id)).Select(c => c.ServiceId).ToListAsync(Ct));
        Assert.All(issued, Assert.NotNull);
        Assert.Equal(60, issued.Distinct().Count());
        Assert.Equal(60, answers.Count(a => a.Status == HttpStatusCode.OK));
    }

    internal static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<IReadOnlyList<int>> ApprovedCardsAsync(RegistryApp app, int count) =>
        (await app.SeedAsync(Enumerable.Range(1, count)
            .Select(i => new CardBuilder().Titled($"خدمت همزمان {i}").OfAgency(Agency, "یزد").InStatus(CardStatus.Approved))
            .ToArray())).Select(c => c.Id).ToList();

    internal sealed record Answer(int CardId, HttpStatusCode Status, string Detail);

    /// <summary>All requests at once (released together), each on its client.</summary>
    internal static async Task<IReadOnlyList<Answer>> IssueAtOnceAsync(IEnumerable<(HttpClient Client, int CardId)> requests)
    {
        var answers = new ConcurrentBag<Answer>();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = requests.Select(r => Task.Run(async () =>
        {
            await go.Task;
            var response = await r.Client.PostAsJsonAsync($"/api/v1/services/{r.CardId}/issue-id", new { }, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            var detail = response.StatusCode == HttpStatusCode.OK ? "" : TryDetail(body);
            answers.Add(new Answer(r.CardId, response.StatusCode, detail));
        }, Ct)).ToList();
        go.SetResult();
        await Task.WhenAll(tasks);
        return [.. answers];
    }

    private static string TryDetail(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
