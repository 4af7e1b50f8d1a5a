namespace ServiceRegistry.Core.Cards;

/// <summary>A field the card still lacks: its JSON path and its Persian label.</summary>
public sealed record MissingField(string Path, string Label);

/// <summary>How complete a card is: the share of the expected fields that are filled (0–100) and what is missing, in form order.</summary>
public sealed record CardCompleteness(int Percent, int Filled, int Expected, IReadOnlyList<MissingField> Missing)
{
    public bool IsComplete => Missing.Count == 0;
}

public sealed partial class CardContent
{
    /// <summary>
    /// How far the card is from complete. Each field the official form expects of every service counts once
    /// (title, agency, description, the sets of section 4, documents and laws, recipients, duration, frequency,
    /// fees, each of the four stages, process steps, the form filler's name and phone); a field that only applies
    /// in some cases counts only then (the text after a ticked «سایر», web address and system name when a stage
    /// is electronic, bank accounts when a fee is charged). Optional fields (parent agency, unit, province, …) never count.
    /// </summary>
    public CardCompleteness Completeness()
    {
        var expected = 0;
        var missing = new List<MissingField>();
        void Expect(string path, string label, bool filled)
        {
            expected++;
            if (!filled)
            {
                missing.Add(new MissingField(path, label));
            }
        }

        static bool Has(string? text) => !string.IsNullOrWhiteSpace(text);

        Expect("$.title", "عنوان خدمت", Has(Title));
        Expect("$.provider.agency", "نام دستگاه اجرایی", Has(Provider?.Agency));
        Expect("$.description", "شرح خدمت", Has(Description));
        Expect("$.serviceTypes", "نوع خدمت", ServiceTypes is { Count: > 0 });
        Expect("$.audience", "نوع مخاطبین", Has(Audience));
        Expect("$.nature", "ماهیت خدمت", Nature is not null);
        Expect("$.levels", "سطح خدمت", Levels is { Count: > 0 });
        Expect("$.lifeEvents", "رویداد مرتبط", LifeEvents is { Count: > 0 });
        if (LifeEvents?.Contains(LifeEvent.Other) == true)
        {
            Expect("$.lifeEventOther", "رویداد مرتبط: متن «سایر»", Has(LifeEventOther));
        }

        Expect("$.triggers", "نحوه آغاز خدمت", Triggers is { Count: > 0 });
        if (Triggers?.Contains(Trigger.Other) == true)
        {
            Expect("$.triggerOther", "نحوه آغاز خدمت: متن «سایر»", Has(TriggerOther));
        }

        Expect("$.requiredDocuments", "مدارک لازم برای انجام خدمت", RequiredDocuments?.Any(Has) == true);
        Expect("$.laws", "قوانین و مقررات بالادستی", Laws?.Any(Has) == true);
        Expect("$.recipients.count", "آمار تعداد خدمت گیرندگان", Recipients?.Count is not null);
        Expect("$.averageDuration.value", "متوسط مدت زمان ارائه خدمت", AverageDuration?.Value is not null || Has(AverageDuration?.Text));
        Expect("$.frequency.times", "تواتر", Frequency is { OnceForever: true } or { Times: not null } || Has(Frequency?.Text));
        var fees = Fees ?? new Fees();
        Expect("$.fees.amountsRials", "هزینه ارائه خدمت (یا رایگان)", fees.Free || fees.AmountsRials is { Count: > 0 });
        if (!fees.Free && fees.AmountsRials is { Count: > 0 } && fees.AmountsRials.Any(a => a > 0))
        {
            Expect("$.fees.bankAccounts", "شماره حساب بانکی", fees.BankAccounts is { Count: > 0 });
        }

        var anyElectronic = false;
        foreach (var (key, stage) in (Stages ?? new Stages()).All())
        {
            var name = Labels.StageName(key);
            Expect($"$.stages.{key}", $"نوع ارائه در مرحله {name}", stage is { Electronic: true } or { InPerson: true });
            if (stage is null)
            {
                continue;
            }

            anyElectronic |= stage.Electronic;
            if (stage.Electronic)
            {
                Expect($"$.stages.{key}.channels", $"رسانه ارتباطی در مرحله {name}", stage.Channels is { Count: > 0 });
            }

            if (stage.Channels?.Contains(Channel.Other) == true)
            {
                Expect($"$.stages.{key}.channelOther", $"مرحله {name}: نحوه دسترسی «سایر»", Has(stage.ChannelOther));
            }

            if (stage.InPerson)
            {
                Expect($"$.stages.{key}.inPersonReasons", $"ضرورت مراجعه حضوری در مرحله {name}", stage.InPersonReasons is { Count: > 0 });
            }

            if (stage.InPersonReasons?.Contains(InPersonReason.Other) == true)
            {
                Expect($"$.stages.{key}.inPersonReasonOther", $"مرحله {name}: ضرورت مراجعه «سایر»", Has(stage.InPersonReasonOther));
            }
        }

        if (anyElectronic)
        {
            Expect("$.webAddresses", "آدرس خدمت در وبگاه", WebAddresses?.Any(Has) == true);
            Expect("$.systemName", "نام سامانه مربوط به خدمت", Has(SystemName));
        }

        Expect("$.processSteps", "عناوین فرایندهای خدمت", ProcessSteps?.Any(Has) == true);
        Expect("$.formFiller.name", "نام تکمیل کننده فرم", Has(FormFiller?.Name));
        Expect("$.formFiller.phone", "تلفن تکمیل کننده فرم", Has(FormFiller?.Phone));

        var filled = expected - missing.Count;
        var percent = expected == 0 ? 100 : filled * 100 / expected;
        return new CardCompleteness(percent, filled, expected, missing);
    }
}
