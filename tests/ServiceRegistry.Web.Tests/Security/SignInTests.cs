using System.Net;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Testing;

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
}
