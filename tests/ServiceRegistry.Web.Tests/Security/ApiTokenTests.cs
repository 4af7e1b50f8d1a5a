using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Security;

/// <summary>API tokens: created by the national office at /admin/api-tokens (secret shown once, hashed at rest),
/// used as Bearer on the API with the token's role and agency, expiring, revocable, last use shown.</summary>
public sealed class ApiTokenTests : IAsyncLifetime
{
    private const string Agency = "اداره کل نمونه فارس";
    private readonly RegistryApp _app = new();
    private HttpClient _admin = null!;
    private int _agencyId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));
        _agencyId = await _app.AgencyAsync(Agency, "فارس");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Creates a token through the admin page and returns the secret it shows.</summary>
    private async Task<string> CreateTokenAsync(string name, string role, int? agencyId = null, string? province = null, int days = 30)
    {
        var response = await _admin.PostFormAsync("/admin/api-tokens", "/admin/api-tokens", new Dictionary<string, string>
        {
            ["Form.Name"] = name,
            ["Form.Role"] = role,
            ["Form.AgencyId"] = agencyId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ["Form.Province"] = province ?? "",
            ["Form.Days"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await RegistryApp.ParseAsync(response);
        return page.QuerySelector("#new-token-secret")?.TextContent.Trim() ?? throw new InvalidOperationException("no secret shown: " + page.QuerySelector(".alert-danger")?.TextContent);
    }

    private HttpClient Machine(string secret)
    {
        var client = _app.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private async Task<int> DraftAsync(string agency = Agency) =>
        (await _app.SeedAsync(new CardBuilder().Titled("خدمت سامانه دیگر").OfAgency(agency, "فارس")))[0].Id;

    [Fact]
    public async Task CreatedToken_IsShownOnce_StoredAsHashOnly_AndListedWithoutTheSecret()
    {
        // Act
        var secret = await CreateTokenAsync("سامانه پنجره واحد", Roles.AgencyEditor, _agencyId);
        var list = await (await _admin.GetAsync("/admin/api-tokens", Ct)).Content.ReadAsStringAsync(Ct);
        var stored = await _app.WithDbAsync(db => db.ApiTokens.AsNoTracking().SingleAsync(Ct));

        // Assert
        Assert.StartsWith("sr_", secret, StringComparison.Ordinal);
        Assert.True(secret.Length >= 40, secret);
        Assert.Equal(ApiToken.HashOf(secret), stored.Hash);
        Assert.DoesNotContain(secret, JsonSerializer.Serialize(stored), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.Contains("سامانه پنجره واحد", list, StringComparison.Ordinal);
        Assert.Contains(stored.Hint, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bearer_ActsAsItsRoleAndAgency_FromAnyOrigin_AndItsUseIsShown()
    {
        // Arrange
        var secret = await CreateTokenAsync("سامانه استان", Roles.AgencyEditor, _agencyId);
        var own = await DraftAsync();
        var other = await DraftAsync("اداره کل دیگر فارس");
        var machine = Machine(secret);

        // Act: not a browser, so no same-origin rule (a foreign Origin changes nothing)
        using var submit = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/services/{own}/submit");
        submit.Headers.Add("Origin", "http://evil.example");
        var submitted = await machine.SendAsync(submit, Ct);
        var otherAgency = await machine.PostAsync($"/api/v1/services/{other}/submit", null, Ct);
        var page = await machine.GetAsync("/cards", Ct);
        var list = await (await _admin.GetAsync("/admin/api-tokens", Ct)).Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherAgency.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, page.StatusCode); // tokens open the API only, never the pages
        Assert.NotNull(await _app.WithDbAsync(db => db.ApiTokens.Select(t => t.LastUsedAt).SingleAsync(Ct)));
        Assert.DoesNotContain("هرگز", list, StringComparison.Ordinal);
        var trail = await _app.WithDbAsync(db => db.AuditEntries.Where(a => a.CardId == own).Select(a => a.UserName).ToListAsync(Ct));
        Assert.Contains(trail, n => n.Contains("سامانه استان", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bearer_OfAReviewerToken_CannotSubmitAnEditorsCard()
    {
        // Arrange
        var secret = await CreateTokenAsync("سامانه بررسی", Roles.ProvincialReviewer, province: "فارس");
        var draft = await DraftAsync();

        // Act
        var response = await Machine(secret).PostAsync($"/api/v1/services/{draft}/submit", null, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Bearer_RevokedExpiredOrUnknown_Is401()
    {
        // Arrange
        var revoked = await CreateTokenAsync("باطل‌شونده", Roles.AgencyEditor, _agencyId);
        var expiring = await CreateTokenAsync("کوتاه", Roles.AgencyEditor, _agencyId, days: 30);
        var draft = await DraftAsync();
        var id = await _app.WithDbAsync(db => db.ApiTokens.Where(t => t.Name == "باطل‌شونده").Select(t => t.Id).SingleAsync(Ct));

        // Act
        var revoke = await _admin.PostFormAsync("/admin/api-tokens", $"/admin/api-tokens?handler=revoke&id={id}", new Dictionary<string, string>());
        var afterRevoke = await Machine(revoked).PostAsync($"/api/v1/services/{draft}/submit", null, Ct);
        var beforeExpiry = await Machine(expiring).GetAsync($"/api/v1/services/{draft}", Ct);
        _app.Clock.Advance(TimeSpan.FromDays(31));
        var afterExpiry = await Machine(expiring).PostAsync($"/api/v1/services/{draft}/submit", null, Ct);
        var unknown = await Machine("sr_" + new string('x', 43)).PostAsync($"/api/v1/services/{draft}/submit", null, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal(HttpStatusCode.OK, beforeExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterExpiry.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal("Bearer", unknown.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task CreateToken_EditorWithoutAgency_IsRefusedInPersian()
    {
        // Act
        var response = await _admin.PostFormAsync("/admin/api-tokens", "/admin/api-tokens", new Dictionary<string, string>
        {
            ["Form.Name"] = "بدون دستگاه", ["Form.Role"] = Roles.AgencyEditor, ["Form.AgencyId"] = "", ["Form.Days"] = "30",
        });
        var html = await response.Content.ReadAsStringAsync(Ct);

        // Assert
        Assert.Contains("دستگاه را انتخاب کنید", html, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.ApiTokens.CountAsync(Ct)));
    }

    [Fact]
    public async Task OpenApi_DocumentsTheBearerAndCookieSchemes_OnTheWrites()
    {
        // Act
        using var document = JsonDocument.Parse(await _app.CreateBrowserlessClient().GetStringAsync("/openapi/v1.json", Ct));

        // Assert
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("cookie", schemes.GetProperty("cookie").GetProperty("in").GetString());
        var submit = document.RootElement.GetProperty("paths").GetProperty("/api/v1/services/{id}/submit").GetProperty("post");
        var names = submit.GetProperty("security").EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList();
        Assert.Equal(["bearer", "cookie"], names);
        Assert.False(document.RootElement.GetProperty("paths").GetProperty("/api/v1/services").GetProperty("get").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task TokensCommand_AddsListsAndRevokes()
    {
        // Arrange
        var draft = await DraftAsync();
        var agency = _agencyId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Act
        var add = await RegistryCommand.RunAsync(_app.Settings, "tokens", "add", "--name", "سامانه خط فرمان", "--role", "editor", "--agency", agency, "--days", "30");
        var secret = add.Output.Trim();
        var submitted = await Machine(secret).PostAsync($"/api/v1/services/{draft}/submit", null, Ct);
        var list = await RegistryCommand.RunAsync(_app.Settings, "tokens", "list");
        var id = await _app.WithDbAsync(db => db.ApiTokens.Select(t => t.Id).SingleAsync(Ct));
        var revoke = await RegistryCommand.RunAsync(_app.Settings, "tokens", "revoke", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var afterRevoke = await Machine(secret).PostAsync($"/api/v1/services/{draft}/archive", null, Ct);

        // Assert
        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("سامانه خط فرمان", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list.Output, StringComparison.Ordinal);
        Assert.Equal(0, revoke.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }
}
