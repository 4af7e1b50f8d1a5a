using System.Linq.Expressions;

namespace ServiceRegistry.Core.Cards;

/// <summary>
/// A field the official form expects: its JSON path and Persian label, both derived from the model (the property
/// chain, camelCased as the JSON keys, and its <c>[Display]</c> names as <see cref="CardFields.LabelOf"/> reads them),
/// when it is expected, and when it counts as filled.
/// </summary>
public sealed record ExpectedField(string Path, string Label, Func<CardContent, bool> Applies, Func<CardContent, bool> Filled);

/// <summary>
/// The fields completeness counts, in form order (<see cref="CardContent.Completeness"/>): every field the form expects
/// of every service once; a field that only applies in some cases (the text after a ticked «سایر», web address and system
/// name when a stage is electronic, bank accounts when a fee is charged) only then. Optional fields never count.
/// </summary>
public static class ExpectedFields
{
    public static IReadOnlyList<ExpectedField> All { get; } = Build().ToList();

    private static IEnumerable<ExpectedField> Build()
    {
        yield return Field(c => c.Title, c => Has(c.Title));
        yield return Field(c => c.Provider.Agency, c => Has(c.Provider?.Agency));
        yield return Field(c => c.Description, c => Has(c.Description));
        yield return Field(c => c.ServiceTypes, c => c.ServiceTypes is { Count: > 0 });
        yield return Field(c => c.Audience, c => Has(c.Audience));
        yield return Field(c => c.Nature, c => c.Nature is not null);
        yield return Field(c => c.Levels, c => c.Levels is { Count: > 0 });
        yield return Field(c => c.LifeEvents, c => c.LifeEvents is { Count: > 0 });
        yield return Field(c => c.LifeEventOther, c => Has(c.LifeEventOther), when: c => c.LifeEvents?.Contains(LifeEvent.Other) == true);
        yield return Field(c => c.Triggers, c => c.Triggers is { Count: > 0 });
        yield return Field(c => c.TriggerOther, c => Has(c.TriggerOther), when: c => c.Triggers?.Contains(Trigger.Other) == true);
        yield return Field(c => c.RequiredDocuments, c => c.RequiredDocuments?.Any(Has) == true);
        yield return Field(c => c.Laws, c => c.Laws?.Any(Has) == true);
        yield return Field(c => c.Recipients.Count, c => c.Recipients?.Count is not null);
        yield return Field(c => c.AverageDuration.Value, c => c.AverageDuration?.Value is not null || Has(c.AverageDuration?.Text));
        yield return Field(c => c.Frequency.Times, c => c.Frequency is { OnceForever: true } or { Times: not null } || Has(c.Frequency?.Text));
        yield return Field(c => c.Fees.AmountsRials, c => c.Fees is { } fees && (fees.Free || fees.AmountsRials is { Count: > 0 }));
        yield return Field(c => c.Fees.BankAccounts, c => c.Fees?.BankAccounts is { Count: > 0 },
            when: c => c.Fees is { Free: false, AmountsRials: { Count: > 0 } amounts } && amounts.Any(a => a > 0));
        foreach (var stage in new Expression<Func<CardContent, Stage>>[] { c => c.Stages.Informing, c => c.Stages.Request, c => c.Stages.Production, c => c.Stages.Delivery })
        {
            var of = Safe(stage);
            yield return Field(stage, c => of(c) is { Electronic: true } or { InPerson: true });
            yield return Field(Member(stage, nameof(Stage.Channels)), c => of(c)?.Channels is { Count: > 0 }, when: c => of(c) is { Electronic: true });
            yield return Field(Member(stage, nameof(Stage.ChannelOther)), c => Has(of(c)?.ChannelOther), when: c => of(c)?.Channels?.Contains(Channel.Other) == true);
            yield return Field(Member(stage, nameof(Stage.InPersonReasons)), c => of(c)?.InPersonReasons is { Count: > 0 }, when: c => of(c) is { InPerson: true });
            yield return Field(Member(stage, nameof(Stage.InPersonReasonOther)), c => Has(of(c)?.InPersonReasonOther),
                when: c => of(c)?.InPersonReasons?.Contains(InPersonReason.Other) == true);
        }

        yield return Field(c => c.WebAddresses, c => c.WebAddresses?.Any(Has) == true, when: AnyElectronic);
        yield return Field(c => c.SystemName, c => Has(c.SystemName), when: AnyElectronic);
        yield return Field(c => c.ProcessSteps, c => c.ProcessSteps?.Any(Has) == true);
        yield return Field(c => c.FormFiller.Name, c => Has(c.FormFiller?.Name));
        yield return Field(c => c.FormFiller.Phone, c => Has(c.FormFiller?.Phone));
    }

    private static bool Has(string? text) => !string.IsNullOrWhiteSpace(text);

    private static bool AnyElectronic(CardContent c) => (c.Stages ?? new Stages()).All().Any(s => s.Stage is { Electronic: true });

    private static ExpectedField Field<T>(Expression<Func<CardContent, T>> member, Func<CardContent, bool> filled, Func<CardContent, bool>? when = null)
    {
        var path = PathOf(member.Body);
        return new ExpectedField(path, CardFields.LabelOf(path), when ?? (_ => true), filled);
    }

    private static Expression<Func<CardContent, object?>> Member(Expression<Func<CardContent, Stage>> stage, string property) =>
        Expression.Lambda<Func<CardContent, object?>>(Expression.Convert(Expression.Property(stage.Body, property), typeof(object)), stage.Parameters);

    /// <summary>The stage a selector picks, or null when the card (or its stages) leaves it out.</summary>
    private static Func<CardContent, Stage?> Safe(Expression<Func<CardContent, Stage>> stage)
    {
        var select = stage.Compile();
        return c => c.Stages is null ? null : select(c);
    }

    /// <summary>"$.fees.bankAccounts" for <c>c => c.Fees.BankAccounts</c>: the property chain in the JSON's camelCase.</summary>
    private static string PathOf(Expression body)
    {
        var names = new Stack<string>();
        for (var e = body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : body; e is MemberExpression m; e = m.Expression)
        {
            names.Push(Labels.CamelCase(m.Member.Name));
        }

        return "$." + string.Join('.', names);
    }
}
