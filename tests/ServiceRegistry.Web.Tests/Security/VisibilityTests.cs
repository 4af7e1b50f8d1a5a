using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Tests.Security;

/// <summary>
/// Who sees which cards, walked over every role and every card (five agencies × seven statuses): the C# rule
/// (<see cref="Actor.CanView"/>), the same rule as SQL (<see cref="Actor.VisibleTo"/>, run by the database under test),
/// a card read through the API, the staff's card list and every work queue must agree.
/// </summary>
public sealed class VisibilityTests : IAsyncLifetime
{
    private const string Own = "اداره کل دیدنی فارس";
    private const string Child = "اداره شهرستان دیدنی";
    private const string Other = "اداره کل دیگر دیدنی";
    private const string Far = "اداره کل دیدنی کرمان";
    private const string National = "سازمان ملی دیدنی";

    private static readonly CardStatus[] Statuses = Enum.GetValues<CardStatus>();

    private readonly RegistryApp _app = new();
    private readonly List<(string Who, TestUser? User)> _users = [];
    private List<ServiceCard> _cards = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _app.AgencyAsync(Own, "فارس");
        await _app.AgencyAsync(Child, "فارس", parent: Own);
        await _app.AgencyAsync(Other, "فارس");
        await _app.AgencyAsync(Far, "کرمان");
        await _app.AgencyAsync(National, null);
        _users.Add(("anonymous", null));
        _users.Add(("editor of the parent agency", await _app.UserAsync(Roles.AgencyEditor, Own, "فارس")));
        _users.Add(("head of the parent agency", await _app.UserAsync(Roles.AgencyHead, Own, "فارس")));
        _users.Add(("editor of the child agency", await _app.UserAsync(Roles.AgencyEditor, Child, "فارس")));
        _users.Add(("editor of another agency", await _app.UserAsync(Roles.AgencyEditor, Other, "فارس")));
        _users.Add(("editor of a national agency", await _app.UserAsync(Roles.AgencyEditor, National)));
        _users.Add(("reviewer of Fars", await _app.UserAsync(Roles.ProvincialReviewer, province: "فارس")));
        _users.Add(("reviewer of Kerman", await _app.UserAsync(Roles.ProvincialReviewer, province: "کرمان")));
        _users.Add(("national office", await _app.UserAsync(Roles.NationalAdmin)));

        var serial = 0;
        var builders = new List<CardBuilder>();
        foreach (var (agency, province) in new[] { (Own, "فارس"), (Child, "فارس"), (Other, "فارس"), (Far, "کرمان"), (National, (string?)null) })
        {
            foreach (var status in Statuses)
            {
                serial++;
                var id = status is CardStatus.IdIssued or CardStatus.Published ? "9" + serial.ToString("D10", System.Globalization.CultureInfo.InvariantCulture) : null;
                builders.Add(new CardBuilder().Titled($"خدمت دیدنی {serial}").OfAgency(agency, province).InStatus(status, id));
            }
        }

        _cards = [.. await _app.SeedAsync([.. builders])];
        _cards = await _app.WithDbAsync(db => db.Cards.AsNoTracking().ToListAsync(Ct)); // with their provinces as stored
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task EveryRoleAndCard_CanViewVisibleToApiListsAndQueues_Agree()
    {
        var failures = new StringBuilder();
        foreach (var (who, user) in _users)
        {
            // Arrange
            var actor = await ActorAsync(user);
            var client = await _app.ClientAsAsync(user);
            var canView = _cards.Where(actor.CanView).Select(c => c.Id).ToHashSet();
            var inReach = await _app.WithDbAsync(db => db.Cards.Where(actor.InReach()).Select(c => c.Id).ToListAsync(Ct));

            // Act + Assert: the rule as SQL
            var visibleTo = await _app.WithDbAsync(db => db.Cards.Where(actor.VisibleTo()).Select(c => c.Id).ToListAsync(Ct));
            Check(failures, who, "VisibleTo (SQL) vs CanView", canView, visibleTo);
            Check(failures, who, "InReach (SQL) + published vs CanView", canView,
                inReach.Concat(_cards.Where(c => c.Status == CardStatus.Published).Select(c => c.Id)).Distinct());

            // the API answers a card exactly when CanView says so
            var readable = new List<int>();
            foreach (var card in _cards)
            {
                var response = await client.GetAsync($"/api/v1/services/{card.Id}", Ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    readable.Add(card.Id);
                }
            }

            Check(failures, who, "GET /api/v1/services/{id}", canView, readable);
            if (user is null)
            {
                continue;
            }

            // the staff's card list is the cards in reach
            var list = await RegistryApp.ParseAsync(await client.GetAsync("/cards", Ct));
            Check(failures, who, "/cards", inReach, Ids(list.QuerySelectorAll("table td.title a"), "/cards/"));

            // every queue draws from the cards in reach, each by its own status; the review queue is the reviewer's province
            var queues = await RegistryApp.ParseAsync(await client.GetAsync("/review", Ct));
            var expectedQueues = new Dictionary<string, IEnumerable<int>>();
            if (actor.IsAgencyStaff)
            {
                expectedQueues["drafts"] = _cards.Where(c => c.Status == CardStatus.Draft && actor.WorksFor(c)).Select(c => c.Id);
                expectedQueues["returned"] = _cards.Where(c => c.Status == CardStatus.Returned && actor.WorksFor(c)).Select(c => c.Id);
                expectedQueues["submitted"] = _cards.Where(c => c.Status == CardStatus.Submitted && actor.WorksFor(c)).Select(c => c.Id);
                expectedQueues["template"] = _cards.Where(c => c.TemplateChanges != null && c.Status != CardStatus.Archived && actor.WorksFor(c)).Select(c => c.Id);
            }

            if (actor.IsReviewer || actor.IsAdmin)
            {
                expectedQueues["review"] = _cards.Where(c => c.Status == CardStatus.Submitted && actor.ReviewsProvinceOf(c)).Select(c => c.Id);
            }

            if (actor.IsAdmin)
            {
                expectedQueues["id"] = _cards.Where(c => c.Status is CardStatus.Approved or CardStatus.IdIssued).Select(c => c.Id);
            }

            var shown = queues.QuerySelectorAll("section[id^=queue-]").Select(s => s.Id![6..]).ToList();
            if (!expectedQueues.Keys.Order(StringComparer.Ordinal).SequenceEqual(shown.Order(StringComparer.Ordinal)))
            {
                failures.AppendLine($"{who}: queues shown [{string.Join(", ", shown)}], expected [{string.Join(", ", expectedQueues.Keys)}]");
            }

            foreach (var (key, ids) in expectedQueues)
            {
                var rows = Ids(queues.QuerySelectorAll($"#queue-{key} tbody a"), "/review/");
                Check(failures, who, $"queue {key}", ids, rows);
                Check(failures, who, $"queue {key} within CanView", canView.Intersect(rows), rows);
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>The actor the app builds from this user's sign-in (their agency and every agency under it).</summary>
    private async Task<Actor> ActorAsync(TestUser? user)
    {
        if (user is null)
        {
            return Actor.Anonymous;
        }

        var scope = user.AgencyId is { } agency ? await _app.WithDbAsync(db => Auth.AgencyScopeAsync(db, agency)) : [];
        return new Actor(1, user.Email, new HashSet<string> { user.Role }, user.AgencyId, scope.ToHashSet(), user.Role == Roles.ProvincialReviewer ? user.Province : null);
    }

    private static IEnumerable<int> Ids(IEnumerable<AngleSharp.Dom.IElement> links, string prefix) =>
        links.Select(a => a.GetAttribute("href")!).Where(h => h.StartsWith(prefix, StringComparison.Ordinal))
            .Select(h => int.Parse(h[prefix.Length..], System.Globalization.CultureInfo.InvariantCulture));

    private void Check(StringBuilder failures, string who, string what, IEnumerable<int> expected, IEnumerable<int> actual)
    {
        var e = expected.Order().ToList();
        var a = actual.Order().ToList();
        if (!e.SequenceEqual(a))
        {
            string Names(IEnumerable<int> ids) => string.Join(", ", ids.Select(id => _cards.Single(c => c.Id == id)).Select(c => $"{c.Id} {c.Status} {c.Province ?? "national"}"));
            failures.AppendLine($"{who}, {what}: missing [{Names(e.Except(a))}], extra [{Names(a.Except(e).Where(id => _cards.Any(c => c.Id == id)))}]");
        }
    }
}
