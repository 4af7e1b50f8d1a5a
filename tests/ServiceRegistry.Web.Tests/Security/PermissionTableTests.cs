using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Testing;
using ServiceRegistry.Web.Tests.Pages.Cards.Import;

namespace ServiceRegistry.Web.Tests.Security;

/// <summary>
/// Every route of the app, with every role, against an explicit allow/deny table. A route the table does not
/// cover fails the test (so a new route cannot ship without a rule), and so does a rule for a route that is gone.
/// Allowed: the request goes through (2xx, or a redirect that is not to the sign-in or access-denied page).
/// Denied: 401, 403, 404, or a redirect to the sign-in or access-denied page.
/// </summary>
public sealed class PermissionTableTests : IAsyncLifetime
{
    public enum Who { Anonymous, EditorOwn, HeadOwn, EditorOther, ReviewerOwn, ReviewerOther, Admin }

    /// <summary>The card a request is made against, created fresh for each request (or an import batch of EditorOwn's with one read file).</summary>
    public enum Fixture { None, Draft, Submitted, Approved, IdIssued, Published, ImportBatch, SubmittedReturn, Template, ChangedInstance, Feedback }

    private sealed record Rule(string Key, Fixture Fixture, params Who[] Allowed);

    private static readonly Who[] Everyone = Enum.GetValues<Who>();
    private static readonly Who[] SignedIn = Everyone.Where(w => w != Who.Anonymous).ToArray();
    private static readonly Who[] CanSeeOwnDraft = [Who.EditorOwn, Who.HeadOwn, Who.ReviewerOwn, Who.Admin];

    private static readonly Rule[] Table =
    [
        // public
        new("GET /", Fixture.Published, Everyone),
        new("GET /services/{id:int}", Fixture.Published, Everyone),
        new("GET /healthz", Fixture.None, Everyone),
        new("GET /healthz/ready", Fixture.None, Everyone),
        new("GET /error/{code:int?}", Fixture.None, Everyone),
        new("POST /error/{code:int?}", Fixture.None, Everyone),
        new("GET /account/login", Fixture.None, Everyone),
        new("POST /account/login", Fixture.None, Everyone),
        new("GET /account/logout", Fixture.None, Everyone),
        new("POST /account/logout", Fixture.None, Everyone),
        new("GET /account/denied", Fixture.None, Everyone),

        new("GET /services/{id:int}/pdf", Fixture.Published, Everyone),

        // the citizen's page of a service and its report form (public); the reports reach the agency's inbox
        new("GET /services/{id:int}/guide", Fixture.Published, Everyone),
        new("POST /services/{id:int}/guide", Fixture.Published, Everyone),
        new("GET /feedback/{id:int?}", Fixture.None, Who.EditorOwn, Who.HeadOwn, Who.EditorOther, Who.Admin),
        new("POST /feedback/{id:int?}", Fixture.Feedback, Who.EditorOwn, Who.HeadOwn, Who.Admin),

        // dashboard: public figures for everyone (completeness inside is narrowed per viewer, see DashboardPageTests)
        new("GET /dashboard", Fixture.Published, Everyone),
        new("GET /dashboard?handler=xlsx", Fixture.Published, Everyone),
        new("GET /dashboard/province/{name}", Fixture.Published, Everyone),
        new("GET /dashboard/province/{name}?handler=xlsx", Fixture.Published, Everyone),
        new("GET /dashboard/province/{name}/pdf", Fixture.Published, Everyone),
        new("GET /dashboard/agency/{id:int}", Fixture.None, Everyone),
        new("GET /dashboard/quarters", Fixture.None, Everyone),
        new("GET /dashboard/agency/{id:int}?handler=xlsx", Fixture.None, Everyone),

        // cards: the editor and the staff's card pages
        new("GET /cards", Fixture.None, SignedIn),
        new("POST /cards?handler=submitselected", Fixture.None, SignedIn),
        new("POST /cards?handler=exportselected", Fixture.None, SignedIn),
        new("GET /cards/new", Fixture.None, Who.EditorOwn, Who.HeadOwn, Who.EditorOther, Who.Admin),
        new("POST /cards/new", Fixture.None, Who.EditorOwn, Who.HeadOwn, Who.EditorOther, Who.Admin),
        new("GET /cards/{id:int}", Fixture.Draft, CanSeeOwnDraft),
        new("GET /cards/{id:int}/pdf", Fixture.Draft, CanSeeOwnDraft),
        new("GET /cards/{id:int}/edit", Fixture.Draft, Who.EditorOwn, Who.HeadOwn),
        new("POST /cards/{id:int}/edit", Fixture.Draft, Who.EditorOwn, Who.HeadOwn),

        // import in the browser: staff who create cards upload; a batch is its uploader's (and the national office's)
        new("GET /cards/import", Fixture.None, Who.EditorOwn, Who.HeadOwn, Who.EditorOther, Who.Admin),
        new("POST /cards/import", Fixture.None, Who.EditorOwn, Who.HeadOwn, Who.EditorOther, Who.Admin),
        new("GET /cards/import/spreadsheet", Fixture.None, Who.EditorOwn, Who.HeadOwn, Who.EditorOther, Who.Admin),
        new("GET /cards/import/spreadsheet?handler=template", Fixture.None, Who.EditorOwn, Who.HeadOwn, Who.EditorOther, Who.Admin),
        new("POST /cards/import/spreadsheet", Fixture.None, Who.EditorOwn, Who.HeadOwn, Who.EditorOther, Who.Admin),
        new("GET /cards/import/{batchId:int}", Fixture.ImportBatch, Who.EditorOwn, Who.Admin),
        new("GET /cards/import/{batchId:int}/{n:int}", Fixture.ImportBatch, Who.EditorOwn, Who.Admin),
        new("POST /cards/import/{batchId:int}/{n:int}", Fixture.ImportBatch, Who.EditorOwn, Who.Admin),

        // work queues, review pages
        new("GET /review", Fixture.None, SignedIn),
        new("GET /review/{id:int}", Fixture.Draft, CanSeeOwnDraft),
        new("GET /review/{id:int}/history", Fixture.Draft, CanSeeOwnDraft),
        new("POST /review/{id:int}?handler=submit", Fixture.Draft, Who.EditorOwn, Who.HeadOwn),
        new("POST /review/{id:int}?handler=return", Fixture.Submitted, Who.ReviewerOwn, Who.Admin),
        new("POST /review/{id:int}?handler=approve", Fixture.Submitted, Who.ReviewerOwn, Who.Admin),
        new("POST /review/{id:int}?handler=issueid", Fixture.Approved, Who.Admin),
        new("POST /review/{id:int}?handler=publish", Fixture.IdIssued, Who.Admin),
        new("POST /review/{id:int}?handler=revise", Fixture.Published, Who.EditorOwn, Who.HeadOwn),
        new("POST /review/{id:int}?handler=archive", Fixture.Draft, Who.HeadOwn, Who.Admin),
        new("POST /review/{id:int}?handler=morerows", Fixture.Draft, CanSeeOwnDraft),
        new("POST /review/{id:int}?handler=answer", Fixture.Draft, CanSeeOwnDraft),

        // administration
        new("GET /admin/audit", Fixture.None, Who.Admin),
        new("GET /admin/agencies", Fixture.None, Who.Admin),
        new("POST /admin/agencies", Fixture.None, Who.Admin),
        new("GET /admin/api-tokens", Fixture.None, Who.Admin),
        new("POST /admin/api-tokens", Fixture.None, Who.Admin),
        new("POST /admin/api-tokens?handler=revoke", Fixture.None, Who.Admin),
        new("GET /admin/webhooks", Fixture.None, Who.Admin),
        new("POST /admin/webhooks", Fixture.None, Who.Admin),
        new("POST /admin/webhooks?handler=toggle", Fixture.None, Who.Admin),
        new("POST /admin/webhooks?handler=retry", Fixture.None, Who.Admin),

        // catalog API, its description and exports
        new("GET /api", Fixture.None, Everyone),
        new("GET /openapi/{documentName}.json", Fixture.None, Everyone),
        new("GET /api/v1/services", Fixture.None, Everyone),
        new("GET /api/v1/services/{id:int}", Fixture.Draft, CanSeeOwnDraft),
        new("GET /api/v1/services/export", Fixture.None, Everyone),
        new("GET /api/v1/agencies/{id:int}/services", Fixture.None, Everyone),
        new("GET /api/v1/changes", Fixture.None, Everyone),
        new("GET /sitemap-{n:int}.xml", Fixture.Published, Everyone),

        // writing cards through the API
        new("POST /api/v1/services/", Fixture.None, Who.EditorOwn, Who.HeadOwn, Who.EditorOther, Who.Admin),
        new("PUT /api/v1/services/{id:int}", Fixture.Draft, Who.EditorOwn, Who.HeadOwn),
        new("POST /api/v1/services/import", Fixture.None, Who.EditorOwn, Who.HeadOwn, Who.EditorOther, Who.Admin),

        // workflow API
        new("POST /api/v1/services/{id:int}/submit", Fixture.Draft, Who.EditorOwn, Who.HeadOwn),
        new("POST /api/v1/services/{id:int}/return", Fixture.Submitted, Who.ReviewerOwn, Who.Admin),
        new("POST /api/v1/services/{id:int}/approve", Fixture.Submitted, Who.ReviewerOwn, Who.Admin),
        new("POST /api/v1/services/{id:int}/issue-id", Fixture.Approved, Who.Admin),
        new("POST /api/v1/services/{id:int}/publish", Fixture.IdIssued, Who.Admin),
        new("POST /api/v1/services/{id:int}/revise", Fixture.Published, Who.EditorOwn, Who.HeadOwn),
        new("POST /api/v1/services/{id:int}/archive", Fixture.Draft, Who.HeadOwn, Who.Admin),

        // quarterly figures: public reads of submitted returns; the card's agency writes, its province's reviewer locks
        new("GET /api/v1/services/{id:int}/statistics", Fixture.Published, Everyone),
        new("GET /api/v1/statistics", Fixture.None, Everyone),
        new("GET /api/v1/statistics/export", Fixture.None, Everyone),
        new("PUT /api/v1/services/{id:int}/statistics/{period}/", Fixture.Published, Who.EditorOwn, Who.HeadOwn),
        new("POST /api/v1/services/{id:int}/statistics/{period}/lock", Fixture.SubmittedReturn, Who.ReviewerOwn, Who.Admin),
        new("GET /figures/returns", Fixture.None, SignedIn),
        new("POST /figures/returns", Fixture.None, Who.EditorOwn, Who.HeadOwn, Who.EditorOther),
        new("POST /figures/returns?handler=lock", Fixture.None, Who.ReviewerOwn, Who.ReviewerOther, Who.Admin),
        new("GET /figures/returns/workbook", Fixture.None, Who.EditorOwn, Who.HeadOwn, Who.EditorOther),
        new("GET /figures/returns/workbook?handler=template", Fixture.None, Who.EditorOwn, Who.HeadOwn, Who.EditorOther),
        new("POST /figures/returns/workbook", Fixture.None, Who.EditorOwn, Who.HeadOwn, Who.EditorOther),
        // national templates: coverage is public; templates are written by a national body's staff (OwnAgency is
        // provincial, so only the national office: 400 without an agency) and instantiated by any agency's staff;
        // a template change is answered by the instance's own staff
        new("GET /api/v1/templates/{id:int}/coverage", Fixture.Template, Everyone),
        new("POST /api/v1/templates", Fixture.None, Who.Admin),
        new("POST /api/v1/templates/{id:int}/instances", Fixture.Template, Who.EditorOwn, Who.HeadOwn, Who.EditorOther, Who.Admin),
        new("POST /api/v1/services/{id:int}/template-change", Fixture.ChangedInstance, Who.EditorOwn, Who.HeadOwn),
        new("GET /templates/coverage", Fixture.None, Everyone),
        new("GET /templates/change/{id:int}", Fixture.ChangedInstance, Who.EditorOwn, Who.HeadOwn),
        new("POST /templates/change/{id:int}", Fixture.ChangedInstance, Who.EditorOwn, Who.HeadOwn),
        // an instance's own staff override an inherited part or revert it (the page's GET only goes back to the form)
        new("GET /templates/part/{id:int}", Fixture.ChangedInstance, SignedIn),
        new("POST /templates/part/{id:int}?handler=override", Fixture.ChangedInstance, Who.EditorOwn, Who.HeadOwn),
        new("POST /templates/part/{id:int}?handler=revert", Fixture.ChangedInstance, Who.EditorOwn, Who.HeadOwn),
        new("POST /api/v1/services/{id:int}/override", Fixture.ChangedInstance, Who.EditorOwn, Who.HeadOwn),
        new("POST /api/v1/services/{id:int}/revert", Fixture.ChangedInstance, Who.EditorOwn, Who.HeadOwn),
    ];

    private const string OwnAgency = "اداره کل نمونه فارس";
    private const string OtherAgency = "اداره کل دیگر فارس";
    private readonly RegistryApp _app = new();
    private readonly Dictionary<Who, HttpClient> _clients = [];
    private readonly Dictionary<Who, TestUser?> _users = [];

    public async ValueTask InitializeAsync()
    {
        var users = new Dictionary<Who, TestUser?>
        {
            [Who.Anonymous] = null,
            [Who.EditorOwn] = await _app.UserAsync(Roles.AgencyEditor, OwnAgency, "فارس"),
            [Who.HeadOwn] = await _app.UserAsync(Roles.AgencyHead, OwnAgency, "فارس"),
            [Who.EditorOther] = await _app.UserAsync(Roles.AgencyEditor, OtherAgency, "فارس"),
            [Who.ReviewerOwn] = await _app.UserAsync(Roles.ProvincialReviewer, province: "فارس"),
            [Who.ReviewerOther] = await _app.UserAsync(Roles.ProvincialReviewer, province: "کرمان"),
            [Who.Admin] = await _app.UserAsync(Roles.NationalAdmin),
        };
        foreach (var (who, user) in users)
        {
            _users[who] = user;
            _clients[who] = await _app.ClientAsAsync(user);
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void Table_CoversEveryRouteOfTheApp()
    {
        // Arrange
        var routes = RoutesOfTheApp();
        var rules = Table.Select(r => r.Key).ToHashSet();

        // Assert
        Assert.True(routes.Except(rules).ToList() is { Count: 0 } missing, "routes without a rule: " + string.Join(", ", routes.Except(rules)));
        Assert.True(rules.Except(routes).ToList() is { Count: 0 }, "rules for routes that do not exist: " + string.Join(", ", rules.Except(routes)));
    }

    [Fact]
    public async Task EveryRoute_WithEveryRole_IsAllowedOrDeniedAsTheTableSays()
    {
        var failures = new StringBuilder();
        foreach (var rule in Table)
        {
            foreach (var who in Everyone)
            {
                // Arrange: a fresh card in the rule's state, owned by OwnAgency
                var id = await FixtureAsync(rule.Fixture);

                // Act (signing out gets a client of its own, so the others stay signed in)
                var client = rule.Key == "POST /account/logout" ? await _app.ClientAsAsync(_users[who]) : _clients[who];
                var response = await SendAsync(client, rule.Key, id);

                // Assert
                var allowed = IsAllowed(response);
                var expected = rule.Allowed.Contains(who);
                if (allowed != expected)
                {
                    failures.AppendLine($"{rule.Key} as {who}: expected {(expected ? "allow" : "deny")}, got {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Fact]
    public async Task EveryRoute_AnswersWithTheSecurityHeaders()
    {
        var failures = new StringBuilder();
        foreach (var rule in Table)
        {
            // Allowed and refused answers alike: the national office, and the public (mostly 401/302/404)
            foreach (var who in new[] { Who.Admin, Who.Anonymous })
            {
                // Arrange
                var id = await FixtureAsync(rule.Fixture);
                var client = rule.Key == "POST /account/logout" ? await _app.ClientAsAsync(_users[who]) : _clients[who];

                // Act
                var response = await SendAsync(client, rule.Key, id);

                // Assert
                if (SecurityHeadersTests.Missing(response) is { Length: > 0 } missing)
                {
                    failures.AppendLine($"{rule.Key} as {who} ({(int)response.StatusCode}): {missing}");
                }
            }
        }

        Assert.True(failures.Length == 0, failures.ToString());
    }

    private HashSet<string> RoutesOfTheApp()
    {
        var keys = new HashSet<string>();
        var pageModels = typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel))).ToList();
        foreach (var endpoint in _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is { } page)
            {
                var typeName = "ServiceRegistry.Web.Pages" + page.ViewEnginePath.Replace('/', '.') + "Model";
                var model = pageModels.FirstOrDefault(t => t.FullName == typeName);
                if (model is null)
                {
                    keys.Add($"GET {pattern}");
                    continue;
                }

                foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    var name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^5] : method.Name;
                    foreach (var verb in new[] { "Get", "Post" })
                    {
                        if (name.StartsWith("On" + verb, StringComparison.Ordinal))
                        {
                            var handler = name[(2 + verb.Length)..].ToLowerInvariant();
                            keys.Add($"{verb.ToUpperInvariant()} {pattern}{(handler.Length > 0 ? "?handler=" + handler : "")}");
                        }
                    }
                }

                continue;
            }

            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is { } methods && !IsStaticFile(pattern))
            {
                foreach (var method in methods.HttpMethods)
                {
                    keys.Add($"{method} {pattern}");
                }
            }
        }

        return keys;
    }

    private static bool IsStaticFile(string pattern) =>
        pattern.Contains(":file}", StringComparison.Ordinal) || (pattern.Split('/')[^1].Contains('.', StringComparison.Ordinal) && !pattern.Contains('{', StringComparison.Ordinal));

    private async Task<int?> FixtureAsync(Fixture fixture)
    {
        if (fixture == Fixture.None)
        {
            return null;
        }

        if (fixture == Fixture.ImportBatch)
        {
            return await ImportFixtures.BatchAsync(_app, _users[Who.EditorOwn]!, ("form.txt", ImportFixtures.Form("regional-accounts.txt")));
        }

        if (fixture == Fixture.SubmittedReturn)
        {
            var card = (await _app.SeedAsync(new CardBuilder().Titled("خدمت جدول دسترسی").OfAgency(OwnAgency, "فارس")
                .Published("3" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999))))[0];
            await _app.SeedReturnAsync(card.Id, "1404-Q3", new() { Completed = 10 });
            return card.Id;
        }

        if (fixture == Fixture.ChangedInstance)
        {
            var template = (await _app.SeedAsync(new CardBuilder().Titled("الگوی جدول دسترسی").OfAgency("وزارت جدول دسترسی").AsTemplate().Published()))[0].Id;
            return (await _app.SeedAsync(new CardBuilder().OfAgency(OwnAgency, "فارس").InstanceOf(template).WithTemplateChange("requiredDocuments")))[0].Id;
        }

        if (fixture == Fixture.Feedback)
        {
            var card = (await _app.SeedAsync(new CardBuilder().Titled("خدمت جدول دسترسی").OfAgency(OwnAgency, "فارس").Published()))[0];
            return await _app.WithDbAsync(async db =>
            {
                var report = new Core.Feedback.CitizenFeedback(card, "گزارش جدول دسترسی", null, "192.0.2.1", _app.Clock.GetUtcNow());
                db.Feedback.Add(report);
                await db.SaveChangesAsync();
                return (int)report.Id;
            });
        }

        var builder = new CardBuilder().Titled("خدمت جدول دسترسی").OfAgency(OwnAgency, "فارس");
        builder = fixture switch
        {
            Fixture.Draft => builder,
            Fixture.Submitted => builder.InStatus(CardStatus.Submitted),
            Fixture.Approved => builder.InStatus(CardStatus.Approved),
            Fixture.IdIssued => builder.InStatus(CardStatus.IdIssued, "1" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)),
            Fixture.Template => builder.AsTemplate().Published("2" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)),
            _ => builder.Published("2" + Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)),
        };
        return (await _app.SeedAsync(builder))[0].Id;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string key, int? id)
    {
        var verb = key.Split(' ')[0];
        var url = key.Split(' ')[1].Replace("{id:int?}", id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1", StringComparison.Ordinal)
            .Replace("{id:int}", id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1", StringComparison.Ordinal)
            .Replace("{batchId:int}", id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1", StringComparison.Ordinal)
            .Replace("{n:int}", "1", StringComparison.Ordinal)
            .Replace("{code:int?}", "404", StringComparison.Ordinal)
            .Replace("{period}", "1404-Q3", StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{name}", Uri.EscapeDataString("فارس"), StringComparison.Ordinal);
        if (verb == "GET")
        {
            return await client.GetAsync(url);
        }

        if (url.StartsWith("/api/", StringComparison.Ordinal))
        {
            // The spreadsheet import accepts only .xlsx bodies (anything else is 415 before authorization is asked).
            var type = url.EndsWith("/import", StringComparison.Ordinal) ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/json";
            using var request = new HttpRequestMessage(new HttpMethod(verb), url)
            {
                Content = new StringContent("""{ "comments": [ { "text": "بررسی" } ] }""", Encoding.UTF8, type),
            };
            return await client.SendAsync(request);
        }

        var fields = new Dictionary<string, string> { ["GeneralComment"] = "بررسی", ["Form.Email"] = "x@test.example", ["Form.Password"] = "x" };
        return await client.PostFormAsync("/account/login", url, fields);
    }

    private static bool IsAllowed(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            return false;
        }

        var location = response.Headers.Location?.OriginalString ?? "";
        return !(location.Contains("/account/login", StringComparison.Ordinal) || location.Contains("/account/denied", StringComparison.Ordinal));
    }
}
