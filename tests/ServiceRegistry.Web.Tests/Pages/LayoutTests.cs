using System.Net;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Pages;

/// <summary>What every page carries: a favicon, and the footer's link to the API guide.</summary>
public sealed class LayoutTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Get_AnyPage_HasAFaviconAndLinksTheApiGuideFromTheFooter()
    {
        // Arrange
        var client = _app.CreateBrowserlessClient();

        // Act
        var favicon = await client.GetAsync("/favicon.ico");
        var page = await RegistryApp.ParseAsync(await client.GetAsync("/"));
        var api = await client.GetAsync("/api");
        var icon = await favicon.Content.ReadAsByteArrayAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
        Assert.Equal(new byte[] { 0, 0, 1, 0 }, icon[..4]);
        Assert.Equal("/favicon.ico", page.QuerySelector("link[rel='icon']")?.GetAttribute("href"));
        Assert.Equal("/api", page.QuerySelector("footer a#footer-api")?.GetAttribute("href"));
        Assert.True(api.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect);
    }
}
