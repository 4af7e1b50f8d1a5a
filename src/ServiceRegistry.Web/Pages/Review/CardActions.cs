using ServiceRegistry.Core.Review;

namespace ServiceRegistry.Web.Pages.Review;

/// <summary>The steps offered on a card's pages (<see cref="WorkflowActions.For"/>): each a button posting to the review
/// page; a step that cannot be taken back first shows a confirmation (a plain link and form, no script needed).
/// <c>From</c> is where to come back after the step: "cards" (the card's home) or "review".</summary>
public sealed record CardActions(int CardId, int Version, IReadOnlyList<WorkflowAction> Allowed, WorkflowAction? Confirm, string From)
{
    public static string Handler(WorkflowAction action) => action switch
    {
        WorkflowAction.IssueServiceId => "issueid",
        _ => action.ToString().ToLowerInvariant(),
    };

    public static string Css(WorkflowAction action) => action switch
    {
        WorkflowAction.Submit or WorkflowAction.IssueServiceId => "btn-primary",
        WorkflowAction.Approve or WorkflowAction.Publish => "btn-success",
        WorkflowAction.Return => "btn-warning",
        WorkflowAction.Archive => "btn-outline-danger",
        _ => "btn-outline-primary",
    };

    /// <summary>The page to come back to after a step on card <paramref name="id"/>.</summary>
    public static string HomeOf(int id, string? from) => from == "cards" ? $"/cards/{id}" : $"/review/{id}";
}
