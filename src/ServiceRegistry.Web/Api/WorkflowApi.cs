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

    public static IEndpointRouteBuilder MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/services/{id:int}").RequireAuthorization(Auth.StaffPolicy).WithTags("Workflow");
        group.MapPost("/submit", (int id, WorkflowRequest? body, HttpContext http, CardWorkflow workflow, CancellationToken ct) => Run(id, WorkflowAction.Submit, body, http, workflow, ct)).WithName("SubmitCard");
        group.MapPost("/return", (int id, WorkflowRequest? body, HttpContext http, CardWorkflow workflow, CancellationToken ct) => Run(id, WorkflowAction.Return, body, http, workflow, ct)).WithName("ReturnCard");
        group.MapPost("/approve", (int id, WorkflowRequest? body, HttpContext http, CardWorkflow workflow, CancellationToken ct) => Run(id, WorkflowAction.Approve, body, http, workflow, ct)).WithName("ApproveCard");
        group.MapPost("/issue-id", (int id, WorkflowRequest? body, HttpContext http, CardWorkflow workflow, CancellationToken ct) => Run(id, WorkflowAction.IssueServiceId, body, http, workflow, ct)).WithName("IssueServiceId");
        group.MapPost("/publish", (int id, WorkflowRequest? body, HttpContext http, CardWorkflow workflow, CancellationToken ct) => Run(id, WorkflowAction.Publish, body, http, workflow, ct)).WithName("PublishCard");
        group.MapPost("/revise", (int id, WorkflowRequest? body, HttpContext http, CardWorkflow workflow, CancellationToken ct) => Run(id, WorkflowAction.Revise, body, http, workflow, ct)).WithName("ReviseCard");
        group.MapPost("/archive", (int id, WorkflowRequest? body, HttpContext http, CardWorkflow workflow, CancellationToken ct) => Run(id, WorkflowAction.Archive, body, http, workflow, ct)).WithName("ArchiveCard");
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
