using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Testing;

/// <summary>A test account: its sign-in and the agency it works for.</summary>
public sealed record TestUser(string Email, string Password, string Role, int? AgencyId, string? Province);

/// <summary>An agency in a province with one of its editors and the province's reviewer: the people of most workflow tests.</summary>
public sealed record AgencyTeam(string Agency, string Province, TestUser Editor, TestUser Reviewer);

public static partial class Accounts
{
    /// <summary>Creates <paramref name="agency"/> in <paramref name="province"/>, an editor of it and the province's reviewer.</summary>
    public static async Task<AgencyTeam> TeamAsync(this RegistryApp app, string agency = "اداره کل آزمایش", string province = "تهران")
    {
        await app.AgencyAsync(agency, province);
        return new AgencyTeam(agency, province,
            await app.UserAsync(Roles.AgencyEditor, agency, province), await app.UserAsync(Roles.ProvincialReviewer, province: province));
    }

    public const string Password = "test-password-123";

    /// <summary>Creates an agency (if missing) and returns its id.</summary>
    public static async Task<int> AgencyAsync(this RegistryApp app, string name, string? province, string? parent = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var existing = db.Agencies.FirstOrDefault(a => a.Name == name);
        if (existing is not null)
        {
            return existing.Id;
        }

        var parentAgency = parent is null ? null : db.Agencies.First(a => a.Name == parent);
        var agency = new Agency(name, province, parentAgency);
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        return agency.Id;
    }

    /// <summary>Creates an account with a role: staff of an agency (by name) or a reviewer of a province.</summary>
    public static async Task<TestUser> UserAsync(this RegistryApp app, string role, string? agency = null, string? province = null)
    {
        var agencyId = agency is null ? (int?)null : await app.AgencyAsync(agency, province);
        var email = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}@test.example";
        await using var scope = app.Services.CreateAsyncScope();
        var errors = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .CreateAsync(email, Password, role, role + " آزمایشی", agencyId, role == Roles.ProvincialReviewer ? province : null);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        return new TestUser(email, Password, role, agencyId, province);
    }

    /// <summary>A client signed in as <paramref name="user"/> through the real sign-in form (antiforgery included).</summary>
    public static async Task<HttpClient> ClientAsAsync(this WebApplicationFactory<Program> app, TestUser? user)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        // As the app's own pages do: a browser names the page's origin on every write, and the API's writes with a
        // cookie are refused without it (see ApiCsrfTests for requests from elsewhere).
        client.DefaultRequestHeaders.Add("Origin", client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        if (user is null)
        {
            return client;
        }

        var response = await client.SignInAsync(user.Email, user.Password);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in of {user.Email} failed: {response.StatusCode}");
        }

        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password)
    {
        var token = await client.AntiforgeryTokenAsync("/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Email"] = email,
            ["Form.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The antiforgery token of the form on a page.</summary>
    public static async Task<string> AntiforgeryTokenAsync(this HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        return TokenPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"no antiforgery token on {page}");
    }

    /// <summary>Posts a page form (with its antiforgery token, taken from <paramref name="formPage"/>).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formPage, string action, IDictionary<string, string> fields)
    {
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = await client.AntiforgeryTokenAsync(formPage) };
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
