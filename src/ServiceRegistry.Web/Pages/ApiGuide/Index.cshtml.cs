using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Review;
using ServiceRegistry.Web.Api;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ServiceRegistry.Web.Pages.ApiGuide;

/// <summary>The API guide at /api, inside the site's layout: every operation of the OpenAPI document with its Persian
/// and English description (written once, on the endpoint: <see cref="ApiText"/>), the lifecycle steps with a request
/// and an answer each, sign-in with tokens, and errors as problem details. The machine-readable document stays at
/// /openapi/v1.json.</summary>
public sealed class IndexModel(IServiceProvider services, IOptions<HttpJsonOptions> json) : PageModel
{
    public const string DocumentUrl = "/openapi/v1.json";

    public IReadOnlyList<ApiOperation> Operations { get; private set; } = [];

    public IReadOnlyList<LifecycleExample> Lifecycle { get; private set; } = [];

    public string ProblemExample { get; private set; } = "";

    public string ValidationExample { get; private set; } = "";

    /// <summary>One step of the lifecycle: its operation (descriptions from the document) and an example exchange.</summary>
    public sealed record LifecycleExample(ApiOperation Operation, WorkflowAction Action, string Request, string Response);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var document = await services.GetRequiredKeyedService<IOpenApiDocumentProvider>("v1").GetOpenApiDocumentAsync(ct);
        Operations = ApiOperations.From(document);
        var options = new JsonSerializerOptions(json.Value.SerializerOptions) { WriteIndented = true };
        Lifecycle = WorkflowApi.Steps
            .Select(step => Operations.FirstOrDefault(o => o.Name == step.Name) is { } operation ? Example(step, operation, options) : null)
            .OfType<LifecycleExample>()
            .ToList();
        ProblemExample = JsonSerializer.Serialize(new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
            Title = "stale version",
            Status = StatusCodes.Status409Conflict,
            Detail = "این شناسنامه در همین فاصله به دست کس دیگری تغییر کرده است. صفحه را تازه کنید و دوباره تصمیم بگیرید.",
            Extensions = { ["traceId"] = "4bf92f3577b34da6a3ce929d0e0e4736" },
        }, options);
        ValidationExample = JsonSerializer.Serialize(new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["$.title"] = ["عنوان خدمت لازم است."],
            ["$.fees.bankAccounts[0].iban"] = ["شماره شبا درست نیست: رقم‌های کنترلی نمی‌خواند."],
        })
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            Title = "One or more validation errors occurred.",
            Status = StatusCodes.Status400BadRequest,
        }, options);
    }

    private static LifecycleExample Example(WorkflowApi.Step step, ApiOperation operation, JsonSerializerOptions options)
    {
        const int id = 42;
        var body = step.Action == WorkflowAction.Return
            ? new WorkflowApi.WorkflowRequest(3, [new("$.description", "شرح خدمت مراحل را نمی‌گوید."), new(null, "مدارک لازم را هم بنویسید.")])
            : new WorkflowApi.WorkflowRequest(3, null);
        var (after, serviceId, answerId) = step.Action switch
        {
            WorkflowAction.Submit => (CardStatus.Submitted, (string?)null, id),
            WorkflowAction.Return => (CardStatus.Returned, null, id),
            WorkflowAction.Approve => (CardStatus.Approved, null, id),
            WorkflowAction.IssueServiceId => (CardStatus.IdIssued, "12345678901", id),
            WorkflowAction.Publish => (CardStatus.Published, "12345678901", id),
            WorkflowAction.Revise => (CardStatus.Draft, "12345678901", id + 1),
            _ => (CardStatus.Archived, "12345678901", id),
        };
        var path = operation.Path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var request = $"{operation.Method} {path}\nAuthorization: Bearer sr_…\nContent-Type: application/json\n\n{JsonSerializer.Serialize(body, options)}";
        var response = $"200 OK\nContent-Type: application/json\n\n{JsonSerializer.Serialize(new WorkflowApi.WorkflowResponse(answerId, Labels.Code(after), serviceId, step.Action == WorkflowAction.Revise ? 1 : 4), options)}";
        return new LifecycleExample(operation, step.Action, request, response);
    }
}
