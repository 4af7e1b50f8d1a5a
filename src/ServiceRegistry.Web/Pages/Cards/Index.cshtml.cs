using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards;

/// <summary>The staff's list of the cards in their reach (<see cref="Actor.InReach"/>): search and the catalog's filters
/// (one filter: <see cref="CatalogFilters.Apply"/>), completeness, status tabs with counts, sorting, paging; the selected
/// cards sent for review in one go, or exported.</summary>
public sealed class IndexModel(RegistryDbContext db, CardWorkflow workflow, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "")]
    public ServiceQuery Query { get; set; } = new();

    /// <summary>The status tab (a <see cref="CardStatus"/> name); all when empty.</summary>
    [BindProperty(SupportsGet = true)]
    public CardStatus? Status { get; set; }

    /// <summary>"yes": complete cards only; "no": incomplete ones.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Complete { get; set; }

    /// <summary>updated (default, newest first), title, completeness (least complete first).</summary>
    [BindProperty(SupportsGet = true, Name = "order")]
    public string? Order { get; set; }

    [BindProperty]
    public List<int> Selected { get; set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyDictionary<CardStatus, int> Counts { get; private set; } = new Dictionary<CardStatus, int>();
    public int Total { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Agencies { get; private set; } = [];

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public int PageNumber => Math.Max(1, Query.Page ?? 1);

    public sealed record Row(int Id, string Title, string Agency, CardStatus Status, DateTime UpdatedAt, int Filled, int Expected)
    {
        public int Percent => CardCompleteness.PercentOf(Filled, Expected);
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        var filter = Query.ToFilter(out var errors) with { Status = null };
        if (errors.Count > 0)
        {
            filter = new CatalogFilter { Q = Query.Q, Status = null };
        }

        var reach = db.Cards.AsNoTracking().Where(actor.InReach());
        var cards = reach.Apply(filter, CatalogSql.For(db));
        cards = Complete switch
        {
            "yes" => cards.Where(c => c.FieldsFilled >= c.FieldsExpected),
            "no" => cards.Where(c => c.FieldsFilled < c.FieldsExpected),
            _ => cards,
        };

        Counts = await cards.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        if (Status is { } status)
        {
            cards = cards.Where(c => c.Status == status);
        }

        Total = Status is { } s ? Counts.GetValueOrDefault(s) : Counts.Values.Sum();
        IQueryable<ServiceCard> ordered = Order switch
        {
            "title" => cards.OrderBy(c => c.TitleKey).ThenBy(c => c.Id),
            "completeness" => cards.OrderBy(c => c.FieldsExpected == 0 ? 1.0 : (double)c.FieldsFilled / c.FieldsExpected).ThenBy(c => c.TitleKey),
            _ => cards.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Id),
        };
        Rows = await ordered.Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(c => new Row(c.Id, c.Title, c.Agency!.Name, c.Status, c.UpdatedAt, c.FieldsFilled, c.FieldsExpected))
            .ToListAsync(ct);
        Agencies = (await reach.Select(c => new { c.AgencyId, c.Agency!.Name }).Distinct().ToListAsync(ct))
            .OrderBy(a => a.Name, StringComparer.Ordinal).Select(a => (a.AgencyId, a.Name)).ToList();
    }

    /// <summary>Sends the selected cards for review, each by its own rule; says how many went and why the others did not.</summary>
    public async Task<IActionResult> OnPostSubmitSelectedAsync(CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        var done = 0;
        var refused = new List<string>();
        foreach (var id in Selected.Distinct().Take(PageSize))
        {
            var outcome = await workflow.RunAsync(id, WorkflowAction.Submit, actor, ct: ct);
            if (outcome.Ok)
            {
                done++;
            }
            else if (outcome.Card is { } card)
            {
                refused.Add($"«{card.Title}»: {outcome.Reason}");
            }
        }

        TempData["Flash"] = $"{Fa.Number(done)} شناسنامه برای بررسی فرستاده شد." + (refused.Count > 0 ? " فرستاده نشد: " + string.Join(" ", refused) : "");
        return Redirect("/cards" + Request.QueryString);
    }

    /// <summary>The selected cards as a file (xlsx, csv, json, jsonld), named with the day (<see cref="Fa.FileName"/>).
    /// Only cards this person may see are written (<see cref="Actor.VisibleTo"/>): an id of another agency's draft in the
    /// form is left out, as if it were not there.</summary>
    public async Task<IActionResult> OnPostExportSelectedAsync(string? format, CancellationToken ct)
    {
        if (!ExportFormats.TryParse(format ?? "xlsx", out var kind))
        {
            return BadRequest();
        }

        var ids = Selected.Distinct().Take(MaxExported).ToList();
        if (ids.Count == 0)
        {
            TempData["Flash"] = "شناسنامه‌ای انتخاب نشده است؛ کنار هر شناسنامه‌ای که می‌خواهید تیک بزنید.";
            return Redirect("/cards" + Request.QueryString);
        }

        var cards = db.Cards.AsNoTracking().Where(HttpContext.GetActor().VisibleTo()).Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).AsAsyncEnumerable();
        var file = new MemoryStream();
        await CardExport.WriteAsync(kind, cards, file, $"{Request.Scheme}://{Request.Host}", ct);
        file.Position = 0;
        return File(file, kind.ContentType(), Fa.FileName("cards", time.GetUtcNow().UtcDateTime, kind.Extension(), withTime: true));
    }

    /// <summary>At most this many cards in one export of the selection (a page holds <see cref="PageSize"/>).</summary>
    public const int MaxExported = 500;

    /// <summary>This list with other values in its address (null removes one), from page 1 unless a page is given.</summary>
    public string Link(CardStatus? status = null, bool keepStatus = true, string? order = null, int? page = null)
    {
        var query = (Query with { Page = page }).ToQueryString();
        var extra = new List<string>();
        if ((keepStatus ? Status : status) is { } st)
        {
            extra.Add("status=" + st);
        }

        if (!string.IsNullOrEmpty(Complete))
        {
            extra.Add("complete=" + Complete);
        }

        if ((order ?? Order) is { Length: > 0 } o)
        {
            extra.Add("order=" + o);
        }

        var all = string.Join('&', new[] { query.TrimStart('?') }.Concat(extra).Where(p => p.Length > 0));
        return "/cards" + (all.Length > 0 ? "?" + all : "");
    }
}
