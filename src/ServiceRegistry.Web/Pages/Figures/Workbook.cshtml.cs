using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Core.Figures;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Figures;

/// <summary>
/// An agency's quarterly return as an .xlsx (<see cref="ReturnWorkbook"/>): download the template (its published services
/// as rows, the figures already stored filled in), fill it in Excel, upload it. The upload is checked whole first (every
/// problem with its sheet, row and column) and nothing is saved unless every row is right; a row whose return changed or
/// was locked after the template was made refuses the upload (<see cref="ReturnWorkflow.SaveWorkbookAsync"/>).
/// </summary>
/// <remarks>Antiforgery is checked by <see cref="UploadGuard"/>, after the upload's size bound is set.</remarks>
[IgnoreAntiforgeryToken]
public sealed class WorkbookModel(RegistryDbContext db, ReturnWorkflow workflow, IAntiforgery antiforgery, IOptions<ImportOptions> options, TimeProvider time) : PageModel
{
    /// <summary>Largest workbook accepted (5,000 services are well under 2 MB).</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public int? Agency { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Period { get; set; }

    public Quarter Quarter { get; private set; }
    public Agency? Shown { get; private set; }
    public bool MayWrite { get; private set; }
    public string? FileName { get; private set; }

    /// <summary>Why the upload was not saved: one reason for the file, or one per cell or row.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await LoadAsync(ct) && Shown is not null ? Page() : NotFound();

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Shown is null)
        {
            return NotFound();
        }

        if (!MayWrite)
        {
            return Forbid();
        }

        var services = await (from c in db.Cards.AsNoTracking()
                              where c.AgencyId == Shown.Id && c.Status == CardStatus.Published
                              join r in db.QuarterlyReturns.Where(r => r.Period == Quarter) on c.Id equals r.CardId into rs
                              from r in rs.DefaultIfEmpty()
                              orderby c.Title, c.Id
                              select new { c.Id, c.ServiceId, c.Title, Return = r })
            .ToListAsync(ct);
        var file = new MemoryStream();
        ReturnWorkbook.Write(file, Shown.Name, Shown.Id, Quarter,
            services.Select(s => new WorkbookService(s.Id, s.ServiceId, s.Title, s.Return?.Version, s.Return?.Status, s.Return?.Figures)).ToList());
        file.Position = 0;
        return File(file, ExportFormat.Xlsx.ContentType(), Fa.FileName(Path.GetFileNameWithoutExtension(ReturnWorkbook.FileName(Shown.Id, Quarter)), time.GetUtcNow().UtcDateTime, "xlsx"));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        if (!actor.IsAgencyStaff)
        {
            return Forbid();
        }

        switch (await UploadGuard.CheckAsync(HttpContext, antiforgery, MaxBytes))
        {
            case UploadGuard.Outcome.TooBig:
                await LoadAsync(ct);
                return Refuse(StatusCodes.Status413PayloadTooLarge, $"فایل بیش از {MaxBytes / 1024 / 1024} مگابایت است.");
            case UploadGuard.Outcome.BadToken:
                return BadRequest();
        }

        if (!await LoadAsync(ct) || Shown is null)
        {
            return NotFound();
        }

        if (!MayWrite)
        {
            return Forbid();
        }

        var form = await Request.ReadFormAsync(ct);
        if (form.Files.GetFile("File") is not { Length: > 0 } upload)
        {
            return Refuse(StatusCodes.Status400BadRequest, "فایلی انتخاب نشده است؛ فایل اکسل (.xlsx) آمار را انتخاب کنید.");
        }

        FileName = Path.GetFileName(upload.FileName);
        byte[] bytes;
        await using (var stream = upload.OpenReadStream())
        using (var memory = new MemoryStream((int)upload.Length))
        {
            await stream.CopyToAsync(memory, ct);
            bytes = memory.ToArray();
        }

        WorkbookContent content;
        try
        {
            content = ReturnWorkbook.Read(bytes, ct);
        }
        catch (InvalidDataException ex)
        {
            return Refuse(StatusCodes.Status400BadRequest, $"«{FileName}» خوانده نشد: {ex.Message}");
        }

        if (content.Period is { } period && period != Quarter || content.AgencyId is { } agency && agency != Shown.Id)
        {
            return Refuse(StatusCodes.Status400BadRequest,
                $"این فایل الگوی {(content.Period is { } p ? p.Label : "دوره دیگری")} {(content.AgencyId == Shown.Id ? "" : "و دستگاه دیگری ")}است، نه {Quarter.Label} «{Shown.Name}»؛ الگوی همین دوره را دریافت کنید.");
        }

        if (content.Lines.Count > options.Value.MaxSpreadsheetRows)
        {
            return Refuse(StatusCodes.Status400BadRequest, $"فایل {Fa.Number(content.Lines.Count)} ردیف دارد؛ بیش از {Fa.Number(options.Value.MaxSpreadsheetRows)} ردیف در یک بار پذیرفته نمی‌شود.");
        }

        if (content.Problems.Count > 0)
        {
            return Refuse(StatusCodes.Status400BadRequest, [.. content.Problems.Select(p => p.ToString())]);
        }

        var (written, problems) = await workflow.SaveWorkbookAsync(Shown.Id, Quarter, actor, content.Lines, ct);
        if (problems.Count > 0)
        {
            return Refuse(StatusCodes.Status409Conflict, [.. problems.Select(p => p.ToString())]);
        }

        TempData["Flash"] = written == 0 ? "فایل با آمار ثبت‌شده یکی بود؛ تغییری نبود." : $"آمار {Fa.Number(written)} خدمت برای «{Quarter.Label}» از فایل اکسل ثبت شد.";
        return RedirectToPage("Returns", new { agency = Shown.Id, period = Quarter.ToString() });
    }

    private PageResult Refuse(int status, params string[] problems)
    {
        Problems = problems;
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        if (!Quarter.TryChoose(Period, time.GetUtcNow(), out var quarter))
        {
            return false;
        }

        Quarter = quarter;

        var id = Agency ?? (actor.IsAgencyStaff ? actor.AgencyId : null);
        Shown = id is null ? null : await db.Agencies.AsNoTracking().Where(ReturnsModel.Reachable(actor)).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (Shown is null)
        {
            return id is null;
        }

        MayWrite = actor.IsAgencyStaff && actor.AgencyScope.Contains(Shown.Id); // as QuarterlyReturn.CanWrite asks of each card
        return true;
    }
}
