using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Figures;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Figures;

/// <summary>
/// An agency's quarterly return: all its published services in one grid (a row per service, a column per figure), any
/// digits accepted, the figures' rules checked per row with Persian messages; ticking «ارسال» submits the row. The
/// province's reviewer (and the national office) sees the same grid read-only and locks submitted rows. Rows are written
/// through <see cref="ReturnWorkflow"/>, the API's path, with each row's version as its concurrency check.
/// </summary>
public sealed class ReturnsModel(RegistryDbContext db, ReturnWorkflow workflow, TimeProvider time) : PageModel
{
    public sealed class RowInput
    {
        public int CardId { get; set; }
        public int? Version { get; set; }
        public List<string?> Cells { get; set; } = [];
        public bool Submit { get; set; }
    }

    /// <summary>A row as shown: the service, its return's state, the cells and what became of the last save.</summary>
    public sealed record Row(int CardId, string Title, string? ServiceId, int Level, ReturnStatus? Status, int? Version, IReadOnlyList<string?> Cells,
        bool Submit, IReadOnlyList<string> Errors, string? Saved, double? TakeUp);

    [BindProperty(SupportsGet = true)]
    public int? Agency { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    [BindProperty]
    public List<RowInput> Rows { get; set; } = [];

    public Quarter Quarter { get; private set; }
    public Agency? Shown { get; private set; }
    public IReadOnlyList<Agency> Choices { get; private set; } = [];
    public IReadOnlyList<Row> Grid { get; private set; } = [];
    public bool MayWrite { get; private set; }
    public bool MayLock { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        if (!actor.IsAgencyStaff)
        {
            return Forbid();
        }

        var input = Rows.ToDictionary(r => r.CardId);
        if (!await LoadAsync(ct) || Shown is null)
        {
            return NotFound();
        }

        var results = new Dictionary<int, (IReadOnlyList<string> Errors, string? Saved)>();
        foreach (var row in input.Values.Where(r => Grid.Any(g => g.CardId == r.CardId)))
        {
            var errors = new List<(int Column, string Message)>();
            var figures = ReturnColumns.FromCells(row.Cells, errors);
            var existing = Grid.First(g => g.CardId == row.CardId);
            if (errors.Count == 0 && existing.Status is null && figures.IsEmpty && !row.Submit)
            {
                continue; // a blank row of a service not reported yet
            }

            if (errors.Count > 0)
            {
                results[row.CardId] = (errors.Select(e => e.Message).ToList(), null);
                continue;
            }

            var outcome = await workflow.SaveAsync(row.CardId, Quarter, actor, figures, row.Submit ? ReturnStatus.Submitted : ReturnStatus.Draft,
                row.Version, requireVersion: true, ct);
            results[row.CardId] = outcome.Kind switch
            {
                ReturnOutcomeKind.Created or ReturnOutcomeKind.Saved => ([], row.Submit ? "ارسال شد" : "ذخیره شد"),
                ReturnOutcomeKind.Unchanged => ([], null),
                ReturnOutcomeKind.Invalid => (outcome.Problems!.Select(p => $"«{ReturnColumns.HeaderOf(p.Path)}»: {p.Message}").ToList(), null),
                ReturnOutcomeKind.Stale => (["این ردیف را کس دیگری در این میان تغییر داده است؛ صفحه را دوباره باز کنید و تغییرات خود را دوباره وارد کنید."], null),
                _ => ([outcome.Reason ?? "ذخیره ممکن نیست."], null),
            };
        }

        if (results.Values.All(r => r.Errors.Count == 0))
        {
            var saved = results.Values.Count(r => r.Saved is not null);
            TempData["Flash"] = saved == 0 ? "تغییری نبود." : $"آمار {Fa.Number(saved)} خدمت برای «{Quarter.Label}» ثبت شد.";
            return RedirectToPage(new { agency = Shown.Id, period = Quarter.ToString() });
        }

        // Keep what was typed in the rows that failed; show the rest as stored now.
        await LoadAsync(ct);
        Grid = Grid.Select(g => results.TryGetValue(g.CardId, out var r)
            ? r.Errors.Count > 0 ? g with { Cells = Padded(input[g.CardId].Cells), Submit = input[g.CardId].Submit, Errors = r.Errors } : g with { Saved = r.Saved }
            : g).ToList();
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostLockAsync(int cardId, CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        if (!actor.IsReviewer && !actor.IsAdmin)
        {
            return Forbid();
        }

        if (!Quarter.TryParse(Period, out var quarter) || cardId <= 0)
        {
            return BadRequest();
        }

        var outcome = await workflow.LockAsync(cardId, quarter, actor, null, ct);
        if (outcome.Kind == ReturnOutcomeKind.NotFound)
        {
            return NotFound();
        }

        TempData["Flash"] = outcome.Ok ? $"آمار «{quarter.Label}» قفل شد." : outcome.Reason;
        var agency = await db.Cards.Where(c => c.Id == cardId).Select(c => c.AgencyId).SingleAsync(ct);
        return RedirectToPage(new { agency, period = quarter.ToString() });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        if (!Quarter.TryChoose(Period, time.GetUtcNow(), out var quarter))
        {
            return false;
        }

        Quarter = quarter;

        Choices = await db.Agencies.AsNoTracking().Where(Reachable(actor)).OrderBy(a => a.Name).ToListAsync(ct);
        var id = Agency ?? (actor.IsAgencyStaff ? actor.AgencyId : null);
        if (id is null)
        {
            return true; // reviewers and the national office first choose an agency
        }

        Shown = Choices.FirstOrDefault(a => a.Id == id);
        if (Shown is null)
        {
            return false;
        }

        var cards = await db.Cards.AsNoTracking().Where(c => c.AgencyId == Shown.Id && c.Status == CardStatus.Published).OrderBy(c => c.Title).ToListAsync(ct);
        var ids = cards.Select(c => c.Id).ToList();
        var returns = await db.QuarterlyReturns.AsNoTracking().Where(r => ids.Contains(r.CardId) && r.Period == Quarter).ToDictionaryAsync(r => r.CardId, ct);
        MayWrite = cards.Count > 0 && (actor.IsEditorOf(cards[0]) || actor.IsHeadOf(cards[0]));
        MayLock = cards.Count > 0 && (actor.ReviewsProvinceOf(cards[0]) || actor.IsAdmin);
        Grid = cards.Select(c =>
        {
            var r = returns.GetValueOrDefault(c.Id);
            var cells = r is null ? ReturnColumns.All.Select(_ => (string?)null).ToList() : ReturnColumns.ToCells(r.Figures).Select(s => (string?)s).ToList();
            return new Row(c.Id, c.Title, c.ServiceId, c.Maturity, r?.Status, r?.Version, cells, r?.Status == ReturnStatus.Submitted, [], null, r?.TakeUp);
        }).ToList();
        return true;
    }

    private static List<string?> Padded(List<string?> cells) =>
        [.. cells, .. Enumerable.Repeat<string?>(null, Math.Max(0, ReturnColumns.All.Count - cells.Count))];

    /// <summary>The agencies whose returns this person sees: their own and those below (staff), their province's (reviewer), any (national office).</summary>
    internal static System.Linq.Expressions.Expression<Func<Agency, bool>> Reachable(Actor actor)
    {
        if (actor.IsAdmin)
        {
            return a => true;
        }

        var scope = actor.IsAgencyStaff ? actor.AgencyScope.ToList() : [];
        var province = actor.IsReviewer ? actor.Province : null;
        return a => scope.Contains(a.Id) || (province != null && a.Province == province);
    }
}
