using System.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Web.Infrastructure;

/// <summary>
/// The one map between the spec's JSON paths (what <c>CardContent</c>'s rules report) and the card form's field
/// names and element ids. The form binds <c>CardContent</c> as the page property <c>Card</c>, and C# property
/// names are the JSON keys in PascalCase, so <c>$.fees.bankAccounts[0].number</c> is the field
/// <c>Card.Fees.BankAccounts[0].Number</c> with the id <c>Card_Fees_BankAccounts_0__Number</c>.
/// </summary>
public static class CardFormNames
{
    public const string Prefix = "Card";

    /// <summary>The form field name of a JSON path.</summary>
    public static string FieldName(string jsonPath)
    {
        var path = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        var sb = new StringBuilder(Prefix);
        foreach (var segment in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            sb.Append('.').Append(char.ToUpperInvariant(segment[0])).Append(segment.AsSpan(1));
        }

        return sb.ToString();
    }

    /// <summary>The element id of a form field name (as the tag helpers generate it: '.', '[' and ']' become '_').</summary>
    public static string Id(string fieldName) =>
        fieldName.Replace('.', '_').Replace('[', '_').Replace(']', '_');

    /// <summary>Copies the errors among <paramref name="problems"/> into the page's model state, beside their fields.</summary>
    public static void AddErrors(ModelStateDictionary modelState, IEnumerable<CardProblem> problems)
    {
        foreach (var problem in problems.Where(p => p.Severity == ProblemSeverity.Error))
        {
            modelState.AddModelError(FieldName(problem.Path), problem.Message);
        }
    }

    /// <summary>ViewData key of the fields an importer was unsure of (field name → note), highlighted by the field tag helpers.</summary>
    public const string UnsureKey = "CardUnsure";

    /// <summary>
    /// Whether a field is one the importer was unsure of: its own path, or the object or list it belongs to (the
    /// importer reports <c>$.stages.request</c> or <c>$.permits[0]</c>; every field inside is marked). The note is
    /// returned for the first field drawn under each reported path only, so a group shows its explanation once.
    /// </summary>
    public static (bool Unsure, string? Note) UnsureNote(ViewDataDictionary viewData, string fieldName)
    {
        if (viewData[UnsureKey] is not IReadOnlyDictionary<string, string> unsure || unsure.Count == 0 || !fieldName.StartsWith(Prefix + ".", StringComparison.Ordinal))
        {
            return (false, null);
        }

        for (var name = fieldName; name.Length > Prefix.Length; name = name[..Math.Max(name.LastIndexOf('.'), name.LastIndexOf('['))])
        {
            if (unsure.TryGetValue(name, out var note))
            {
                var shown = viewData[UnsureKey + ".shown"] as HashSet<string> ?? [];
                viewData[UnsureKey + ".shown"] = shown;
                return (true, shown.Add(name) ? note : null);
            }
        }

        return (false, null);
    }

    /// <summary>ViewData key of the reviewer's open comments (field name → texts), shown beside their fields.</summary>
    public const string CommentsKey = "CardComments";

    /// <summary>The reviewer's open comments on a field: on the field itself, or on the object or list it belongs to
    /// (shown beside the first field drawn under it).</summary>
    public static IReadOnlyList<string> CommentsOn(ViewDataDictionary viewData, string fieldName)
    {
        if (viewData[CommentsKey] is not IReadOnlyDictionary<string, IReadOnlyList<string>> comments || comments.Count == 0 || !fieldName.StartsWith(Prefix + ".", StringComparison.Ordinal))
        {
            return [];
        }

        for (var name = fieldName; name.Length > Prefix.Length; name = name[..Math.Max(name.LastIndexOf('.'), name.LastIndexOf('['))])
        {
            if (comments.TryGetValue(name, out var texts))
            {
                var shown = viewData[CommentsKey + ".shown"] as HashSet<string> ?? [];
                viewData[CommentsKey + ".shown"] = shown;
                return shown.Add(name) ? texts : [];
            }
        }

        return [];
    }

    /// <summary>The warnings among <paramref name="problems"/> by field name (what the field tag helper shows beside a field).</summary>
    public static IReadOnlyDictionary<string, string> Warnings(IEnumerable<CardProblem> problems) =>
        problems.Where(p => p.Severity == ProblemSeverity.Warning)
            .GroupBy(p => FieldName(p.Path))
            .ToDictionary(g => g.Key, g => string.Join(" ", g.Select(p => p.Message)));
}
