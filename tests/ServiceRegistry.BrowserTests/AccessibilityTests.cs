using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Core.Seeding;
using ServiceRegistry.Testing;

namespace ServiceRegistry.BrowserTests;

/// <summary>
/// Every page of the permission table (PermissionTableTests), anonymous and signed in as each role: axe-core finds no
/// serious or critical violation, and at 390 px (a phone) and 1280 px nothing is wider than the window. One browser
/// context per role, signed in once; each page is loaded once and checked at both widths.
/// </summary>
public sealed class AccessibilityTests(BrowserSession session)
{
    /// <summary>The page routes of the permission table that answer with a file, not a page (checked elsewhere).</summary>
    private static readonly string[] Files = ["/cards/{id:int}/pdf", "/services/{id:int}/pdf", "/dashboard/province/{name}/pdf"];

    /// <summary>Route → the address visited (a real id from the data seeded below).</summary>
    private static Dictionary<string, string> Addresses(Fixtures f) => new()
    {
        ["/"] = "/",
        ["/services/{id:int}"] = $"/services/{f.Published}",
        ["/error/{code:int?}"] = "/error/404",
        ["/account/login"] = "/account/login",
        ["/account/logout"] = "/account/logout",
        ["/account/denied"] = "/account/denied",
        ["/dashboard"] = "/dashboard",
        ["/dashboard/province/{name}"] = "/dashboard/province/" + Uri.EscapeDataString(BrowserSession.Province),
        ["/dashboard/agency/{id:int}"] = $"/dashboard/agency/{f.Agency}",
        ["/dashboard/quarters"] = "/dashboard/quarters",
        ["/cards"] = "/cards",
        ["/cards/new"] = "/cards/new",
        ["/cards/{id:int}"] = $"/cards/{f.Published}",
        ["/cards/{id:int}/edit"] = $"/cards/{f.Draft}/edit",
        ["/cards/import"] = "/cards/import",
        ["/cards/import/spreadsheet"] = "/cards/import/spreadsheet",
        ["/cards/import/{batchId:int}"] = $"/cards/import/{f.Batch}",
        ["/cards/import/{batchId:int}/{n:int}"] = $"/cards/import/{f.Batch}/1",
        ["/review"] = "/review",
        ["/review/{id:int}"] = $"/review/{f.Draft}",
        ["/review/{id:int}/history"] = $"/review/{f.Published}/history",
        ["/admin/audit"] = "/admin/audit",
        ["/admin/agencies"] = "/admin/agencies",
        ["/admin/api-tokens"] = "/admin/api-tokens",
        ["/figures/returns"] = "/figures/returns",
        ["/templates/coverage"] = "/templates/coverage",
        ["/templates/change/{id:int}"] = $"/templates/change/{f.ChangedInstance}",
        ["/templates/part/{id:int}"] = $"/templates/part/{f.ChangedInstance}", // back to the instance's form, its parts marked
        ["/api"] = "/api",
        ["/services/{id:int}/guide"] = $"/services/{f.Published}/guide",
        ["/feedback/{id:int?}"] = "/feedback",
        ["/admin/webhooks"] = "/admin/webhooks",
        ["/figures/returns/workbook"] = "/figures/returns/workbook",
    };

    private sealed record Fixtures(int Agency, int Published, int Draft, int Batch, int ChangedInstance);

    [Fact]
    public void PageList_CoversEveryPageOfTheApp()
    {
        // Arrange
        var pages = session.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .ToHashSet();
        var listed = Addresses(new(1, 1, 1, 1, 1)).Keys.Concat(Files).ToHashSet();

        // Assert: a new page must join the accessibility and width checks
        Assert.Empty(pages.Except(listed));
    }

    [Fact]
    public async Task EveryPage_AnonymousAndAsEachRole_HasNoSeriousAxeViolation_AndNoSidewaysScrollAt390And1280()
    {
        // Arrange
        var fixtures = await SeedAsync();
        var head = await session.App.UserAsync(Roles.AgencyHead, BrowserSession.Agency, BrowserSession.Province);
        var roles = new (string Name, TestUser? User)[]
        {
            ("anonymous", null), ("editor", session.Editor), ("head", head), ("reviewer", session.Reviewer), ("admin", session.Admin),
        };
        var failures = new StringBuilder();
        var checkedPages = 0;

        foreach (var (role, user) in roles)
        {
            var page = await session.NewAnonymousPageAsync();
            if (user is not null)
            {
                await BrowserSession.SignInAsync(page, user);
            }

            var seen = new HashSet<string>();
            foreach (var (route, address) in Addresses(fixtures))
            {
                // Act
                var response = await page.GotoAsync(address);
                var landed = new Uri(page.Url).AbsolutePath;
                if (!seen.Add(landed))
                {
                    continue; // a refusal that lands on a page already checked as this role (sign-in, access denied)
                }

                checkedPages++;
                var where = $"{route} as {role} ({(int?)response?.Status} {landed})";
                var axe = await page.RunAxe();
                foreach (var violation in axe.Violations.Where(v => v.Impact is "serious" or "critical"))
                {
                    failures.AppendLine($"{where}: axe {violation.Impact} {violation.Id}: {violation.Help}");
                    foreach (var node in violation.Nodes.Take(3))
                    {
                        failures.AppendLine($"    {node.Target} {Shorten(node.Html)}");
                    }
                }

                foreach (var width in new[] { 1280, 390 })
                {
                    if (width != 1280)
                    {
                        await page.SetViewportSizeAsync(width, 900);
                    }

                    // charts redraw at the new width through a ResizeObserver: give a page up to a second to settle
                    var overflow = await SidewaysOverflowAsync(page);
                    for (var retry = 0; retry < 5 && overflow.Length > 0; retry++)
                    {
                        await page.WaitForTimeoutAsync(200);
                        overflow = await SidewaysOverflowAsync(page);
                    }

                    if (overflow is { Length: > 0 })
                    {
                        failures.AppendLine($"{where}: wider than {width} px: {overflow}");
                    }
                }

                await page.SetViewportSizeAsync(1280, 1000);
            }

            await page.Context.CloseAsync();
        }

        // Assert
        Assert.True(checkedPages >= 60, $"only {checkedPages} pages checked");
        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>"" when the page fits the window, else the page's width and the widest elements that stick out.</summary>
    public static async Task<string> SidewaysOverflowAsync(IPage page) =>
        await page.EvaluateAsync<string>("""
            async () => {
                await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                const doc = document.scrollingElement, width = window.innerWidth;
                if (doc.scrollWidth <= width) return '';
                const out = [...document.querySelectorAll('body *')]
                    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.left < -1 || r.right > width + 1); })
                    .filter(e => !e.parentElement || (() => { const p = e.parentElement.getBoundingClientRect(); return p.left >= -1 && p.right <= width + 1; })())
                    .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' ' + Math.round(e.getBoundingClientRect().width) + 'px');
                return doc.scrollWidth + 'px: ' + out.join(', ');
            }
            """);

    private static string Shorten(string html) => html.Length <= 160 ? html : html[..160] + "…";

    /// <summary>The agency's published demo service (one whose title sorts after the workflow journey's, which looks for
    /// its card on the catalog's first page), a draft with the regional-accounts content, an import batch of the
    /// editor's with one read file, and an instance of a national template that changed (once per run).</summary>
    private async Task<Fixtures> SeedAsync()
    {
        var agencyId = await session.App.WithDbAsync(db => db.Agencies.Where(a => a.Name == BrowserSession.Agency).Select(a => a.Id).SingleAsync());
        var ids = await session.App.WithDbAsync(async db =>
        {
            var content = CardJson.Read(DemoData.Cards().Single(c => c.Name == "residence-documents").Json).Content!;
            content.ServiceId = null;
            content.Title += " (دسترس پذیری)"; // other journeys look the demo titles up
            var published = ServiceCard.FromFile(agencyId, content, CardStatus.Published, session.App.Clock.GetUtcNow());
            var draftContent = CardJson.Read(DemoData.Cards().Single(c => c.Name == "municipality-grading").Json).Content!;
            draftContent.ServiceId = null;
            draftContent.Title += " (دسترس پذیری)";
            var draft = ServiceCard.FromFile(agencyId, draftContent, CardStatus.Draft, session.App.Clock.GetUtcNow());
            db.Cards.AddRange(published, draft);
            await db.SaveChangesAsync();
            return (published.Id, draft.Id);
        });
        var template = (await session.App.SeedAsync(new CardBuilder().Titled("یکسان سازی دسترس پذیری (الگو)").OfAgency("وزارت دسترس پذیری").AsTemplate().Published()))[0].Id;
        var instance = (await session.App.SeedAsync(new CardBuilder().OfAgency(BrowserSession.Agency, BrowserSession.Province)
            .InstanceOf(template).WithTemplateChange("requiredDocuments")))[0].Id;
        var batch = await session.App.WithDbAsync(async db =>
        {
            var ownerId = await db.Users.Where(u => u.Email == session.Editor.Email).Select(u => u.Id).SingleAsync();
            var now = session.App.Clock.GetUtcNow();
            var started = ImportBatch.Start(ownerId, now);
            var item = started.Queue("regional-accounts.txt", await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "forms", "regional-accounts.txt")));
            item.Start("another-node", now.AddDays(1)); // leased by a live node: the worker leaves it alone
            item.Finish(await ImportConverter.ConvertAsync(item.ToInput(), TimeSpan.FromSeconds(30), default), now);
            db.ImportBatches.Add(started);
            await db.SaveChangesAsync();
            return started.Id;
        });
        return new(agencyId, ids.Item1, ids.Item2, batch, instance);
    }
}
