using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Testing;
using ServiceRegistry.Web.Pages.Account;

namespace ServiceRegistry.Web.Tests.Security;

public sealed class SignInTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SignIn_WrongPassword_ShowsPersianError()
    {
        var user = await _app.UserAsync(Roles.NationalAdmin);
        var client = await _app.ClientAsAsync(null);

        var response = await client.SignInAsync(user.Email, "wrong-password-000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("پست الکترونیک یا گذرواژه درست نیست", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_FiveFailures_LocksTheAccount_EvenForTheRightPassword()
    {
        var user = await _app.UserAsync(Roles.AgencyEditor, "اداره آزمایش", "تهران");
        var client = await _app.ClientAsAsync(null);
        for (var i = 0; i < 5; i++)
        {
            await client.SignInAsync(user.Email, "wrong-password-000");
        }

        var response = await client.SignInAsync(user.Email, user.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("قفل", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_RightPassword_OpensTheQueues_AndPasswordIsHashed()
    {
        var user = await _app.UserAsync(Roles.ProvincialReviewer, province: "فارس");
        var client = await _app.ClientAsAsync(user);

        var queues = await client.GetAsync("/review");
        var hash = await _app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == user.Email).PasswordHash));

        Assert.Equal(HttpStatusCode.OK, queues.StatusCode);
        Assert.Contains("در انتظار بررسی من", await queues.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(hash);
        Assert.DoesNotContain(user.Password, hash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRejected()
    {
        var user = await _app.UserAsync(Roles.NationalAdmin);
        var client = await _app.ClientAsAsync(null);

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Email"] = user.Email,
            ["Form.Password"] = user.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UsersCommand_CreatesAnAdministratorWhoCanSignIn()
    {
        var add = await RegistryCommand.RunAsync(_app.Settings, "users", "add", "--admin", "--email", "first.admin@test.example", "--password", "a-long-password-1");
        var weak = await RegistryCommand.RunAsync(_app.Settings, "users", "add", "--admin", "--email", "weak@test.example", "--password", "short");

        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("۱۰", weak.Error, StringComparison.Ordinal);
        var client = await _app.ClientAsAsync(new TestUser("first.admin@test.example", "a-long-password-1", Roles.NationalAdmin, null, null));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/audit")).StatusCode);
    }

    /// <summary>A browser at one client address, with the sign-in form's antiforgery token.</summary>
    private static async Task<(HttpClient Client, string Token)> BrowserAtAsync(WebApplicationFactory<Program> app, string address)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(SecurityApp.ClientAddress, address);
        return (client, await client.AntiforgeryTokenAsync("/account/login"));
    }

    private static Task<HttpResponseMessage> PostSignInAsync((HttpClient Client, string Token) browser, string email, string password) =>
        browser.Client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Email"] = email,
            ["Form.Password"] = password,
            ["__RequestVerificationToken"] = browser.Token,
        }));

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (await RegistryApp.ParseAsync(response)).QuerySelector(".alert-danger")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task SignIn_UnknownEmailAndWrongPassword_TakeTheSameTime()
    {
        // Arrange: limits out of the way, so every attempt checks a password
        await using var app = new SecurityApp(null, ("Security:SignIn:PerAddressPerMinute", "1000"), ("Security:SignIn:PerAccountPer15Minutes", "1000"), ("Security:SignIn:FailuresBeforeLock", "1000"));
        // (one wrong password per account: a locked account, as before, answered without checking the password)
        var users = new List<TestUser>();
        for (var i = 0; i < 16; i++)
        {
            users.Add(await app.UserAsync(Roles.AgencyEditor, "اداره آزمایش", "تهران"));
        }

        var browser = await BrowserAtAsync(app, "192.0.2.10");
        await PostSignInAsync(browser, users[15].Email, "warm-up-password");
        await PostSignInAsync(browser, "warm.up@test.example", "warm-up-password");
        var known = new List<double>();
        var unknown = new List<double>();

        // Act: interleaved, so load on the machine falls on both alike
        for (var i = 0; i < 15; i++)
        {
            var watch = Stopwatch.StartNew();
            await PostSignInAsync(browser, users[i].Email, "wrong-password-" + i);
            known.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await PostSignInAsync(browser, $"nobody{i}@test.example", "wrong-password-" + i);
            unknown.Add(watch.Elapsed.TotalMilliseconds);
        }

        // Assert: medians within a factor of two (before: ~160 ms against ~4 ms)
        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        var ratio = Median(known) / Median(unknown);
        Assert.True(ratio is > 0.5 and < 2, $"known {Median(known):0} ms, unknown {Median(unknown):0} ms, ratio {ratio:0.00}");
    }

    [Fact]
    public async Task SignIn_UnknownAndKnownAccounts_GetTheSameMessages_AlsoWhenLocked()
    {
        // Arrange
        var user = await _app.UserAsync(Roles.AgencyEditor, "اداره آزمایش", "تهران");
        var browser = await BrowserAtAsync(_app, "192.0.2.20");
        var messages = new Dictionary<string, List<string>> { [user.Email] = [], ["nobody@test.example"] = [] };

        // Act: six wrong passwords at each
        foreach (var (email, seen) in messages)
        {
            for (var i = 0; i < 6; i++)
            {
                seen.Add(await MessageAsync(await PostSignInAsync(browser, email, "wrong-password-000")));
            }
        }

        // Assert: word for word the same, the lock included
        Assert.Equal(messages[user.Email], messages["nobody@test.example"]);
        Assert.Equal(LoginModel.FailedMessage, messages[user.Email][0]);
        Assert.Equal(LoginModel.LockedMessage, messages[user.Email][5]);
    }

    [Fact]
    public async Task SignIn_FailuresFromAStranger_DoNotLockThePersonOut()
    {
        // Arrange
        await using var app = new SecurityApp();
        var user = await app.UserAsync(Roles.AgencyEditor, "اداره آزمایش", "تهران");
        var stranger = await BrowserAtAsync(app, "203.0.113.66");
        var person = await BrowserAtAsync(app, "198.51.100.23");

        // Act
        for (var i = 0; i < 6; i++)
        {
            await PostSignInAsync(stranger, user.Email, "guess-" + i);
        }

        var strangerWithRightPassword = await PostSignInAsync(stranger, user.Email, user.Password);
        var personSigningIn = await PostSignInAsync(person, user.Email, user.Password);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, personSigningIn.StatusCode);
        Assert.Equal(LoginModel.LockedMessage, await MessageAsync(strangerWithRightPassword));
    }

    [Fact]
    public async Task SignIn_FailuresOnOneNode_AreCountedOnAnother()
    {
        // Arrange: two nodes on one database (on SQLite, the same node started again on the same file)
        await using var nodeA = new SecurityApp();
        var user = await nodeA.UserAsync(Roles.AgencyEditor, "اداره آزمایش", "تهران");
        await using var nodeB = nodeA.AnotherNode();
        var atA = await BrowserAtAsync(nodeA, "192.0.2.50");

        // Act: five wrong passwords on one node, then the right one from the same address on the other
        for (var i = 0; i < 5; i++)
        {
            await PostSignInAsync(atA, user.Email, "guess-" + i);
        }

        var atB = await BrowserAtAsync(nodeB, "192.0.2.50");
        var right = await PostSignInAsync(atB, user.Email, user.Password);

        // Assert
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal(LoginModel.LockedMessage, await MessageAsync(right));
    }

    [Fact]
    public async Task SignIn_TooManyAttemptsFromOneAddress_Is429InPersian()
    {
        // Arrange
        await using var app = new SecurityApp(null, ("Security:SignIn:PerAddressPerMinute", "3"));
        var user = await app.UserAsync(Roles.AgencyEditor, "اداره آزمایش", "تهران");
        var browser = await BrowserAtAsync(app, "192.0.2.30");
        var elsewhere = await BrowserAtAsync(app, "192.0.2.31");

        // Act: different accounts, so only the address's limit applies
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add((await PostSignInAsync(browser, $"someone{i}@test.example", "wrong-password-000")).StatusCode);
        }

        var fourth = await PostSignInAsync(browser, user.Email, user.Password);
        var otherAddress = await PostSignInAsync(elsewhere, user.Email, user.Password);

        // Assert
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Contains("بیش از حد", await fourth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, otherAddress.StatusCode);
    }

    [Fact]
    public async Task SignIn_GuessesAtOneAccountFromManyAddresses_Are429_ForKnownAndUnknownAlike()
    {
        // Arrange
        await using var app = new SecurityApp(null, ("Security:SignIn:PerAccountPer15Minutes", "3"));
        var user = await app.UserAsync(Roles.AgencyEditor, "اداره آزمایش", "تهران");
        var answers = new Dictionary<string, HttpResponseMessage>();

        // Act: three failures from three addresses, then a fourth address (with the right password, for the real account)
        foreach (var (email, password) in new[] { (user.Email, user.Password), ("nobody@test.example", "any-password-000") })
        {
            for (var i = 0; i < 3; i++)
            {
                await PostSignInAsync(await BrowserAtAsync(app, $"192.0.2.{40 + i}"), email, "guess-" + i);
            }

            answers[email] = await PostSignInAsync(await BrowserAtAsync(app, "192.0.2.99"), email, password);
        }

        // Assert
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[user.Email].StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, answers["nobody@test.example"].StatusCode);
        Assert.Equal(LoginModel.TooManyMessage, await MessageAsync(answers[user.Email]));
        Assert.Equal(LoginModel.TooManyMessage, await MessageAsync(answers["nobody@test.example"]));
    }
}
