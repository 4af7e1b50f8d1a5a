using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exchange;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Api;

/// <summary>
/// Writing cards: create a draft (POST, body = the spec's JSON) and replace a card's content (PUT with If-Match).
/// Signed-in staff only (one route group); cards go to the caller's agency (?agency=ID for one of the agencies below
/// it) and edits follow the card's rules (ServiceCard.Edit). Lifecycle actions are in WorkflowApi.
/// </summary>
public static class CardsApi
{
    public static RouteGroupBuilder MapCardsApi(this IEndpointRouteBuilder app)
    {
        var writes = app.MapGroup("/api/v1/services").WithTags("Cards (write)").RequireAuthorization(Auth.StaffPolicy);
        writes.MapPost("/", CreateService).WithName(nameof(CreateService))
            .Describe("ساخت پیش‌نویس از JSON شناسنامه برای دستگاه کاربر (?agency=شناسه برای دستگاهی زیرمجموعه)؛ خطاها نام فیلد را با مسیر JSON می‌گویند؛ اگر دستگاه همین خدمت را داشته باشد 409 با existingCardId، مگر با ?allowDuplicate=true.",
                "Create a draft from the spec's JSON; errors name the field by JSON path; 409 (with existingCardId) when the agency has the same service, unless ?allowDuplicate=true")
            .Accepts<CardContent>("application/json");
        writes.MapPut("/{id:int}", UpdateService).WithName(nameof(UpdateService))
            .Describe("جایگزینی متن یک شناسنامه طبق قاعده‌های ویرایش؛ سرآیند If-Match باید ETag (یا نسخه) شناسنامه را داشته باشد: اگر در این میان تغییر کرده باشد 412.",
                "Replace a card's content; If-Match must carry the card's ETag (or version): 412 when stale")
            .Accepts<CardContent>("application/json");
        writes.MapPost("/import", ImportSpreadsheet).WithName(nameof(ImportSpreadsheet))
            .Describe("ورود گروهی: هر ردیف یک فایل xlsx با چیدمان خروجی، یک پیش‌نویس می‌شود؛ پاسخ نتیجه هر ردیف را می‌گوید.",
                "Bulk entry: an .xlsx in the export's layout becomes drafts; the answer reports every row")
            .Accepts<byte[]>("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return writes;
    }

    /// <summary>The rows of an imported workbook: how many became drafts, how many did not, and each row's result.</summary>
    public sealed record ImportReport(int Imported, int Failed, IReadOnlyList<SpreadsheetRowResult> Rows);

    public static async Task<Results<Ok<ImportReport>, ValidationProblem, ForbidHttpResult>> ImportSpreadsheet(
        HttpRequest request, int? agency, RegistryDbContext db, CardWorkflow workflow, IOptions<ImportOptions> options, HttpContext http, CancellationToken ct)
    {
        var actor = http.GetActor();
        var (target, problem) = await AgencyForAsync(db, actor, agency, ct);
        if (target is null)
        {
            return problem is ForbidHttpResult forbid ? forbid : (ValidationProblem)problem!;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        IReadOnlyList<ImportedRow> rows;
        try
        {
            rows = ExcelImport.Read(buffer.ToArray(), ct);
        }
        catch (InvalidDataException ex)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [ex.Message] }, title: "فایل اکسل خوانده نشد.");
        }

        if (SpreadsheetEntry.TooManyRows(rows.Count, options.Value.MaxSpreadsheetRows) is { } tooMany)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [tooMany] }, title: "فایل اکسل بیش از اندازه ردیف دارد.");
        }

        var results = await SpreadsheetEntry.SaveDraftsAsync(workflow, db, actor, target, rows, ct);
        return TypedResults.Ok(new ImportReport(results.Count(r => r.Id is not null), results.Count(r => r.Id is null), results));
    }

    /// <summary>
    /// A new draft. A card the agency already has (the same service by <see cref="SameService"/>) is not repeated
    /// silently: 409 ProblemDetails naming it (<c>existingCardId</c>, <c>existingTitle</c>, <c>existingStatus</c>) unless
    /// the client confirms with <c>?allowDuplicate=true</c>, which creates it and audits the choice.
    /// </summary>
    public static async Task<Results<Created<ServiceDetail>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> CreateService(
        HttpRequest request, int? agency, bool? allowDuplicate, RegistryDbContext db, CardWorkflow workflow, HttpContext http, CancellationToken ct)
    {
        var actor = http.GetActor();
        var (target, problem) = await AgencyForAsync(db, actor, agency, ct);
        if (target is null)
        {
            return problem is ForbidHttpResult forbid ? forbid : (ValidationProblem)problem!;
        }

        var read = await ReadBodyAsync(request, ct);
        if (read.Content is null)
        {
            return TypedResults.ValidationProblem(read.Errors, title: "شناسنامه خدمت خوانده نشد.");
        }

        var same = await SameService.FindAsync(db.Cards, target.Id, read.Content, ct);
        if (same is not null && allowDuplicate != true)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "این دستگاه همین خدمت را دارد.",
                detail: $"شناسنامه {same.Id} «{same.Title}» با همین عنوان یا شناسه خدمت در این دستگاه هست. آن را ویرایش کنید، یا اگر خدمت دیگری است با ?allowDuplicate=true بفرستید.",
                extensions: new Dictionary<string, object?>
                {
                    ["existingCardId"] = same.Id,
                    ["existingTitle"] = same.Title,
                    ["existingStatus"] = Labels.Code(same.Status),
                    ["existingUrl"] = $"/api/v1/services/{same.Id}",
                });
        }

        var outcome = same is null
            ? await workflow.CreateDraftAsync(target, read.Content, actor, ct: ct)
            : await workflow.CreateDuplicateDraftAsync(target, read.Content, actor, same, ct: ct);
        if (!outcome.Ok)
        {
            return TypedResults.Forbid();
        }

        var card = outcome.Card!;
        await db.Entry(card).Reference(c => c.Agency).LoadAsync(ct);
        http.Response.Headers.ETag = card.ETag();
        return TypedResults.Created($"/api/v1/services/{card.Id}", card.ToDetail());
    }

    public static async Task<Results<Ok<ServiceDetail>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateService(
        int id, HttpRequest request, CardWorkflow workflow, HttpContext http, CancellationToken ct)
    {
        // Who may edit is answered before anything about the request: a stranger learns nothing from a 428 or a 400.
        var actor = http.GetActor();
        var open = await workflow.OpenForEditAsync(id, actor, ct);
        if (open.Kind != WorkflowOutcomeKind.Done)
        {
            return Refusal(open);
        }

        var ifMatch = request.Headers.IfMatch.ToString();
        if (ifMatch.Length == 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match لازم است.",
                detail: "نسخه‌ای را که ویرایش کرده‌اید با سرآیند If-Match (ETag کارت) بفرستید تا ویرایش دیگران از بین نرود.");
        }

        var expected = ParseVersion(ifMatch, id);
        if (expected != open.Card!.Version)
        {
            return Stale(open.Card, expected);
        }

        var read = await ReadBodyAsync(request, ct);
        if (read.Content is null)
        {
            return TypedResults.ValidationProblem(read.Errors, title: "شناسنامه خدمت خوانده نشد.");
        }

        var saved = await workflow.SaveContentAsync(id, actor, read.Content, expected, ct);
        switch (saved.Kind)
        {
            case WorkflowOutcomeKind.Done:
                http.Response.Headers.ETag = saved.Card!.ETag();
                return TypedResults.Ok(saved.Card!.ToDetail());
            case WorkflowOutcomeKind.Conflict:
                return Stale(saved.Card!, expected);
            default:
                return Refusal(saved);
        }
    }

    /// <summary>404 for a card the caller may not see, 403 when they may not edit it, 409 when its state does not allow it.</summary>
    private static Results<Ok<ServiceDetail>, NotFound, ValidationProblem, ProblemHttpResult> Refusal(WorkflowOutcome outcome) =>
        outcome.Kind == WorkflowOutcomeKind.NotFound
            ? TypedResults.NotFound()
            : TypedResults.Problem(statusCode: outcome.Kind == WorkflowOutcomeKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict,
                title: "ویرایش ممکن نیست.", detail: outcome.Reason);

    /// <summary>412 for a stale If-Match; 409 when the card is an instance whose national template changed since the
    /// version edited (the change must be answered first, POST …/template-change).</summary>
    private static ProblemHttpResult Stale(ServiceCard card, int? seen) =>
        seen is { } v && card.TemplateChangedSince(v) is { } reason
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "الگوی ملی این شناسنامه تغییر کرده است.", detail: reason,
                extensions: new Dictionary<string, object?> { ["templateChanged"] = card.ChangedParts.Select(p => "$." + p).ToList(), ["etag"] = card.ETag(), ["answer"] = $"/api/v1/services/{card.Id}/template-change" })
            : TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "این کارت در این میان تغییر کرده است.",
                detail: $"نسخه فعلی کارت {card.Id} را دوباره بخوانید (ETag فعلی {card.ETag()}) و تغییرات خود را روی آن اعمال کنید.");

    /// <summary>If-Match as this API's ETag ("id-version", weak or strong) or a bare version number.</summary>
    internal static int? ParseVersion(string ifMatch, int id)
    {
        var tag = ifMatch.Split(',')[0].Trim();
        tag = tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
        tag = tag.Trim('"');
        var prefix = $"{id}-";
        if (tag.StartsWith(prefix, StringComparison.Ordinal))
        {
            tag = tag[prefix.Length..];
        }

        return int.TryParse(tag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    private static async Task<(CardContent? Content, Dictionary<string, string[]> Errors)> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > CardFiles.MaxFileBytes)
        {
            return (null, new() { ["$"] = ["بدنه درخواست بیش از اندازه بزرگ است."] });
        }

        var result = CardJson.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (result.Ok)
        {
            return (result.Content, []);
        }

        var errors = result.Errors.GroupBy(e => e.Path)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Line is { } line ? $"{e.Message} (سطر {line}، ستون {e.Column})" : e.Message).ToArray());
        return (null, errors);
    }

    /// <summary>The agency a new card goes to: the caller's (or, with ?agency=, one of those below it); see <see cref="AgencyChoice"/>.</summary>
    private static async Task<(Agency? Agency, IResult? Problem)> AgencyForAsync(RegistryDbContext db, Actor actor, int? agency, CancellationToken ct)
    {
        if (!actor.MayCreate)
        {
            return (null, TypedResults.Forbid());
        }

        var (target, problem) = await AgencyChoice.ResolveAsync(db, actor, agency ?? actor.AgencyId, ct);
        return target is null
            ? (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["agency"] = [problem!] }, title: "دستگاه اجرایی معلوم نیست."))
            : (target, null);
    }
}
