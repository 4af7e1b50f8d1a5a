using ServiceRegistry.Core;
using ServiceRegistry.Web.Api;
using ServiceRegistry.Web.Commands;
using ServiceRegistry.Web.Infrastructure;
using ServiceRegistry.Web.Infrastructure.Security;

// One executable: with a command (export, import, seed, users) it runs that; otherwise it serves the web app.
// Both share one configuration (appsettings*.json, environment variables). The database is migrated
// (and, when empty, seeded with the demo cards) as the web host starts.
var command = Cli.IsCommand(args);
var builder = WebApplication.CreateBuilder(command ? [] : args);
// The build output's static-asset manifest in every environment (ASP.NET Core reads it in Development only): outside
// Development, MapStaticAssets otherwise answers a browser's gzip request with files only a publish creates (empty
// CSS and scripts). A published app has no such manifest, and this does nothing.
builder.WebHost.UseStaticWebAssets();
builder.AddRegistryCore();
builder.AddReadRouting(); // ConnectionStrings:RegistryRead for public reads (hot standby)
builder.AddRegistryTelemetry();
builder.Services.AddRegistryAuth(builder.Configuration, builder.Environment);
builder.Services.AddRegistrySecurity(builder.Configuration, builder.Environment);
builder.Services.AddRazorPages(pages =>
{
    pages.Conventions.AuthorizeFolder("/Cards", Auth.StaffPolicy);
    pages.Conventions.AuthorizeFolder("/Review", Auth.StaffPolicy);
    pages.Conventions.AuthorizeFolder("/Figures", Auth.StaffPolicy);
    pages.Conventions.AuthorizeFolder("/Admin", Auth.AdminPolicy);
});
builder.Services.AddPersianUi();
builder.Services.AddCardPdf();
builder.Services.AddRouting(o => o.LowercaseUrls = true);
builder.Services.AddRegistryProblemDetails();
builder.Services.AddRegistryApi();
builder.Services.AddFeedbackAndMail(); // the public's reports on a service page, e-mail through SMTP (section Mail)
builder.Host.UseDefaultServiceProvider(o => { o.ValidateScopes = true; o.ValidateOnBuild = true; });

var app = builder.Build();
if (command)
{
    return await Cli.RunAsync(app.Services, args);
}

app.UseRegistrySecurity(); // forwarded headers, HSTS and HTTPS in Production, security headers on every response
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseExceptionHandler());
app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages =>
{
    pages.UseExceptionHandler("/error");
    pages.UseStatusCodePagesWithReExecute("/error/{0}");
});
app.UseRouting(); // after the error handlers, so a re-executed request is routed again
app.UseRateLimiter();
app.UseRequestLimits();
app.UseAuthentication();
app.UseReadRouting();
app.UseApiCsrfProtection(); // cookie-signed API writes only from the app's own pages
app.UseAuthorization();
app.UsePersianCulture();
app.MapStaticAssets();
app.MapHealthApi();
app.MapWorkflowApi();
app.MapRegistryApiDocs();
app.MapCatalogApi();
app.MapCardsApi();
app.MapChangesApi(); // the change feed and /feed.atom
app.MapSearchEngines(); // robots.txt, sitemap.xml
app.MapStatisticsApi();
app.MapTemplatesApi();
app.MapRazorPages();
await app.RunAsync();
return 0;

/// <summary>The web application's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
