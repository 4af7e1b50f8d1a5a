using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Feeds;

namespace ServiceRegistry.Web.Api;

/// <summary>
/// The change feed for harvesters (<c>GET /api/v1/changes?after=CURSOR&amp;limit=N</c>): every change to public data in
/// commit order, resumable from the cursor of the last change read; and the same changes as an Atom feed for people
/// (<c>/feed.atom</c>). Anonymous; both read <see cref="ChangeFeed"/>.
/// </summary>
public static class ChangesApi
{
    /// <summary>A page of changes, oldest first; <c>next</c> is the cursor to ask with next time (the given one when nothing
    /// is new), <c>more</c> whether more changes are waiting now.</summary>
    public sealed record ChangePage(IReadOnlyList<ChangeItem> Items, string Next, bool More);

    public static IEndpointRouteBuilder MapChangesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/changes", ListChanges).WithName(nameof(ListChanges)).WithTags("Changes")
            .Describe("هر تغییر داده‌های عمومی (انتشار، بازنگری، بایگانی، تغییر الگو) به ترتیب ثبت، پس از یک نشانگر (after)؛ بی آن از نخستین تغییر. "
                + "برای برداشت، صفحه‌ها را با after = next صفحه پیش بخوانید تا more نادرست شود، سپس با همان نشانگر سر بزنید. نشانگر هیچ تغییری را جا نمی‌اندازد یا تکرار نمی‌کند. limit از ۱ تا ۱۰۰۰ (پیش‌فرض ۱۰۰)؛ نشانگر ناشناخته 400.",
                "Every change to public data in commit order, after a cursor (omit it to start from the first change). "
                + "Harvest by asking with `after` = the `next` of the previous page until `more` is false, then poll with it. "
                + "A cursor never skips or repeats a change, even while several nodes write. Kinds: published, revised, archived, templateChanged "
                + "(more may be added: skip unknown kinds). `limit` is 1–1000, default 100. A cursor this feed did not hand out is a 400.");
        app.MapGet("/feed.atom", AtomFeed).ExcludeFromDescription();
        return app;
    }

    public static async Task<Results<Ok<ChangePage>, ValidationProblem>> ListChanges(
        string? after, int? limit, ChangeFeed feed, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ChangeFeed.TryParseCursor(after, out var seq))
        {
            errors["after"] = ["نشانگر after از این فهرست تغییرات نیست؛ از next پاسخ قبلی استفاده کنید یا آن را خالی بگذارید تا از آغاز خوانده شود."];
        }

        if (limit is < 1 or > ChangeFeed.MaxLimit)
        {
            errors["limit"] = [$"limit باید از ۱ تا {ChangeFeed.MaxLimit:N0} باشد."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "درخواست فهرست تغییرات درست نیست.");
        }

        var take = limit ?? ChangeFeed.DefaultLimit;
        var entries = await feed.ReadAsync(seq, take + 1, ct);
        var items = entries.Take(take).Select(e => e.ToItem()).ToList();
        return TypedResults.Ok(new ChangePage(items, items.Count > 0 ? items[^1].Cursor : ChangeFeed.CursorOf(seq), entries.Count > take));
    }

    /// <summary>The latest 50 changes as Atom 1.0, titles in Persian («انتشار: …»), each linking to the service's page.</summary>
    public static async Task AtomFeed(HttpContext http, ChangeFeed feed, CancellationToken ct)
    {
        var entries = await feed.LatestAsync(50, ct);
        var site = $"{http.Request.Scheme}://{http.Request.Host}";
        http.Response.ContentType = "application/atom+xml; charset=utf-8";
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        await using var xml = XmlWriter.Create(http.Response.Body, settings);
        const string atom = "http://www.w3.org/2005/Atom";
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "feed", atom);
        await xml.WriteAttributeStringAsync("xml", "lang", null, "fa");
        await xml.WriteElementStringAsync(null, "title", atom, "تغییرات فهرست خدمات");
        await xml.WriteElementStringAsync(null, "id", atom, $"{site}/feed.atom");
        await xml.WriteElementStringAsync(null, "updated", atom, Rfc3339(entries.Count > 0 ? entries[0].Change.At : DateTime.UnixEpoch));
        await Link(xml, "self", $"{site}/feed.atom");
        await Link(xml, "alternate", $"{site}/");
        foreach (var e in entries)
        {
            var c = e.Change;
            await xml.WriteStartElementAsync(null, "entry", atom);
            await xml.WriteElementStringAsync(null, "title", atom, $"{Labels.Of(c.Kind)}: {c.Title}");
            await xml.WriteElementStringAsync(null, "id", atom, $"{site}/api/v1/changes#{e.Cursor}");
            await xml.WriteElementStringAsync(null, "updated", atom, Rfc3339(c.At));
            await Link(xml, "alternate", $"{site}/services/{c.CardId}");
            await xml.WriteStartElementAsync(null, "author", atom);
            await xml.WriteElementStringAsync(null, "name", atom, e.AgencyName);
            await xml.WriteEndElementAsync();
            await xml.WriteElementStringAsync(null, "summary", atom, c.Content?.Description ?? "این خدمت از فهرست عمومی برداشته شد.");
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task Link(XmlWriter xml, string rel, string href)
    {
        await xml.WriteStartElementAsync(null, "link", "http://www.w3.org/2005/Atom");
        await xml.WriteAttributeStringAsync(null, "rel", null, rel);
        await xml.WriteAttributeStringAsync(null, "href", null, href);
        await xml.WriteEndElementAsync();
    }

    private static string Rfc3339(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
