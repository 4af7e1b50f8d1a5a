using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.OpenApi;

namespace ServiceRegistry.Web.Pages.ApiGuide;

/// <summary>One operation of the API as the guide shows it, read from the OpenAPI document (the one source of its
/// descriptions: <see cref="Api.ApiText"/>).</summary>
public sealed record ApiOperation(
    string Method, string Path, string Tag, string? Name, string Persian, string English, bool SignedIn,
    IReadOnlyList<ApiParameter> Parameters, IReadOnlyList<string> Responses, IReadOnlyList<string> Accepts)
{
    /// <summary>"POST /api/v1/services/{id}/submit": the operation's key in the page (data-operation) and in tests.</summary>
    public string Key => Method + " " + Path;

    /// <summary>The element id of the operation in the page.</summary>
    public string Anchor => "op-" + (Name ?? string.Concat(Key.Where(char.IsAsciiLetterOrDigit)));
}

public sealed record ApiParameter(string Name, string In, bool Required, string? Type);

public static partial class ApiOperations
{
    [GeneratedRegex(@"\d{4}-Q\d|[$?]?\.?[A-Za-z][A-Za-z0-9_$.?=/\[\]{}\-]*")]
    private static partial Regex CodeRun();

    /// <summary>Persian text with its Latin runs (codes, JSON paths, query parameters) isolated left to right, so that
    /// «$.description», «?agency=» and «1404-Q3» read as written inside a right-to-left sentence.</summary>
    public static IHtmlContent Isolated(string text)
    {
        var html = new HtmlContentBuilder();
        var last = 0;
        foreach (Match match in CodeRun().Matches(text))
        {
            var run = match.Value.TrimEnd('.', '-');
            html.Append(text[last..match.Index]);
            html.AppendHtml("<bdi dir=\"ltr\">");
            html.Append(run);
            html.AppendHtml("</bdi>");
            last = match.Index + run.Length;
        }

        html.Append(text[last..]);
        return html;
    }

    /// <summary>Every operation of <paramref name="document"/>, by tag, then path, then method.</summary>
    public static IReadOnlyList<ApiOperation> From(OpenApiDocument document)
    {
        var list = new List<ApiOperation>();
        foreach (var (path, item) in document.Paths)
        {
            if (item.Operations is not { } operations)
            {
                continue;
            }

            foreach (var (method, operation) in operations)
            {
                var parameters = (item.Parameters ?? []).Concat(operation.Parameters ?? [])
                    .Select(p => new ApiParameter(p.Name ?? "", p.In?.ToString().ToLowerInvariant() ?? "", p.Required, p.Schema?.Type?.ToString().ToLowerInvariant()))
                    .ToList();
                list.Add(new ApiOperation(
                    method.Method.ToUpperInvariant(), path, operation.Tags?.FirstOrDefault()?.Name ?? "",
                    operation.OperationId, operation.Description ?? "", operation.Summary ?? "", operation.Security is { Count: > 0 },
                    parameters,
                    operation.Responses?.Keys.Order(StringComparer.Ordinal).ToList() ?? [],
                    operation.RequestBody?.Content?.Keys.ToList() ?? []));
            }
        }

        return list.OrderBy(o => TagOrder(o.Tag)).ThenBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ToList();
    }

    /// <summary>The tags in the order a reader needs them: reading first, then writing, the lifecycle, the rest.</summary>
    public static readonly IReadOnlyList<(string Tag, string Persian)> Tags =
    [
        ("Catalog", "فهرست عمومی خدمات (خواندن)"),
        ("Changes", "خوراک تغییرات"),
        ("Cards (write)", "نوشتن شناسنامه"),
        ("Workflow", "چرخه کار شناسنامه"),
        ("Templates", "الگوهای ملی"),
        ("Statistics", "آمار فصلی"),
    ];

    private static int TagOrder(string tag)
    {
        for (var i = 0; i < Tags.Count; i++)
        {
            if (Tags[i].Tag == tag)
            {
                return i;
            }
        }

        return Tags.Count;
    }

    /// <summary>An element id for a tag ("Cards (write)" → "cards-write").</summary>
    public static string IdOf(string tag) =>
        string.Join('-', new string(tag.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray()).Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public static string PersianTag(string tag) => Tags.Where(t => t.Tag == tag).Select(t => t.Persian).FirstOrDefault() ?? tag;
}
