using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Web.Pages.Templates;

/// <summary>The edit form of an instance and its inherited parts: the marks the form shows, and a posted form whose
/// inherited parts keep the stored text (<see cref="ServiceCard.KeepInherited"/>; their fields are read-only).</summary>
public static class InheritedParts
{
    /// <summary>Puts the marks of <paramref name="card"/>'s parts in the view data (nothing for a card that is not an instance).</summary>
    public static void Mark(ViewDataDictionary viewData, ServiceCard card)
    {
        if (card.IsInstance)
        {
            viewData[TemplateMarks.Key] = new TemplateMarks(card.Id, card.PartStates());
        }
    }

    /// <summary>The posted content with the inherited parts of <paramref name="card"/> as stored, and whatever was
    /// posted for them dropped from the model state (so the form shows the stored text, and no error of theirs).</summary>
    public static CardContent Keep(ServiceCard card, CardContent posted, ModelStateDictionary state)
    {
        if (!card.IsInstance)
        {
            return posted;
        }

        var inherited = card.PartStates().Where(p => p.Value == PartState.Inherited).Select(p => p.Key);
        foreach (var prefix in inherited.SelectMany(FieldNames))
        {
            foreach (var key in state.FindKeysWithPrefix(prefix).Select(e => e.Key).ToList())
            {
                state.Remove(key);
            }
        }

        return card.KeepInherited(posted);
    }

    /// <summary>The form's field names of a shared part (<c>requiredDocuments</c> → <c>Card.RequiredDocuments</c>).</summary>
    private static IEnumerable<string> FieldNames(string key)
    {
        yield return "Card." + char.ToUpperInvariant(key[0]) + key[1..];
        if (key == "lifeEvents")
        {
            yield return "Card.LifeEventOther";
        }
        else if (key == "triggers")
        {
            yield return "Card.TriggerOther";
        }
    }
}
