namespace ServiceRegistry.Core.Cards;

/// <summary>A field the card still lacks: its JSON path and its Persian label.</summary>
public sealed record MissingField(string Path, string Label);

/// <summary>How complete a card is: the share of the expected fields that are filled (0–100) and what is missing, in form order.</summary>
public sealed record CardCompleteness(int Percent, int Filled, int Expected, IReadOnlyList<MissingField> Missing)
{
    public bool IsComplete => Missing.Count == 0;

    /// <summary>The percentage from the counts (also stored on the card: FieldsFilled, FieldsExpected).</summary>
    public static int PercentOf(int filled, int expected) => expected == 0 ? 100 : filled * 100 / expected;
}

public sealed partial class CardContent
{
    /// <summary>How far the card is from complete: the share of the <see cref="ExpectedFields"/> that apply to it and are
    /// filled, and the missing ones in form order.</summary>
    public CardCompleteness Completeness()
    {
        var expected = 0;
        var missing = new List<MissingField>();
        foreach (var field in ExpectedFields.All)
        {
            if (!field.Applies(this))
            {
                continue;
            }

            expected++;
            if (!field.Filled(this))
            {
                missing.Add(new MissingField(field.Path, field.Label));
            }
        }

        var filled = expected - missing.Count;
        return new CardCompleteness(CardCompleteness.PercentOf(filled, expected), filled, expected, missing);
    }
}
