using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards.Import;

/// <summary>
/// Bulk entry by spreadsheet for agency staff: an .xlsx in the catalog export's layout (or the blank template) becomes
/// drafts of the chosen agency, and the page reports every row: the draft it made, or why not.
/// </summary>
/// <remarks>Antiforgery is checked by <see cref="UploadGuard"/>, after the upload's size bound is set.</remarks>
[IgnoreAntiforgeryToken]
public sealed class SpreadsheetModel(RegistryDbContext db, IAntiforgery antiforgery, CardWorkflow workflow, IOptions<ImportOptions> options) : PageModel
{
    /// <summary>Largest workbook accepted (ten thousand cards with all their parts stay well under it).</summary>
    public const long MaxBytes = 20L * 1024 * 1024;

    [BindProperty]
    public int? AgencyId { get; set; }

    public IReadOnlyList<SelectListItem> Agencies { get; private set; } = [];

    public string? Problem { get; private set; }

    /// <summary>The rows of the uploaded workbook, after an upload.</summary>
    public IReadOnlyList<SpreadsheetRowResult>? Results { get; private set; }

    public string? FileName { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!HttpContext.GetActor().MayCreate)
        {
            return Forbid();
        }

        AgencyId = AgencyChoice.Default(HttpContext.GetActor());
        await LoadAgenciesAsync(ct);
        return Page();
    }

    /// <summary>The entry workbook (<see cref="EntryWorkbook"/>): the sheets a person fills, an example row, dropdowns
    /// on the coded columns and a Persian guide.</summary>
    public IActionResult OnGetTemplate()
    {
        if (!HttpContext.GetActor().MayCreate)
        {
            return Forbid();
        }

        var file = new MemoryStream();
        EntryWorkbook.Write(file, options.Value.MaxSpreadsheetRows);
        file.Position = 0;
        return File(file, ExportFormat.Xlsx.ContentType(), "service-cards-template.xlsx");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var actor = HttpContext.GetActor();
        if (!actor.MayCreate)
        {
            return Forbid();
        }

        switch (await UploadGuard.CheckAsync(HttpContext, antiforgery, MaxBytes))
        {
            case UploadGuard.Outcome.TooBig:
                return await ShowProblemAsync($"فایل بیش از {MaxBytes / 1024 / 1024} مگابایت است؛ ردیف‌ها را در چند فایل بفرستید.", StatusCodes.Status413PayloadTooLarge, ct);
            case UploadGuard.Outcome.BadToken:
                return BadRequest();
        }

        var form = await Request.ReadFormAsync(ct);
        AgencyId = int.TryParse(form["AgencyId"], out var chosen) ? chosen : null;
        var (agency, agencyProblem) = await AgencyChoice.ResolveAsync(db, actor, AgencyId, ct);
        if (agency is null)
        {
            return await ShowProblemAsync(agencyProblem!, StatusCodes.Status200OK, ct);
        }

        if (form.Files.GetFile("File") is not { Length: > 0 } upload)
        {
            return await ShowProblemAsync("فایلی انتخاب نشده است؛ فایل اکسل (.xlsx) شناسنامه‌ها را انتخاب کنید.", StatusCodes.Status200OK, ct);
        }

        FileName = upload.FileName;
        byte[] bytes;
        await using (var stream = upload.OpenReadStream())
        using (var memory = new MemoryStream((int)upload.Length))
        {
            await stream.CopyToAsync(memory, ct);
            bytes = memory.ToArray();
        }

        IReadOnlyList<ImportedRow> rows;
        try
        {
            rows = ExcelImport.Read(bytes, ct);
        }
        catch (InvalidDataException ex)
        {
            return await ShowProblemAsync($"«{upload.FileName}» خوانده نشد: {ex.Message}", StatusCodes.Status200OK, ct);
        }

        if (rows.Count == 0)
        {
            return await ShowProblemAsync($"برگه «{CardSheets.ServicesSheet}» در «{upload.FileName}» ردیفی ندارد.", StatusCodes.Status200OK, ct);
        }

        if (SpreadsheetEntry.TooManyRows(rows.Count, options.Value.MaxSpreadsheetRows) is { } tooMany)
        {
            return await ShowProblemAsync(tooMany, StatusCodes.Status400BadRequest, ct);
        }

        Results = await SpreadsheetEntry.SaveDraftsAsync(workflow, db, actor, agency, rows, ct);
        await LoadAgenciesAsync(ct);
        return Page();
    }

    private async Task<IActionResult> ShowProblemAsync(string problem, int status, CancellationToken ct)
    {
        Problem = problem;
        Response.StatusCode = status;
        await LoadAgenciesAsync(ct);
        return Page();
    }

    private async Task LoadAgenciesAsync(CancellationToken ct) =>
        Agencies = await AgencyChoice.OptionsAsync(db, HttpContext.GetActor(), AgencyId, ct);
}
