using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Review;

/// <summary>Every kept version of a card, its audit trail, and the field-by-field differences between any two versions.</summary>
public sealed class HistoryModel(RegistryDbContext db) : PageModel
{
    public ServiceCard Card { get; private set; } = null!;
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];
    public IReadOnlyList<AuditRow> Trail { get; private set; } = [];
    public IReadOnlyList<FieldChange>? Changes { get; private set; }

    [BindProperty(SupportsGet = true)]
    public int? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? To { get; set; }

    public sealed record VersionRow(int Version, CardStatus Status, DateTime SavedAt, string SavedBy);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var card = await db.Cards.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (card is null || !HttpContext.GetActor().CanView(card) || (card.Status == CardStatus.Published && !User.Identity!.IsAuthenticated))
        {
            return NotFound();
        }

        Card = card;
        Versions = await db.CardVersions.AsNoTracking().Where(v => v.CardId == id).OrderByDescending(v => v.Version)
            .Select(v => new VersionRow(v.Version, v.Status, v.SavedAt, v.SavedBy)).ToListAsync(ct);
        Trail = await AuditRow.LoadAsync(db, await db.AuditEntries.AsNoTracking().Where(a => a.CardId == id).OrderByDescending(a => a.Id).ToListAsync(ct), ct);

        if (Versions.Count >= 2)
        {
            From ??= Versions[1].Version;
            To ??= Versions[0].Version;
        }

        if (From is { } from && To is { } to)
        {
            var pair = await db.CardVersions.AsNoTracking().Where(v => v.CardId == id && (v.Version == from || v.Version == to)).ToListAsync(ct);
            var a = pair.FirstOrDefault(v => v.Version == from);
            var b = pair.FirstOrDefault(v => v.Version == to);
            if (a is null || b is null)
            {
                ModelState.AddModelError(string.Empty, "یکی از نسخه‌های انتخاب‌شده وجود ندارد.");
            }
            else
            {
                Changes = CardFields.Compare(a.Content, b.Content);
            }
        }

        return Page();
    }
}
