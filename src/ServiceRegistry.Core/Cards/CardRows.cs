using System.Collections;
using System.Reflection;

namespace ServiceRegistry.Core.Cards;

/// <summary>
/// When a row of one of the card's lists (a bank account, a system link, a permit, an inquiry) is blank: every member is
/// empty (no text, no ticked box, no number, no chosen value, no rows of its own). One rule, read from the model, for
/// cleaning a card (<see cref="CardContent.Tidy"/>) and for dropping the blank rows of a posted form.
/// </summary>
public static class CardRows
{
    /// <summary>Whether <paramref name="row"/> is blank. <paramref name="typed"/> tells, for a number member left empty
    /// (named <paramref name="name"/>.Member), whether something that is not a number was typed in its field: the form
    /// keeps such a row so its error shows beside it.</summary>
    public static bool IsBlank(object row, Func<string, bool>? typed = null, string name = "") =>
        row.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .All(p => IsBlankMember(p.GetValue(row), $"{name}.{p.Name}", typed));

    private static bool IsBlankMember(object? value, string name, Func<string, bool>? typed) => value switch
    {
        null => typed?.Invoke(name) != true,
        string s => string.IsNullOrWhiteSpace(s),
        bool b => !b,
        long or int or decimal or Enum => false,
        IList items => items.Count == 0,
        _ => IsBlank(value, typed, name),
    };
}
