using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Cards;

/// <summary>One field of a card as people read it: JSON path, Persian label (with its section) and value.</summary>
public sealed record CardField(string Path, string Label, string Value);

/// <summary>A field whose value differs between two versions.</summary>
public sealed record FieldChange(string Path, string Label, string? Before, string? After);

/// <summary>
/// Walks a card's content by its model (the Display labels are the Persian names), for comparing versions field
/// by field and for pointing reviewers' comments at a field.
/// </summary>
public static class CardFields
{
    /// <summary>Every leaf field with a value (empty values are left out), in the form's order.</summary>
    public static IReadOnlyList<CardField> Leaves(CardContent content)
    {
        var fields = new List<CardField>();
        Walk(content, "$", "", fields);
        return fields;
    }

    /// <summary>Field-by-field differences between two versions (added, removed or changed values).</summary>
    public static IReadOnlyList<FieldChange> Compare(CardContent before, CardContent after)
    {
        var a = Leaves(before).ToDictionary(f => f.Path);
        var b = Leaves(after).ToDictionary(f => f.Path);
        var order = Leaves(after).Select(f => f.Path).Concat(Leaves(before).Select(f => f.Path)).Distinct();
        return order
            .Select(path => (path, a.GetValueOrDefault(path), b.GetValueOrDefault(path)))
            .Where(x => x.Item2?.Value != x.Item3?.Value)
            .Select(x => new FieldChange(x.path, (x.Item3 ?? x.Item2)!.Label, x.Item2?.Value, x.Item3?.Value))
            .ToList();
    }

    /// <summary>The fields a reviewer can point a comment at: every top-level field and each stage.</summary>
    public static IReadOnlyList<(string Path, string Label)> Commentable()
    {
        var list = new List<(string, string)>();
        foreach (var property in typeof(CardContent).GetProperties())
        {
            if (property.Name is nameof(CardContent.Unmapped) or nameof(CardContent.ServiceId))
            {
                continue;
            }

            if (property.PropertyType == typeof(Stages))
            {
                list.AddRange(typeof(Stages).GetProperties().Select(p => ($"$.stages.{Labels.CamelCase(p.Name)}", Labels.Of(property) + " › " + Labels.Of(p))));
                continue;
            }

            list.Add(($"$.{Labels.CamelCase(property.Name)}", Labels.Of(property)));
        }

        return list;
    }

    /// <summary>The Persian label of a JSON path ("$.fees.bankAccounts[0].holder"), for showing comments.</summary>
    public static string LabelOf(string path)
    {
        var type = typeof(CardContent);
        var parts = new List<string>();
        foreach (var segment in path.TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = segment.Split('[')[0];
            var property = type.GetProperties().FirstOrDefault(p => Labels.CamelCase(p.Name) == name);
            if (property is null)
            {
                parts.Add(segment);
                break;
            }

            parts.Add(Labels.Of(property));
            if (segment.Contains('[', StringComparison.Ordinal) && int.TryParse(segment.Split('[')[1].TrimEnd(']'), CultureInfo.InvariantCulture, out var index))
            {
                parts.Add("ردیف " + PersianText.ToPersianDigits((index + 1).ToString(CultureInfo.InvariantCulture)));
            }

            type = ElementType(property.PropertyType) ?? property.PropertyType;
        }

        return string.Join(" › ", parts);
    }

    private static void Walk(object node, string path, string label, List<CardField> fields)
    {
        foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<DisplayAttribute>() is null)
            {
                continue;
            }

            var childPath = $"{path}.{Labels.CamelCase(property.Name)}";
            var childLabel = label.Length == 0 ? Labels.Of(property) : $"{label} › {Labels.Of(property)}";
            var value = property.GetValue(node);
            if (value is null)
            {
                continue;
            }

            if (IsLeaf(property.PropertyType))
            {
                var text = Format(value);
                if (text.Length > 0)
                {
                    fields.Add(new CardField(childPath, childLabel, text));
                }

                continue;
            }

            if (value is IList list)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is { } item)
                    {
                        Walk(item, $"{childPath}[{i}]", $"{childLabel} › ردیف {PersianText.ToPersianDigits((i + 1).ToString(CultureInfo.InvariantCulture))}", fields);
                    }
                }

                continue;
            }

            Walk(value, childPath, childLabel, fields);
        }
    }

    private static bool IsLeaf(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal))
        {
            return true;
        }

        return ElementType(t) is { } element && IsLeaf(element);
    }

    private static Type? ElementType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;

    private static string Format(object value) => value switch
    {
        string s => s.Trim(),
        bool b => b ? "بله" : "خیر",
        Enum e => Labels.Of(e),
        decimal d => PersianText.FormatNumber(d),
        long l => PersianText.FormatNumber(l),
        int i => PersianText.FormatNumber(i),
        IEnumerable items => string.Join("؛ ", items.Cast<object>().Select(Format).Where(s => s.Length > 0)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
