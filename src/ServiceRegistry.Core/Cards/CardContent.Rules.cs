namespace ServiceRegistry.Core.Cards;

/// <summary>A rule a card breaks: the JSON path of the field, a message in Persian, and whether it keeps the card
/// from being stored (<see cref="ProblemSeverity.Error"/>) or only marks it incomplete (<see cref="ProblemSeverity.Warning"/>).</summary>
public sealed record CardProblem(string Path, string Message, ProblemSeverity Severity = ProblemSeverity.Error);

public sealed partial class CardContent
{
    /// <summary>
    /// The rules no stored card may break, whatever its status: a title, objects where the spec has objects,
    /// non-negative counts and money, sets without repeats, bank accounts with numbers, permits with titles.
    /// (A draft may still be incomplete; completeness is a separate measure.)
    /// </summary>
    public IReadOnlyList<CardProblem> StructuralProblems()
    {
        var problems = new List<CardProblem>();
        void Add(string path, string message) => problems.Add(new CardProblem(path, message));

        if (string.IsNullOrWhiteSpace(Title))
        {
            Add("$.title", "عنوان خدمت لازم است.");
        }

        // Objects the spec defines must not be null; a missing one is simply empty.
        (string Path, object? Value)[] objects =
        [
            ("$.provider", Provider), ("$.recipients", Recipients), ("$.averageDuration", AverageDuration),
            ("$.frequency", Frequency), ("$.inPersonVisits", InPersonVisits), ("$.fees", Fees), ("$.stages", Stages),
            ("$.formFiller", FormFiller), ("$.serviceTypes", ServiceTypes), ("$.levels", Levels), ("$.lifeEvents", LifeEvents),
            ("$.triggers", Triggers), ("$.requiredDocuments", RequiredDocuments), ("$.laws", Laws), ("$.webAddresses", WebAddresses),
            ("$.internalSystemLinks", InternalSystemLinks), ("$.externalAgencyLinks", ExternalAgencyLinks),
            ("$.processSteps", ProcessSteps), ("$.permits", Permits), ("$.unmapped", Unmapped),
            ("$.offices", Offices),
        ];
        var nulls = objects.Where(o => o.Value is null).Select(o => o.Path).ToList();
        foreach (var path in nulls)
        {
            Add(path, "این فیلد نمی‌تواند null باشد؛ اگر خالی است آن را حذف کنید یا خالی بگذارید.");
        }

        if (nulls.Count > 0)
        {
            return problems;
        }

        Unique("$.serviceTypes", ServiceTypes, Add);
        Unique("$.levels", Levels, Add);
        Unique("$.lifeEvents", LifeEvents, Add);
        Unique("$.triggers", Triggers, Add);
        NoNullItems("$.requiredDocuments", RequiredDocuments, Add);
        NoNullItems("$.laws", Laws, Add);
        NoNullItems("$.webAddresses", WebAddresses, Add);
        NoNullItems("$.processSteps", ProcessSteps, Add);
        NoNullItems("$.unmapped", Unmapped, Add);

        NonNegative("$.recipients.count", Recipients.Count, Add);
        NonNegative("$.averageDuration.value", AverageDuration.Value, Add);
        NonNegative("$.frequency.times", Frequency.Times, Add);
        NonNegative("$.inPersonVisits.count", InPersonVisits.Count, Add);

        if (Fees.AmountsRials is null || Fees.BankAccounts is null)
        {
            Add("$.fees", "مبالغ و حساب‌های بانکی باید فهرست باشند، نه null.");
        }
        else
        {
            for (var i = 0; i < Fees.AmountsRials.Count; i++)
            {
                NonNegative($"$.fees.amountsRials[{i}]", Fees.AmountsRials[i], Add);
            }

            for (var i = 0; i < Fees.BankAccounts.Count; i++)
            {
                if (Fees.BankAccounts[i] is null || string.IsNullOrWhiteSpace(Fees.BankAccounts[i].Number))
                {
                    Add($"$.fees.bankAccounts[{i}].number", "شماره حساب بانکی لازم است.");
                }
            }
        }

        foreach (var (key, stage) in Stages.All())
        {
            var path = $"$.stages.{key}";
            if (stage is null)
            {
                Add(path, "این مرحله نمی‌تواند null باشد.");
                continue;
            }

            Unique(path + ".channels", stage.Channels, Add);
            Unique(path + ".inPersonReasons", stage.InPersonReasons, Add);
            Unique(path + ".visitLevels", stage.VisitLevels, Add);
        }

        for (var i = 0; i < InternalSystemLinks.Count; i++)
        {
            if (InternalSystemLinks[i] is null)
            {
                Add($"$.internalSystemLinks[{i}]", "ردیف خالی (null) مجاز نیست.");
            }
        }

        for (var i = 0; i < ExternalAgencyLinks.Count; i++)
        {
            if (ExternalAgencyLinks[i] is not { } link)
            {
                Add($"$.externalAgencyLinks[{i}]", "ردیف خالی (null) مجاز نیست.");
                continue;
            }

            NonNegative($"$.externalAgencyLinks[{i}].costRials", link.CostRials, Add);
        }

        for (var i = 0; i < Offices.Count; i++)
        {
            if (Offices[i] is not { } office)
            {
                Add($"$.offices[{i}]", "ردیف خالی (null) مجاز نیست.");
            }
            else if (string.IsNullOrWhiteSpace(office.Name))
            {
                Add($"$.offices[{i}].name", "نام محل ارائه خدمت لازم است.");
            }
        }

        for (var i = 0; i < Permits.Count; i++)
        {
            var path = $"$.permits[{i}]";
            if (Permits[i] is not { } permit)
            {
                Add(path, "ردیف خالی (null) مجاز نیست.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(permit.Title))
            {
                Add(path + ".title", "عنوان مجوز لازم است.");
            }

            NonNegative(path + ".costRials", permit.CostRials, Add);
            Unique(path + ".applicantTypes", permit.ApplicantTypes, Add);
            NoNullItems(path + ".requiredDocuments", permit.RequiredDocuments, Add);
            for (var j = 0; j < (permit.Inquiries?.Count ?? 0); j++)
            {
                if (permit.Inquiries![j] is not { } inquiry)
                {
                    Add($"{path}.inquiries[{j}]", "ردیف خالی (null) مجاز نیست.");
                    continue;
                }

                NonNegative($"{path}.inquiries[{j}].costRials", inquiry.CostRials, Add);
                NoNullItems($"{path}.inquiries[{j}].requiredDocuments", inquiry.RequiredDocuments, Add);
            }
        }

        return problems;
    }

    private static void NonNegative(string path, decimal? value, Action<string, string> add)
    {
        if (value < 0)
        {
            add(path, "عدد منفی مجاز نیست.");
        }
    }

    private static void Unique<T>(string path, List<T>? values, Action<string, string> add) where T : struct, Enum
    {
        if (values is null)
        {
            add(path, "این فیلد باید فهرست باشد، نه null.");
            return;
        }

        var seen = new HashSet<T>();
        for (var i = 0; i < values.Count; i++)
        {
            if (!seen.Add(values[i]))
            {
                add($"{path}[{i}]", $"«{Labels.Code(values[i])}» تکراری است.");
            }
        }
    }

    private static void NoNullItems(string path, List<string>? values, Action<string, string> add)
    {
        if (values is null)
        {
            add(path, "این فیلد باید فهرست باشد، نه null.");
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null)
            {
                add($"{path}[{i}]", "مقدار null در فهرست متن‌ها مجاز نیست.");
            }
        }
    }
}
