using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exchange;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards;

/// <summary>
/// Edits a card's content. The form carries the version it was opened at; a save over a newer version is refused
/// (optimistic concurrency on <see cref="ServiceCard.Version"/>) and the user chooses to look at the newer one or
/// to save over it knowingly.
/// </summary>
public sealed class EditModel(RegistryDbContext db, TimeProvider time) : CardFormPageModel
{
    [BindProperty]
    public int Version { get; set; }

    /// <summary>Set by the conflict box's button: save over this (newer) version on purpose.</summary>
    [BindProperty]
    public int? OverwriteVersion { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Id { get; set; }

    public string StoredTitle { get; private set; } = "";
    public string AgencyName { get; private set; } = "";
    public CardStatus Status { get; private set; }
    public int? NewerVersion { get; private set; }
    private string? _serviceId;

    public override string? ServiceId => _serviceId;

    public override string CancelUrl => $"/cards/{Id}";

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var card = await DetailsModel.FindAsync(db, HttpContext.GetActor(), id, ct);
        if (card is null)
        {
            return NotFound();
        }

        if (Refusal(card) is { } refusal)
        {
            return refusal;
        }

        Card = CardJson.Clone(card.Content);
        Version = card.Version;
        Show(card);
        Describe();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        var card = await db.Cards.Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (card is null || !actor.CanView(card))
        {
            return NotFound();
        }

        if (Refusal(card) is { } refusal)
        {
            return refusal;
        }

        Show(card);
        if (!CheckPostedCard())
        {
            return Page();
        }

        var expected = OverwriteVersion ?? Version;
        db.Entry(card).Property(c => c.Version).OriginalValue = expected;
        card.Edit(actor, Card, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            NewerVersion = await db.Cards.Where(c => c.Id == id).Select(c => (int?)c.Version).SingleOrDefaultAsync(ct);
            ModelState.Remove(nameof(Version));
            ModelState.Remove(nameof(OverwriteVersion));
            Describe();
            return Page();
        }

        TempData["Flash"] = $"تغییرات ذخیره شد (نسخه {Infrastructure.Fa.Number(card.Version)}).";
        return RedirectToPage("/Cards/Details", new { id });
    }

    protected override async Task PrepareAsync(CancellationToken ct)
    {
        var card = await db.Cards.AsNoTracking().Include(c => c.Agency).SingleOrDefaultAsync(c => c.Id == Id, ct);
        if (card is not null)
        {
            Show(card);
        }
    }

    /// <summary>Only the agency's staff edit, and only drafts and returned cards (ServiceCard.CanEdit has the rule).</summary>
    private IActionResult? Refusal(ServiceCard card)
    {
        var check = card.CanEdit(HttpContext.GetActor());
        if (check.Ok)
        {
            return null;
        }

        if (check.Forbidden)
        {
            return Forbid();
        }

        TempData["Flash"] = check.Reason;
        return RedirectToPage("/Cards/Details", new { id = card.Id });
    }

    private void Show(ServiceCard card)
    {
        Id = card.Id;
        StoredTitle = card.Title;
        AgencyName = card.Agency?.Name ?? "";
        Status = card.Status;
        _serviceId = card.ServiceId;
    }
}
