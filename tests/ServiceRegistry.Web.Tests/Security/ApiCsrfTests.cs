using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Security;

/// <summary>API writes with the sign-in cookie only from the app's own pages (antiforgery header or same origin).</summary>
public sealed class ApiCsrfTests : IAsyncLifetime
{
    private const string Agency = "اداره کل نمونه فارس";
    private readonly RegistryApp _app = new();
    private HttpClient _editor = null!;
    private int _draft;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var user = await _app.UserAsync(Roles.AgencyEditor, Agency, "فارس");
        // A browser of the editor's: the sign-in cookie, and no default Origin header (each request says its own).
        _editor = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        Assert.Equal(HttpStatusCode.Redirect, (await _editor.SignInAsync(user.Email, user.Password)).StatusCode);
        _draft = (await _app.SeedAsync(new CardBuilder().Titled("خدمت آزمون جعل درخواست").OfAgency(Agency, "فارس")))[0].Id;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> SubmitAsync(params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/services/{_draft}/submit");
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await _editor.SendAsync(request, Ct);
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "http://forms.localhost")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData(null, null)]
    public async Task Post_WithCookieFromAnotherOrigin_Is403ProblemAndChangesNothing(string? header, string? value)
    {
        // Act: a body-less submit, as a form or fetch on another site (or a sibling subdomain) would send it
        var response = header is null ? await SubmitAsync() : await SubmitAsync((header, value!));

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("توکن API", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Draft", await _app.WithDbAsync(db => Task.FromResult(db.Cards.Single(c => c.Id == _draft).Status.ToString())));
    }

    [Theory]
    [InlineData("Origin", "http://localhost")]
    [InlineData("Sec-Fetch-Site", "same-origin")]
    public async Task Post_WithCookieFromTheAppsOwnOrigin_GoesThrough(string header, string value)
    {
        // Act
        var response = await SubmitAsync((header, value));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_WithCookieAndTheAntiforgeryHeader_GoesThrough()
    {
        // Arrange: the token a page of the app carries (only the app's own pages can read it)
        var token = await _editor.AntiforgeryTokenAsync("/cards/new");

        // Act
        var response = await SubmitAsync(("RequestVerificationToken", token));
        var forged = await SubmitAsync(("RequestVerificationToken", "not-a-token"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
    }

    [Fact]
    public async Task Reads_WithCookieFromAnotherOrigin_AreNotRefused()
    {
        // Act
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/services/{_draft}");
        request.Headers.Add("Origin", "http://evil.example");
        var response = await _editor.SendAsync(request, Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
