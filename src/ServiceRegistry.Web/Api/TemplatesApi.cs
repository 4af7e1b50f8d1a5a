using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exchange;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Core.Templates;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Api;

/// <summary>An instance's template: its id, national service ID, title and the template version the instance follows.</summary>
public sealed record TemplateLink(int Id, string? ServiceId, string Title, int Version);

/// <summary>One instance of a template as the template's card lists it.</summary>
public sealed record InstanceItem(int Id, string Agency, string? Province, CardStatus Status);

/// <summary>
/// National templates and their instances (shared/spec/templates-and-figures.md): the coverage of a template by
/// province (public), a new template (staff of a national body, the national office), a new instance of a published
/// template (agency staff), and an instance editor's answer to a template change.
/// </summary>
public static class TemplatesApi
{
    /// <summary>The answer to a template change: the parts (JSON paths or keys) that take the template's text; every
    /// other changed part keeps the instance's own. <c>version</c>: the card version the editor saw (409 when stale).</summary>
    public sealed record TemplateChangeAnswer(IReadOnlyList<string>? Accept, int? Version);

    /// <summary>One shared part of an instance to override or revert (its JSON path or key), and the card version the
    /// editor saw (409 when stale).</summary>
    public sealed record PartRequest(string? Part, int? Version);

    public static IEndpointRouteBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/templates/{id:int}/coverage", GetCoverage).WithTags("Templates").WithName(nameof(GetCoverage))
            .Describe("پوشش یک الگوی ملی: هر استان با وضعیت منتشرشده، پیش‌نویس یا هیچ، و شناسه نمونه‌های آن.",
                "A template's coverage: every province with published, draft or none and the instances' ids");
        var writes = app.MapGroup("/api/v1").WithTags("Templates").RequireAuthorization(Auth.StaffPolicy);
        writes.MapPost("/templates", CreateTemplate).WithName(nameof(CreateTemplate))
            .Describe("ساخت پیش‌نویس الگوی ملی از JSON شناسنامه (?agency=شناسه یک دستگاه ملی).",
                "Create a draft national template (?agency=ID of a national body) from the spec's JSON")
            .Accepts<CardContent>("application/json");
        writes.MapPost("/templates/{id:int}/instances", CreateInstance).WithName(nameof(CreateInstance))
            .Describe("ساخت پیش‌نویس نمونه‌ای از یک الگوی منتشرشده برای دستگاه کاربر (?agency=شناسه)؛ متن اختیاری درخواست بخش‌های محلی را می‌دهد.",
                "Create a draft instance of a published template for the caller's agency (?agency=ID); an optional body gives the local parts")
            .Accepts<CardContent>("application/json");
        writes.MapPost("/services/{id:int}/template-change", AnswerTemplateChange).WithName(nameof(AnswerTemplateChange))
            .Describe("پاسخ به تغییر الگو: برای بخش‌های نام‌برده متن الگو پذیرفته می‌شود و بقیه بخش‌ها متن خود نمونه را نگه می‌دارند.",
                "Answer a template change: accept the template's text for the listed parts, keep the instance's own for the others");
        writes.MapPost("/services/{id:int}/override", OverridePart).WithName(nameof(OverridePart))
            .Describe("بازنویسی محلی یک بخش به‌ارث‌رسیده از الگو در نمونه (تا ویرایش، متن الگو را نگه می‌دارد)؛ بدنه: part و version.",
                "Override an inherited part of an instance locally (it keeps the template's text until edited); body: part and version");
        writes.MapPost("/services/{id:int}/revert", RevertPart).WithName(nameof(RevertPart))
            .Describe("بازگرداندن یک بخش بازنویسی‌شده نمونه به متن الگوی ملی؛ بدنه: part و version.",
                "Give an overridden part of an instance back to its template's text; body: part and version");
        return app;
    }

    public static async Task<Results<Ok<CoverageOfTemplate>, NotFound>> GetCoverage(int id, TemplateCoverage coverage, HttpContext http, CancellationToken ct) =>
        await coverage.OfTemplateAsync(id, http.GetActor(), ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();

    public static async Task<Results<Created<ServiceDetail>, ValidationProblem, ForbidHttpResult>> CreateTemplate(
        HttpRequest request, int? agency, RegistryDbContext db, CardWorkflow workflow, HttpContext http, CancellationToken ct)
    {
        var actor = http.GetActor();
        var (target, problem) = await AgencyAsync(db, actor, agency, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (target is null || !actor.MayCreateTemplateUnder(target))
        {
            return TypedResults.Forbid();
        }

        var read = await ReadAsync(request, ct);
        if (read.Content is null)
        {
            return TypedResults.ValidationProblem(read.Errors, title: "شناسنامه خدمت خوانده نشد.");
        }

        var outcome = await workflow.CreateTemplateAsync(target, read.Content, actor, ct);
        return outcome.Ok ? await CreatedAsync(outcome.Card!, db, http, ct) : TypedResults.Forbid();
    }

    public static async Task<Results<Created<ServiceDetail>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> CreateInstance(
        int id, HttpRequest request, int? agency, RegistryDbContext db, CardWorkflow workflow, HttpContext http, CancellationToken ct)
    {
        var actor = http.GetActor();
        var (target, problem) = await AgencyAsync(db, actor, agency, ct);
        if (target is null)
        {
            return problem is null ? TypedResults.Forbid() : problem;
        }

        var read = await ReadAsync(request, ct, emptyIsBlank: true);
        if (read.Content is not { } local)
        {
            return TypedResults.ValidationProblem(read.Errors, title: "بخش‌های محلی شناسنامه خوانده نشد.");
        }

        local.Provider.Agency ??= target.Name;
        local.Provider.Province ??= target.Province;
        var outcome = await workflow.CreateInstanceAsync(id, target, local, actor, ct);
        return outcome.Kind switch
        {
            WorkflowOutcomeKind.Done => await CreatedAsync(outcome.Card!, db, http, ct),
            WorkflowOutcomeKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "الگو پیدا نشد."),
            WorkflowOutcomeKind.Forbidden => TypedResults.Forbid(),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "از این شناسنامه نمی‌توان نمونه ساخت.", detail: outcome.Reason),
        };
    }

    public static async Task<Results<Ok<ServiceDetail>, ProblemHttpResult>> AnswerTemplateChange(
        int id, TemplateChangeAnswer? body, CardWorkflow workflow, TemplateCoverage coverage, RegistryDbContext db, HttpContext http, CancellationToken ct)
    {
        var actor = http.GetActor();
        var outcome = await workflow.AnswerTemplateChangeAsync(id, actor, body?.Accept ?? [], body?.Version, ct);
        return outcome.Kind switch
        {
            WorkflowOutcomeKind.Done => TypedResults.Ok(await DetailAsync(outcome.Card!, db, coverage, actor, ct)),
            WorkflowOutcomeKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "شناسنامه پیدا نشد."),
            WorkflowOutcomeKind.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "اجازه این کار را ندارید.", detail: outcome.Reason),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "پاسخ به تغییر الگو ممکن نیست.", detail: outcome.Reason),
        };
    }

    public static async Task<Results<Ok<ServiceDetail>, ProblemHttpResult>> OverridePart(
        int id, PartRequest? body, CardWorkflow workflow, TemplateCoverage coverage, RegistryDbContext db, HttpContext http, CancellationToken ct) =>
        await PartAnswerAsync(await workflow.OverridePartAsync(id, http.GetActor(), body?.Part ?? "", body?.Version, ct), db, coverage, http, ct);

    public static async Task<Results<Ok<ServiceDetail>, ProblemHttpResult>> RevertPart(
        int id, PartRequest? body, CardWorkflow workflow, TemplateCoverage coverage, RegistryDbContext db, HttpContext http, CancellationToken ct) =>
        await PartAnswerAsync(await workflow.RevertPartAsync(id, http.GetActor(), body?.Part ?? "", body?.Version, ct), db, coverage, http, ct);

    private static async Task<Results<Ok<ServiceDetail>, ProblemHttpResult>> PartAnswerAsync(
        WorkflowOutcome outcome, RegistryDbContext db, TemplateCoverage coverage, HttpContext http, CancellationToken ct) => outcome.Kind switch
        {
            WorkflowOutcomeKind.Done => TypedResults.Ok(await DetailAsync(outcome.Card!, db, coverage, http.GetActor(), ct)),
            WorkflowOutcomeKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "شناسنامه پیدا نشد."),
            WorkflowOutcomeKind.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "اجازه این کار را ندارید.", detail: outcome.Reason),
            WorkflowOutcomeKind.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "شناسنامه در این فاصله تغییر کرده است.", detail: outcome.Reason),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "این بخش را نمی‌توان بازنویسی کرد یا برگرداند.", detail: outcome.Reason),
        };

    /// <summary>The card's detail with its template link (an instance) or its instances (a template).</summary>
    public static async Task<ServiceDetail> DetailAsync(ServiceCard card, RegistryDbContext db, TemplateCoverage coverage, Actor actor, CancellationToken ct)
    {
        var detail = card.ToDetail();
        if (card.TemplateId is { } templateId)
        {
            var template = await db.Cards.AsNoTracking().SingleAsync(c => c.Id == templateId, ct);
            var changed = card.TemplateChanges is null ? null
                : card.ChangedParts.Select(k => "$." + k).Concat(card.TemplateArchived ? [ServiceCard.TemplateArchivedMark] : []).ToList();
            return detail with
            {
                Template = new TemplateLink(template.Id, template.ServiceId, template.Title, card.TemplateVersion ?? template.Version),
                Overridden = [.. card.Overrides, .. TemplateParts.LocalOverrides(template.Content, card.Content)],
                TemplateChanged = changed,
            };
        }

        if (card.IsTemplate)
        {
            var instances = await coverage.InstancesAsync(card.RevisionOfId ?? card.Id, actor, ct);
            return detail with { Instances = instances.Select(i => new InstanceItem(i.Id, i.Agency, i.Province, i.Status)).ToList() };
        }

        return detail;
    }

    private static async Task<Created<ServiceDetail>> CreatedAsync(
        ServiceCard card, RegistryDbContext db, HttpContext http, CancellationToken ct)
    {
        await db.Entry(card).Reference(c => c.Agency).LoadAsync(ct);
        http.Response.Headers.ETag = card.ETag();
        var coverage = http.RequestServices.GetRequiredService<TemplateCoverage>();
        return TypedResults.Created($"/api/v1/services/{card.Id}", await DetailAsync(card, db, coverage, http.GetActor(), ct));
    }

    /// <summary>The agency a new card goes to: the caller's, or with ?agency= one in their reach (as for any new card).</summary>
    private static async Task<(Agency? Agency, ValidationProblem? Problem)> AgencyAsync(RegistryDbContext db, Actor actor, int? agency, CancellationToken ct)
    {
        if (!actor.MayCreate)
        {
            return (null, null);
        }

        var (target, problem) = await AgencyChoice.ResolveAsync(db, actor, agency ?? actor.AgencyId, ct);
        return target is null
            ? (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["agency"] = [problem!] }, title: "دستگاه اجرایی معلوم نیست."))
            : (target, null);
    }

    private static async Task<(CardContent? Content, Dictionary<string, string[]> Errors)> ReadAsync(HttpRequest request, CancellationToken ct, bool emptyIsBlank = false)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (emptyIsBlank && buffer.Length == 0)
        {
            return (new CardContent(), []);
        }

        if (buffer.Length > CardFiles.MaxFileBytes)
        {
            return (null, new() { ["$"] = ["بدنه درخواست بیش از اندازه بزرگ است."] });
        }

        var result = CardJson.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        return result.Ok ? (result.Content, []) : (null, result.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
    }
}
