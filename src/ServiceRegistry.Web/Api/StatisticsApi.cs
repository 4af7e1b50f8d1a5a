using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Figures;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Api;

/// <summary>
/// Quarterly figures (issue 18, shared/spec/templates-and-figures.md): an agency system writes a service's return for a
/// quarter (<c>PUT …/statistics/1404-Q3</c>, idempotent, If-Match once the return exists), the provincial reviewer locks
/// a submitted one, and anyone reads the submitted and locked returns of published services, one service or summed.
/// </summary>
public static class StatisticsApi
{
    /// <summary>One return as the API shows it: the spec's keys, its state, and the figures derived from it.</summary>
    public sealed record StatisticsItem(
        string Period, string PeriodLabel, string Status, int Version,
        ChannelRequests Requests, long? Completed, long? Rejected, ProcessingDays ProcessingDays, long? InPersonVisits,
        InquiryCounts Inquiries, long? FeesCollectedRials, Satisfaction Satisfaction, long? Complaints,
        DerivedFigures Derived);

    /// <summary>Computed, never entered: digital take-up (electronic ÷ all requests), the assisted share (counter offices) and cost per transaction.</summary>
    public sealed record DerivedFigures(double? DigitalTakeUp, double? AssistedShare, double? CostPerTransaction);

    public sealed record ServiceStatistics(int Id, string? ServiceId, string Title, int DeclaredLevel, IReadOnlyList<StatisticsItem> Items);

    /// <summary>A figure summed over the services that report it (<c>reporting</c>); <c>sum</c> is null when none does.</summary>
    public sealed record SummedFigure(long? Sum, int Reporting);

    public sealed record AggregateStatistics(
        string Period, string PeriodLabel, string? Province, int? Agency, int Services, int Reporting, double? Coverage,
        IReadOnlyDictionary<string, SummedFigure> Requests, SummedFigure Completed, SummedFigure Rejected, SummedFigure InPersonVisits,
        SummedFigure InquiriesOnline, SummedFigure InquiriesByHand, SummedFigure FeesCollectedRials, SummedFigure Complaints,
        SummedFigure SatisfactionAnswers, double? SatisfiedShare, double? ProcessingDaysAverage, double? DigitalTakeUp, double? AssistedShare);

    public sealed record LockRequest(int? Version);

    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/v1").WithTags("Statistics");
        reads.MapGet("/services/{id:int}/statistics", GetServiceStatistics).WithName(nameof(GetServiceStatistics))
            .Describe("آمار فصلی یک خدمت، تازه‌ترین نخست (دوره مانند 1404-Q3، درخواست‌ها به تفکیک مجرا و حضوری، انجام‌شده، روزهای رسیدگی، رضایت و نرخ بهره‌گیری)؛ پیش‌نویس‌ها فقط برای دستگاه، بررسی‌کننده استان و دفتر ملی.",
                "A service's quarterly returns, newest first (items: period 1404-Q3, requests by channel code and inPerson, completed, processingDays, satisfaction …, derived take-up); drafts only for its agency, reviewer and the national office");
        reads.MapGet("/statistics", GetAggregateStatistics).WithName(nameof(GetAggregateStatistics))
            .Describe("جمع آمار خدمات منتشرشده در یک فصل (period، پیش‌فرض آخرین فصل تمام‌شده) در کل کشور یا یک استان یا دستگاه؛ پوشش یعنی سهم خدماتی که آمار داده‌اند.",
                "Published services' figures for one quarter (period, default the last finished one), summed nationally or for a province or agency; coverage is the share of services that reported");

        reads.MapGet("/statistics/export", ExportStatistics).WithName(nameof(ExportStatistics))
            .Describe("داده باز: آمار ارسال‌شده و قفل‌شده یک فصل برای خدمات منتشرشده، هر خدمت یک ردیف با شناسه خدمت؛ format یکی از csv (پیش‌فرض)، xlsx یا json.",
                "Open data: one quarter's submitted and locked returns of published services, one row per service with its service ID; format = csv (default), xlsx or json")
            .Produces<byte[]>(StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/json");

        var writes = app.MapGroup("/api/v1/services/{id:int}/statistics/{period}").WithTags("Statistics").RequireAuthorization(Auth.StaffPolicy);
        writes.MapPut("", PutStatistics).WithName(nameof(PutStatistics))
            .Describe("ثبت آمار فصلی یک خدمت (وضعیت draft یا submitted)؛ فرستادن دوباره همان متن چیزی را تغییر نمی‌دهد؛ وقتی آمار آن فصل هست If-Match لازم است: بدون آن 428 و اگر کهنه باشد 412.",
                "Write a service's return for a quarter (status draft or submitted); the same body again changes nothing; If-Match (the return's ETag or version) once it exists: 428 without, 412 when stale")
            .Accepts<ReturnInput>("application/json");
        writes.MapPost("/lock", LockStatistics).WithName(nameof(LockStatistics))
            .Describe("بررسی‌کننده استان (یا دفتر ملی) آمار ارسال‌شده را قفل می‌کند؛ پس از آن تغییر نمی‌کند.",
                "The provincial reviewer (or the national office) locks a submitted return; it then changes no more");
        return app;
    }

    public static async Task<Results<Ok<ServiceStatistics>, NotFound>> GetServiceStatistics(int id, RegistryDbContext db, FiguresQuery figures, HttpContext http, CancellationToken ct)
    {
        var actor = http.GetActor();
        var card = await db.Cards.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (card is null || !actor.CanView(card))
        {
            return TypedResults.NotFound();
        }

        var offered = Derived.Offered(card.Content);
        var returns = await figures.OfCardAsync(id, QuarterlyReturn.SeesDrafts(actor, card), ct);
        return TypedResults.Ok(new ServiceStatistics(card.Id, card.ServiceId, card.Title, card.Maturity, returns.Select(r => r.ToItem(offered)).ToList()));
    }

    public static async Task<Results<Ok<AggregateStatistics>, ValidationProblem>> GetAggregateStatistics(
        string? period, string? province, int? agency, FiguresQuery figures, TimeProvider time, CancellationToken ct)
    {
        if (!Quarter.TryChoose(period, time.GetUtcNow(), out var quarter))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [Quarter.NotAPeriod(period)] });
        }

        var a = await figures.AggregateAsync(quarter, string.IsNullOrWhiteSpace(province) ? null : province.Trim(), agency, ct);
        static SummedFigure S(FigureSum f) => new(f.Sum, f.Reporting);
        return TypedResults.Ok(new AggregateStatistics(a.Period.ToString(), a.Period.Label, province, agency, a.Services, a.Reporting, a.Coverage,
            a.Requests.ToDictionary(kv => kv.Key, kv => S(kv.Value), StringComparer.Ordinal), S(a.Completed), S(a.Rejected), S(a.InPersonVisits),
            S(a.InquiriesOnline), S(a.InquiriesByHand), S(a.FeesCollectedRials), S(a.Complaints), S(a.SatisfactionAnswers),
            a.SatisfiedShare, a.ProcessingDaysAverage, a.TakeUp, a.AssistedShare));
    }

    public static async Task<IResult> ExportStatistics(
        string? period, string? province, int? agency, string? format, RegistryDbContext db, FiguresQuery figures, TimeProvider time, HttpContext http, CancellationToken ct)
    {
        if (!Quarter.TryChoose(period, time.GetUtcNow(), out var quarter))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [Quarter.NotAPeriod(period)] });
        }

        var kind = (format ?? "csv").Trim().ToLowerInvariant();
        if (kind is not ("csv" or "xlsx" or "json"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["قالب یکی از csv، xlsx یا json است."] });
        }

        var rows = await FiguresExport.RowsAsync(db, figures, quarter, string.IsNullOrWhiteSpace(province) ? null : province.Trim(), agency, ct);
        var file = new MemoryStream();
        switch (kind)
        {
            case "xlsx":
                FiguresExport.WriteXlsx(quarter, rows, file);
                break;
            case "json":
                await FiguresExport.WriteJsonAsync(quarter, rows, file, ct);
                break;
            default:
                await FiguresExport.WriteCsvAsync(rows, file, ct);
                break;
        }

        file.Position = 0;
        var type = kind switch { "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "json" => "application/json", _ => "text/csv; charset=utf-8" };
        return TypedResults.File(file, type, Fa.FileName($"statistics-{quarter}", time.GetUtcNow().UtcDateTime, kind));
    }

    public static async Task<Results<Ok<StatisticsItem>, Created<StatisticsItem>, NotFound, ValidationProblem, ProblemHttpResult>> PutStatistics(
        int id, string period, HttpRequest request, ReturnWorkflow workflow, RegistryDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!Quarter.TryParse(period, out var quarter))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [Quarter.NotAPeriod(period)] }, title: "دوره نادرست است.");
        }

        // Who may write is answered before anything about the body (a stranger learns nothing from a 400).
        var actor = http.GetActor();
        if (await workflow.RefusalAsync(id, quarter, actor, ct) is { } refused)
        {
            return Refusal(refused);
        }

        using var buffer = new MemoryStream(); // bounded by RequestLimits (PutStatistics)
        await request.Body.CopyToAsync(buffer, ct);
        var (input, path, error) = FiguresJson.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        var status = ReturnStatus.Draft;
        var errors = new Dictionary<string, string[]>();
        if (input is null)
        {
            errors[path!] = [error!];
        }
        else
        {
            if (input.Period is { } p && (!Quarter.TryParse(p, out var inBody) || inBody != quarter))
            {
                errors["$.period"] = [$"دوره بدنه («{p}») با دوره نشانی ({quarter}) یکی نیست."];
            }

            switch (input.Status)
            {
                case null or "draft": break;
                case "submitted": status = ReturnStatus.Submitted; break;
                default: errors["$.status"] = ["وضعیت یکی از draft یا submitted است (قفل را کارشناس بررسی می‌گذارد)."]; break;
            }
        }

        var ifMatch = request.Headers.IfMatch.ToString();
        var expected = ifMatch.Length == 0 ? null : CardsApi.ParseVersion(ifMatch.Replace($"-{quarter}-", "-", StringComparison.Ordinal), id);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "آمار فصلی خوانده نشد.");
        }

        var outcome = await workflow.SaveAsync(id, quarter, actor, input!.ToFigures(), status, expected, requireVersion: true, ct);
        if (outcome.Kind is ReturnOutcomeKind.NotFound or ReturnOutcomeKind.Forbidden or ReturnOutcomeKind.Refused)
        {
            return Refusal(outcome);
        }

        var offered = await OfferedAsync(db, id, ct);
        switch (outcome.Kind)
        {
            case ReturnOutcomeKind.Invalid:
                return TypedResults.ValidationProblem(outcome.Problems!.GroupBy(p => p.Path).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                    title: "آمار فصلی خطا دارد.");
            case ReturnOutcomeKind.Stale when ifMatch.Length == 0:
                return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match لازم است.",
                    detail: $"آمار «{quarter.Label}» پیش‌تر ثبت شده است؛ نسخه‌ای را که دیده‌اید با سرآیند If-Match (ETag {outcome.Return!.ETag()}) بفرستید.");
            case ReturnOutcomeKind.Stale:
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "این آمار در این میان تغییر کرده است.",
                    detail: $"آمار را دوباره بخوانید (ETag فعلی {outcome.Return!.ETag()}) و تغییرات خود را روی آن اعمال کنید.");
            case ReturnOutcomeKind.Created:
                http.Response.Headers.ETag = outcome.Return!.ETag();
                return TypedResults.Created($"/api/v1/services/{id}/statistics", outcome.Return.ToItem(offered));
            default:
                http.Response.Headers.ETag = outcome.Return!.ETag();
                return TypedResults.Ok(outcome.Return.ToItem(offered));
        }
    }

    public static async Task<Results<Ok<StatisticsItem>, NotFound, ValidationProblem, ProblemHttpResult>> LockStatistics(
        int id, string period, LockRequest? body, ReturnWorkflow workflow, RegistryDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!Quarter.TryParse(period, out var quarter))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [Quarter.NotAPeriod(period)] }, title: "دوره نادرست است.");
        }

        var outcome = await workflow.LockAsync(id, quarter, http.GetActor(), body?.Version, ct);
        return outcome.Kind switch
        {
            ReturnOutcomeKind.Saved => TypedResults.Ok(outcome.Return!.ToItem(await OfferedAsync(db, id, ct))),
            ReturnOutcomeKind.Stale => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "این آمار در این میان تغییر کرده است.",
                detail: $"نسخه فعلی {outcome.Return!.Version} است."),
            _ => Refusal(outcome),
        };
    }

    private static ProblemHttpResult Refusal(ReturnOutcome outcome) => outcome.Kind == ReturnOutcomeKind.NotFound
        ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "خدمت یا آمار پیدا نشد.")
        : TypedResults.Problem(statusCode: outcome.Kind == ReturnOutcomeKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict,
            title: "ثبت آمار ممکن نیست.", detail: outcome.Reason);

    private static async Task<IReadOnlySet<string>> OfferedAsync(RegistryDbContext db, int id, CancellationToken ct) =>
        Derived.Offered(await db.Cards.AsNoTracking().Where(c => c.Id == id).Select(c => c.Content).SingleAsync(ct));

    internal static StatisticsItem ToItem(this QuarterlyReturn r, IReadOnlySet<string> offered)
    {
        var f = r.Figures;
        return new StatisticsItem(r.Period.ToString(), r.Period.Label, QuarterlyReturn.Code(r.Status), r.Version,
            f.Requests, f.Completed, f.Rejected, f.ProcessingDays, f.InPersonVisits, f.Inquiries, f.FeesCollectedRials, f.Satisfaction, f.Complaints,
            new DerivedFigures(Derived.TakeUp(f, offered), Derived.AssistedShare(f, offered), Derived.CostPerTransaction(f)));
    }
}
