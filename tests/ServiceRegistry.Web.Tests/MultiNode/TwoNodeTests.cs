using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Seeding;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.MultiNode;

/// <summary>
/// Two nodes (two hosts, each with its own data folder, caches and hosted services) on one PostgreSQL database, as
/// behind a load balancer. PostgreSQL only: a SQLite registry is one file on one machine, served by one node.
/// </summary>
public sealed class TwoNodeTests
{
    private const string OnlyPostgres = "several nodes share a PostgreSQL database; a SQLite file is served by one node (set REGISTRY_TEST_POSTGRES)";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ColdStart_TwoNodesAtOnceOnAnEmptyDatabase_BothServeAndTheDemoDataIsLoadedOnce()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, OnlyPostgres);

        // Arrange
        await using var nodeA = new RegistryApp { SeedDemoData = true };
        await using var nodeB = nodeA.AnotherNode();

        // Act: both hosts start at the same moment (migrations, roles, demo data)
        var clients = await Task.WhenAll(Task.Run(nodeA.CreateBrowserlessClient, Ct), Task.Run(() => nodeB.CreateClient(), Ct));

        // Assert
        foreach (var client in clients)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz", Ct)).StatusCode);
        }

        Assert.Equal(DemoData.Cards().Count(), await nodeA.WithDbAsync(db => db.Cards.CountAsync(Ct)));
        Assert.Equal(Roles.All.Count, await nodeA.WithDbAsync(db => db.Roles.CountAsync(Ct)));
        Assert.Equal(1, await nodeA.WithDbAsync(db => db.DataProtectionKeys.CountAsync(Ct)));
    }

    [Fact]
    public async Task SignIn_OnOneNode_IsSignedInOnTheOtherAndItsFormsPostThere()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, OnlyPostgres);

        // Arrange: one browser (one cookie jar), answered by either node
        await using var nodeA = new RegistryApp();
        await using var nodeB = nodeA.AnotherNode();
        var user = await nodeA.UserAsync(Roles.NationalAdmin);
        var cookies = new System.Net.CookieContainer();
        using var onA = nodeA.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var onB = nodeB.CreateDefaultClient(new CookieContainerHandler(cookies));
        Assert.Equal(HttpStatusCode.Redirect, (await onA.SignInAsync(user.Email, user.Password)).StatusCode);

        // Act
        var page = await onB.GetAsync("/cards", Ct);
        var token = await onA.AntiforgeryTokenAsync("/cards"); // the sign-out form, loaded from node A
        var signOut = await onB.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }), Ct);
        var afterSignOut = await onA.GetAsync("/cards", Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterSignOut.StatusCode);
        Assert.StartsWith("/account/login", afterSignOut.Headers.Location?.PathAndQuery ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueId_100AtOnceAcrossTwoNodes_100UniqueIdsAndNo5xx()
    {
        Assert.SkipUnless(TestDatabase.IsPostgres, OnlyPostgres);

        // Arrange
        await using var nodeA = new RegistryApp();
        await using var nodeB = nodeA.AnotherNode();
        var admin = await nodeA.UserAsync(Roles.NationalAdmin);
        var cards = await ServiceIdTests.ApprovedCardsAsync(nodeA, 100);
        var onA = await nodeA.ClientAsAsync(admin);
        var onB = await nodeB.ClientAsAsync(admin);

        // Act: odd cards through node A, even cards through node B, all at once
        var answers = await ServiceIdTests.IssueAtOnceAsync(cards.Select((id, i) => (i % 2 == 0 ? onA : onB, id)));

        // Assert
        Assert.DoesNotContain(answers, a => (int)a.Status >= 500);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        var issued = await nodeA.WithDbAsync(db => db.Cards.Where(c => cards.Contains(c.Id)).Select(c => c.ServiceId).ToListAsync(Ct));
        Assert.Equal(100, issued.Where(s => s is not null).Distinct().Count());
    }
}
