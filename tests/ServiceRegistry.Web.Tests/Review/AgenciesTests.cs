using System.Net;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Review;

public sealed class AgenciesTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Post_ChildAgency_InheritsProvinceAndShowsInTheTree()
    {
        // Arrange
        var ministry = await _app.AgencyAsync("وزارت راه و شهرسازی", null);
        await _app.AgencyAsync("اداره کل راه و شهرسازی فارس", "فارس", "وزارت راه و شهرسازی");
        var admin = await _app.ClientAsAsync(await _app.UserAsync(Roles.NationalAdmin));
        var parentId = await _app.WithDbAsync(db => Task.FromResult(db.Agencies.Single(a => a.Name == "اداره کل راه و شهرسازی فارس").Id));

        // Act
        var created = await admin.PostFormAsync("/admin/agencies", "/admin/agencies", new Dictionary<string, string>
        {
            ["Form.Name"] = "اداره راه و شهرسازی شیراز",
            ["Form.ParentId"] = parentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var duplicate = await admin.PostFormAsync("/admin/agencies", "/admin/agencies", new Dictionary<string, string> { ["Form.Name"] = "وزارت راه و شهرسازی" });
        var page = await RegistryApp.ParseAsync(await admin.GetAsync("/admin/agencies"));

        // Assert
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Contains("دستگاهی با این نام هست", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var county = await _app.WithDbAsync(db => Task.FromResult(db.Agencies.Single(a => a.Name == "اداره راه و شهرسازی شیراز")));
        Assert.Equal("فارس", county.Province);
        Assert.Equal(parentId, county.ParentId);
        var nested = page.QuerySelector("#agency-tree > li > ul > li > ul > li");
        Assert.NotNull(nested);
        Assert.Contains("اداره راه و شهرسازی شیراز", nested.TextContent, StringComparison.Ordinal);
        Assert.True(ministry > 0);
    }
}
