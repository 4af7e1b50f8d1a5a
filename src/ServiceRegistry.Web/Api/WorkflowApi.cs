using Microsoft.AspNetCore.Http.HttpResults;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Api;

/// <summary>Lifecycle actions: POST /api/v1/services/{id}/{submit|return|approve|issue-id|publish|revise|archive}.
/// The same <see cref="CardWorkflow"/> the review pages use; signed-in staff only; errors are ProblemDetails.</summary>
public static class WorkflowApi
{
    public sealed record ReturnComment(string? Field, string Text);

    /// <summary>Optional body: the version the client saw (409 when stale) and, for return, the comments.</summary>
    public sealed record WorkflowRequest(int? Version, IReadOnlyList<ReturnComment>? Comments);

    public sealed record WorkflowResponse(int Id, string Status, string? ServiceId, int Version);

    /// <summary>A lifecycle step of the API: its route under /api/v1/services/{id}, its operation name, and who may take it
    /// when (the card's rule: <see cref="WorkflowActions.Check"/>), in Persian and English.</summary>
    public sealed record Step(WorkflowAction Action, string Route, string Name, string Persian, string English);

    public static readonly IReadOnlyList<Step> Steps =
    [
        new(WorkflowAction.Submit, "submit", "SubmitCard",
            "ارسال برای بررسی: پیش‌نویس یا شناسنامه برگشت‌خورده، به دست کارشناس یا بالاترین مقام همان دستگاه.",
            "Submit for review: a draft or returned card, by the card's agency staff."),
        new(WorkflowAction.Return, "return", "ReturnCard",
            "برگشت برای اصلاح با دست‌کم یک توضیح (comments: هر کدام field، مسیر JSON فیلد مانند $.description یا خالی برای کل شناسنامه، و text)؛ بررسی‌کننده همان استان یا دفتر ملی.",
            "Return for changes with at least one comment (comments: field, a JSON path such as $.description or null for the whole card, and text); by the province's reviewer or the national office."),
        new(WorkflowAction.Approve, "approve", "ApproveCard",
            "تایید شناسنامه ارسال‌شده؛ بررسی‌کننده همان استان یا دفتر ملی. برنمی‌گردد.",
            "Approve a submitted card; by the province's reviewer or the national office. Cannot be undone."),
        new(WorkflowAction.IssueServiceId, "issue-id", "IssueServiceId",
            "صدور شناسه ۱۱ رقمی خدمت برای شناسنامه تاییدشده‌ای که شناسه ندارد؛ فقط مدیر ملی. برنمی‌گردد.",
            "Issue the 11-digit service ID to an approved card that has none; national administrator only. Cannot be undone."),
        new(WorkflowAction.Publish, "publish", "PublishCard",
            "انتشار در فهرست عمومی (شناسنامه‌ای که شناسه گرفته، یا بازنگری تاییدشده که جای نسخه منتشرشده را می‌گیرد)؛ فقط مدیر ملی. برنمی‌گردد.",
            "Publish in the public catalog (a card with its service ID, or an approved revision, which replaces the published card); national administrator only. Cannot be undone."),
        new(WorkflowAction.Revise, "revise", "ReviseCard",
            "آغاز بازنگری خدمت منتشرشده: پیش‌نویس تازه‌ای با همان متن (پاسخ، شناسه همین پیش‌نویس است)؛ نسخه منتشرشده تا انتشار بازنگری می‌ماند. هر خدمت یک بازنگری باز دارد.",
            "Start a revision of a published service: a new draft with the same content (the answer is that draft); the published card stays until the revision is published. One open revision per service."),
        new(WorkflowAction.Archive, "archive", "ArchiveCard",
            "بایگانی: از فهرست عمومی برداشته می‌شود و دیگر تغییر نمی‌کند؛ بالاترین مقام دستگاه یا مدیر ملی. برنمی‌گردد.",
            "Archive: taken out of the public catalog and changed no more; by the agency's head or the national administrator. Cannot be undone."),
    ];

    public static IEndpointRouteBuilder MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services/{id:int}").RequireAuthorization(Auth.StaffPolicy).WithTags("Workflow");
        foreach (var step in Steps)
        {
            group.MapPost("/" + step.Route, (int id, WorkflowRequest? body, HttpContext http, CardWorkflow workflow, CancellationToken ct) => Run(id, step.Action, body, http, workflow, ct))
                .WithName(step.Name).Describe(step.Persian, step.English);
        }

        return app;
    }

    public static async Task<Results<Ok<WorkflowResponse>, ProblemHttpResult>> Run(
        int id, WorkflowAction action, WorkflowRequest? body, HttpContext http, CardWorkflow workflow, CancellationToken ct)
    {
        var comments = body?.Comments?.Select(c => new ReviewComment(c.Field, c.Text)).ToList();
        var outcome = await workflow.RunAsync(id, action, http.GetActor(), body?.Version, comments, ct);
        return outcome.Kind switch
        {
            WorkflowOutcomeKind.Done => TypedResults.Ok(new WorkflowResponse(outcome.Card!.Id, Labels.Code(outcome.Card.Status), outcome.Card.ServiceId, outcome.Card.Version)),
            WorkflowOutcomeKind.NotFound => TypedResults.Problem(title: "not found", detail: outcome.Reason, statusCode: StatusCodes.Status404NotFound),
            WorkflowOutcomeKind.Forbidden => TypedResults.Problem(title: "forbidden", detail: outcome.Reason, statusCode: StatusCodes.Status403Forbidden),
            WorkflowOutcomeKind.Conflict => TypedResults.Problem(title: "stale version", detail: outcome.Reason, statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Problem(title: "not allowed in this state", detail: outcome.Reason, statusCode: StatusCodes.Status409Conflict),
        };
    }
}
