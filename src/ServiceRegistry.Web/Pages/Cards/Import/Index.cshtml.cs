using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards.Import;

/// <summary>
/// Upload legacy cards (.txt, .md, .docx, or .zip archives of them) in one go. The files are kept as a batch of the
/// uploader's and read in the background (<see cref="ImportWorker"/>); the batch page follows them as they finish.
/// </summary>
/// <remarks>Antiforgery is checked by <see cref="UploadGuard"/>, after the upload's size bound is set.</remarks>
[IgnoreAntiforgeryToken]
public sealed class IndexModel(RegistryDbContext db, ImportQueue queue, IAntiforgery antiforgery, IOptions<ImportOptions> options, TimeProvider time) : PageModel
{
    /// <summary>Time allowed for unpacking the archives of one upload.</summary>
    private static readonly TimeSpan UnpackTime = TimeSpan.FromSeconds(60);

    public sealed record BatchRow(int Id, DateTime CreatedAt, int Files, int Waiting, int Imported, int NeedsReview, int Failed, int Saved);

    public IReadOnlyList<BatchRow> Batches { get; private set; } = [];

    public string? Problem { get; private set; }

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!HttpContext.GetActor().MayCreate)
        {
            return Forbid();
        }

        await LoadBatchesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        if (!actor.MayCreate)
        {
            return Forbid();
        }

        var max = options.Value.MaxUploadBytes;
        switch (await UploadGuard.CheckAsync(HttpContext, antiforgery, max))
        {
            case UploadGuard.Outcome.TooBig:
                return await ShowProblemAsync(TooBig(max), StatusCodes.Status413PayloadTooLarge, ct);
            case UploadGuard.Outcome.BadToken:
                return BadRequest();
        }

        var files = Request.Form.Files;
        if (files.Count == 0)
        {
            return await ShowProblemAsync("فایلی انتخاب نشده است؛ یک یا چند فایل شناسنامه (.txt، .md، .docx) یا بایگانی .zip آن‌ها را انتخاب کنید.", StatusCodes.Status200OK, ct);
        }

        var now = time.GetUtcNow();
        var batch = ImportBatch.Start(actor.UserId!.Value, now);
        var budget = new ImportBudget(max);
        using var unpack = CancellationTokenSource.CreateLinkedTokenSource(ct);
        unpack.CancelAfter(UnpackTime);
        foreach (var file in files)
        {
            await ImportUploads.AddAsync(batch, file.FileName, file.Length, token => ReadAsync(file, token), budget, now, unpack.Token);
            if (batch.Items.Count >= SafeZip.MaxEntries)
            {
                break;
            }
        }

        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(ct);
        queue.Notify();
        return Redirect($"/cards/import/{batch.Id}");
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken ct)
    {
        await using var stream = file.OpenReadStream();
        using var memory = new MemoryStream((int)Math.Min(file.Length, int.MaxValue));
        await stream.CopyToAsync(memory, ct);
        return memory.ToArray();
    }

    private static string TooBig(long max) =>
        $"حجم فایل‌های انتخاب‌شده بیش از {max / 1024 / 1024} مگابایت است؛ آن‌ها را در چند بارگذاری بفرستید (یا فایل‌های بزرگ را جدا کنید).";

    private async Task<IActionResult> ShowProblemAsync(string problem, int status, CancellationToken ct)
    {
        Problem = problem;
        Response.StatusCode = status;
        await LoadBatchesAsync(ct);
        return Page();
    }

    private async Task LoadBatchesAsync(CancellationToken ct)
    {
        var userId = HttpContext.GetActor().UserId;
        Batches = await db.ImportBatches.AsNoTracking()
            .Where(b => b.OwnerId == userId)
            .OrderByDescending(b => b.Id)
            .Take(20)
            .Select(b => new BatchRow(
                b.Id,
                b.CreatedAt,
                b.Items.Count,
                b.Items.Count(i => i.Status != ImportItemStatus.Done),
                b.Items.Count(i => i.Outcome == ImportOutcome.Imported && i.CardId == null),
                b.Items.Count(i => i.Outcome == ImportOutcome.NeedsReview && i.CardId == null),
                b.Items.Count(i => i.Outcome == ImportOutcome.Failed),
                b.Items.Count(i => i.CardId != null)))
            .ToListAsync(ct);
    }
}
