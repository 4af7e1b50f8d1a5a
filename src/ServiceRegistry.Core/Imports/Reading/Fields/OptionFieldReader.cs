using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Imports;

/// <summary>The tick-box fields with one set of options each: service types, nature, levels, life events and
/// triggers (the last two with a free «سایر» text).</summary>
internal static class OptionFieldReader
{
    public static void Read(FormCursor cursor)
    {
        cursor.Card.ServiceTypes = Selected<ServiceType>(cursor, Anchor.ServiceTypes, FormVocabulary.ServiceTypes, "serviceTypes", out _);
        var natures = Selected<Nature>(cursor, Anchor.Nature, FormVocabulary.Natures, "nature", out _);
        cursor.Card.Nature = natures.Count > 0 ? natures[0] : null;
        cursor.Card.Levels = Selected<ServiceLevel>(cursor, Anchor.Levels, FormVocabulary.Levels, "levels", out _);
        cursor.Card.LifeEvents = Selected<LifeEvent>(cursor, Anchor.LifeEvents, FormVocabulary.LifeEventsWithOther, "lifeEvents", out var lifeOther);
        if (lifeOther is { } lo)
        {
            cursor.Card.LifeEvents.Add(LifeEvent.Other);
            cursor.Card.LifeEventOther = lo.Text;
            cursor.Source("lifeEventOther", lo.At, lo.Text ?? "", lo.Confidence);
        }

        cursor.Card.Triggers = Selected<Trigger>(cursor, Anchor.Triggers, FormVocabulary.TriggersWithOther, "triggers", out var triggerOther);
        if (triggerOther is { } to)
        {
            cursor.Card.Triggers.Add(Trigger.Other);
            cursor.Card.TriggerOther = to.Text;
            cursor.Source("triggerOther", to.At, to.Text ?? "", to.Confidence);
        }
    }

    private sealed record OtherText(string? Text, Piece At, Confidence Confidence);

    /// <summary>The ticked options of every occurrence of a field's label, in the enum's order.</summary>
    private static List<T> Selected<T>(FormCursor cursor, Anchor anchor, OptionSet set, string path, out OtherText? other) where T : struct, Enum
    {
        other = null;
        var selected = new List<OptionHit>();
        foreach (var a in cursor.AnchorsOf(anchor).ToList())
        {
            var reversed = cursor.IsReversedLine(cursor[a].Line) && !cursor.RegionPieces(a).Any(p => p.Line == cursor[a].Line);
            var hits = reversed ? [] : OptionReader.Read(cursor, cursor.RegionPieces(a), set);
            var backward = false;
            if (hits.Count == 0)
            {
                hits = OptionReader.Read(cursor, cursor.BackwardPieces(a), set);
                backward = true;
            }

            foreach (var hit in hits.Where(h => h.Checked == true))
            {
                selected.Add(hit with { Weak = hit.Weak || backward });
            }
        }

        if (selected.Count == 0)
        {
            return [];
        }

        var values = new List<T>();
        foreach (var hit in selected)
        {
            if (hit.Label.IsOther)
            {
                if (other is null || (other.Text is null && hit.Trailing is { Length: > 0 }))
                {
                    other = new OtherText(string.IsNullOrEmpty(hit.Trailing) ? null : hit.Trailing, hit.Piece, hit.Confidence);
                }

                continue;
            }

            var value = (T)Enum.ToObject(typeof(T), hit.Label.Code);
            if (!values.Contains(value))
            {
                values.Add(value);
            }
        }

        values.Sort();
        var confidence = selected.All(h => h.Confidence == Confidence.Sure) ? Confidence.Sure : Confidence.Unsure;
        if (values.Count > 0 || other is not null)
        {
            cursor.Source(path, selected[0].Piece, string.Join("، ", selected.Select(h => h.Label.IsOther ? "سایر" : Labels.Of((Enum)Enum.ToObject(typeof(T), h.Label.Code)))), confidence);
        }

        return values;
    }
}
