using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards;

/// <summary>
/// Adds and removes rows of the card form's repeated parts (documents, laws, amounts, bank accounts, addresses,
/// links, steps, permits and their inquiries) on the server, so the form works without JavaScript: the «افزودن»
/// and «حذف» buttons post the whole form to a handler that changes the list named by its field name
/// (<c>Card.Permits[0].Inquiries</c>) and shows the form again, everything typed kept.
/// </summary>
public static partial class CardListEditing
{
    /// <summary>Appends an empty row to the list named <paramref name="listName"/>; returns the new row's field name, or null for an unknown list.</summary>
    public static string? Add(CardContent card, string listName)
    {
        if (Resolve(card, listName) is not { } list)
        {
            return null;
        }

        var elementType = list.GetType().GetGenericArguments()[0];
        list.Add(elementType == typeof(string) ? "" : Activator.CreateInstance(elementType));
        return $"{listName}[{list.Count - 1}]";
    }

    /// <summary>Removes row <paramref name="index"/> of the list named <paramref name="listName"/>; false when there is no such row.</summary>
    public static bool Remove(CardContent card, string listName, int index)
    {
        if (Resolve(card, listName) is not { } list || index < 0 || index >= list.Count)
        {
            return false;
        }

        list.RemoveAt(index);
        return true;
    }

    /// <summary>
    /// Removes the rows left blank in every list of the card (inner lists first, so a permit whose inquiries are all
    /// blank is itself blank), moving the typed values and errors of later rows up so each stays beside its row.
    /// A number row counts as blank when nothing was typed in it.
    /// </summary>
    public static void DropBlankRows(CardContent card, ModelStateDictionary modelState) =>
        DropBlankRows(card, CardFormNames.Prefix, modelState);

    private static void DropBlankRows(object owner, string name, ModelStateDictionary modelState)
    {
        foreach (var property in owner.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetValue(owner) is not { } value)
            {
                continue;
            }

            var childName = $"{name}.{property.Name}";
            if (value is IList list && property.PropertyType.IsGenericType)
            {
                if (property.PropertyType.GetGenericArguments()[0].IsEnum)
                {
                    continue;
                }

                for (var i = list.Count - 1; i >= 0; i--)
                {
                    var rowName = $"{childName}[{i}]";
                    if (list[i] is { } row && row.GetType().IsClass && row is not string)
                    {
                        DropBlankRows(row, rowName, modelState);
                    }

                    if (IsBlank(list[i], rowName, modelState))
                    {
                        list.RemoveAt(i);
                        Shift(modelState, childName, i, keepErrors: true);
                    }
                }
            }
            else if (value.GetType().IsClass && value is not string && value.GetType().Namespace == typeof(CardContent).Namespace)
            {
                DropBlankRows(value, childName, modelState);
            }
        }
    }

    private static bool IsBlank(object? value, string name, ModelStateDictionary modelState) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        bool b => !b,
        long or int or decimal => modelState.TryGetValue(name, out var typed) && string.IsNullOrWhiteSpace(typed.AttemptedValue),
        Enum => false,
        IList items => items.Count == 0,
        _ => CardRows.IsBlank(value, member => modelState.TryGetValue(member, out var attempt) && !string.IsNullOrWhiteSpace(attempt.AttemptedValue), name),
    };

    /// <summary>
    /// Keeps what was typed (including text that is not yet valid, like a malformed number) while forgetting errors,
    /// and, when a row was removed, moves the later rows' typed values up by one so each stays with its row.
    /// </summary>
    public static void KeepTypedValues(ModelStateDictionary modelState, string? removedList = null, int removedIndex = -1) =>
        Shift(modelState, removedList, removedIndex, keepErrors: false);

    private static void Shift(ModelStateDictionary modelState, string? removedList, int removedIndex, bool keepErrors)
    {
        var entries = modelState.Select(e => (e.Key, e.Value!.RawValue, e.Value.AttemptedValue, Errors: e.Value.Errors.Select(x => x.ErrorMessage).ToList())).ToList();
        modelState.Clear();
        var row = removedList is null ? null : new Regex("^" + Regex.Escape(removedList) + @"\[(\d+)\](.*)$", RegexOptions.CultureInvariant);
        foreach (var (key, raw, attempted, errors) in entries)
        {
            var newKey = key;
            if (row?.Match(key) is { Success: true } m)
            {
                var i = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                if (i == removedIndex)
                {
                    continue;
                }

                if (i > removedIndex)
                {
                    newKey = $"{removedList}[{i - 1}]{m.Groups[2].Value}";
                }
            }

            modelState.SetModelValue(newKey, raw, attempted);
            if (keepErrors && errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    modelState.AddModelError(newKey, error);
                }
            }
            else
            {
                modelState.MarkFieldValid(newKey); // bound and checked before; only its row number changed
            }
        }
    }

    /// <summary>Finds the list a field name points at, walking the card's properties; only lists of rows, never sets of choices.</summary>
    private static IList? Resolve(CardContent card, string listName)
    {
        var prefix = CardFormNames.Prefix + ".";
        if (!listName.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        object? current = card;
        foreach (var segment in listName[prefix.Length..].Split('.'))
        {
            var m = Segment().Match(segment);
            if (!m.Success || current is null)
            {
                return null;
            }

            var property = current.GetType().GetProperty(m.Groups["name"].Value, BindingFlags.Public | BindingFlags.Instance);
            if (property is null)
            {
                return null;
            }

            current = property.GetValue(current);
            if (m.Groups["index"].Success)
            {
                var index = int.Parse(m.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture);
                current = current is IList items && index < items.Count ? items[index] : null;
            }
        }

        return current is IList list && list.GetType().IsGenericType && !list.GetType().GetGenericArguments()[0].IsEnum ? list : null;
    }

    [GeneratedRegex(@"^(?<name>[A-Z][A-Za-z]*)(\[(?<index>\d{1,4})\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Segment();
}
