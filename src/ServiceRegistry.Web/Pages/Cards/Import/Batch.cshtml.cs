using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards.Import;

/// <summary>
/// One upload: each file's status as it is read (the page polls itself with htmx, or refreshes without JavaScript,
/// until every file is done), then the summary: read and waiting to be saved, needs review (with the unsure fields), failed
/// (with the reason), saved as drafts.
/// </summary>
public sealed class BatchModel(RegistryDbContext db) : PageModel
{
    public sealed record Row(int Position, string FileName, ImportItemStatus Status, ImportOutcome? Outcome, string? Error, int Unsure, int Unmapped, string? Title, int? CardId);

    public int BatchId { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public ImportSummary Summary { get; private set; } = new(0, 0, 0, 0);
    public bool Finished => Rows.All(r => r.Status == ImportItemStatus.Done);
    public int Done => Rows.Count(r => r.Status == ImportItemStatus.Done);

    /// <summary>Files saved as drafts (each counted here and not among those still to be reviewed and saved).</summary>
    public int Saved { get; private set; }

    /// <summary>Files not yet saved that repeat a card of their agency (<see cref="ImportSameService"/>), by position.</summary>
    public IReadOnlyDictionary<int, ExistingCard> Same { get; private set; } = new Dictionary<int, ExistingCard>();

    public async Task<IActionResult> OnGetAsync(int batchId, CancellationToken ct)
    {
        var batch = await db.ImportBatches.AsNoTracking().Visible(HttpContext.GetActor())
            .Where(b => b.Id == batchId).Select(b => new { b.Id, b.CreatedAt }).SingleOrDefaultAsync(ct);
        if (batch is null)
        {
            return NotFound();
        }

        BatchId = batch.Id;
        CreatedAt = batch.CreatedAt;
        Rows = await db.ImportItems.AsNoTracking().Where(i => i.BatchId == batchId).OrderBy(i => i.Position)
            .Select(i => new Row(i.Position, i.FileName, i.Status, i.Outcome, i.Error, i.UnsureCount, i.UnmappedCount, i.Title, i.CardId))
            .ToListAsync(ct);
        Same = await ImportSameService.ForBatchAsync(db, HttpContext.GetActor(), batchId, ct);
        // A file saved as a draft counts as saved, no longer as waiting to be reviewed and saved.
        Summary = ImportSummary.Of(Rows.Where(r => r.Outcome is not null && r.CardId is null).Select(r => (r.Outcome!.Value, r.Unsure)));
        Saved = Rows.Count(r => r.CardId is not null);
        return Page();
    }
}
