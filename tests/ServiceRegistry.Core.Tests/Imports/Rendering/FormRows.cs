using System.Globalization;
using System.Text.Json.Nodes;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Tests.Imports.Rendering;

/// <summary>One printed option of a row and whether it is ticked; <see cref="Other"/> is the text after «سایر».</summary>
public sealed record FormOption(string Label, bool Ticked, string? Other = null);

/// <summary>One row of a legacy form: a label and a text value, or options, or a number then options.</summary>
public sealed record FormRow(string Label, string? Text = null, IReadOnlyList<FormOption>? Options = null, string? BeforeOptions = null, bool IsBoolean = false);

/// <summary>
/// A card as the rows of the official form, and the gold JSON of exactly what those rows say (only fields the
/// rows state, so the scorer measures the reading, not the renderer's omissions). Stages, process steps and
/// the fields the official form's body holds are rendered; permits and links are not (their tables have their
/// own fixtures).
/// </summary>
public sealed class FormRows
{
    public List<FormRow> Rows { get; } = [];
    public List<(string Stage, FormRow Electronic, FormRow InPerson)> Stages { get; } = [];
    public List<string> Steps { get; } = [];
    public JsonObject Gold { get; } = [];

    public static FormRows Of(CardContent card)
    {
        var f = new FormRows();
        f.Text("عنوان خدمت", card.Title, "title");
        f.Text("شناسه خدمت", card.ServiceId, "serviceId");
        if (card.Provider.Agency is { Length: > 0 } agency)
        {
            f.Rows.Add(new FormRow("نام دستگاه اجرایی", agency));
            f.Sub("provider")["agency"] = agency;
        }

        if (card.Provider.ParentAgency is { Length: > 0 } parent)
        {
            f.Rows.Add(new FormRow("نام دستگاه مادر", parent));
            f.Sub("provider")["parentAgency"] = parent;
        }

        f.Text("شرح خدمت", card.Description, "description");
        f.Enums("نوع خدمت", card.ServiceTypes, "serviceTypes");
        f.Enums<Nature>("ماهیت خدمت", card.Nature is { } n ? [n] : [], "nature", single: true);
        f.Enums("سطح خدمت", card.Levels, "levels");
        f.Enums("رویداد مرتبط با", card.LifeEvents, "lifeEvents", card.LifeEventOther, "lifeEventOther");
        f.Enums("نحوه آغاز خدمت", card.Triggers, "triggers", card.TriggerOther, "triggerOther");
        if (card.RequiredDocuments.Count > 0)
        {
            f.Rows.Add(new FormRow("مدارک لازم برای انجام خدمت", string.Join("؛ ", card.RequiredDocuments)));
            f.Gold["requiredDocuments"] = new JsonArray([.. card.RequiredDocuments.Select(d => (JsonNode)d)]);
        }

        if (card.Recipients.Count is { } count && card.Recipients.Period is { } period)
        {
            f.Rows.Add(new FormRow("آمار تعداد خدمت گیرندگان", Options: Choices(period), BeforeOptions: $"{Fa(count)} خدمت گیرندگان در:"));
            f.Gold["recipients"] = new JsonObject { ["count"] = count, ["period"] = Code(period) };
        }

        if (card.AverageDuration.Value is { } value && card.AverageDuration.Unit is { } unit)
        {
            f.Rows.Add(new FormRow("متوسط مدت زمان ارائه خدمت", $"{Fa(value)} {Labels.Of(unit)}"));
            f.Gold["averageDuration"] = new JsonObject { ["value"] = value, ["unit"] = Code(unit) };
        }

        if (card.Frequency.OnceForever)
        {
            f.Rows.Add(new FormRow("تواتر", Options: [new FormOption("یکبار برای همیشه", true)]));
            f.Gold["frequency"] = new JsonObject { ["onceForever"] = true };
        }
        else if (card.Frequency.Times is { } times && card.Frequency.Period is { } every)
        {
            f.Rows.Add(new FormRow("تواتر", Options: Choices(every), BeforeOptions: $"{Fa(times)} بار در"));
            f.Gold["frequency"] = new JsonObject { ["times"] = times, ["period"] = Code(every) };
        }

        if (card.Fees.AmountsRials.Count > 0)
        {
            f.Rows.Add(new FormRow("هزینه ارائه خدمت", "مبلغ (مبالغ): " + string.Join(" و ", card.Fees.AmountsRials.Select(a => a.ToString("N0", CultureInfo.InvariantCulture) + " ریال"))));
            f.Sub("fees")["amountsRials"] = new JsonArray([.. card.Fees.AmountsRials.Select(a => (JsonNode)a)]);
        }

        if (card.Fees.AmountsRials.Count > 0 || card.Fees.ElectronicPayment)
        {
            f.Rows.Add(new FormRow("پرداخت بصورت الکترونیک", Options: [new FormOption("", card.Fees.ElectronicPayment)], IsBoolean: true));
            f.Sub("fees")["electronicPayment"] = card.Fees.ElectronicPayment;
        }

        if (card.WebAddresses.Count > 0)
        {
            f.Rows.Add(new FormRow("آدرس دقیق و مستقیم خدمت در وبگاه", string.Join(" ", card.WebAddresses)));
            f.Gold["webAddresses"] = new JsonArray([.. card.WebAddresses.Select(w => (JsonNode)w)]);
        }

        foreach (var (key, label, stage) in new[]
        {
            ("informing", "در مرحله اطلاع رسانی خدمت", card.Stages.Informing), ("request", "در مرحله درخواست خدمت", card.Stages.Request),
            ("production", "در مرحله تولید خدمت", card.Stages.Production), ("delivery", "در مرحله ارائه خدمت", card.Stages.Delivery),
        })
        {
            if (!stage.Electronic && !stage.InPerson)
            {
                continue;
            }

            List<FormOption> electronic = [new("الکترونیکی", stage.Electronic), .. Enum.GetValues<Channel>().Where(c => c != Channel.Other).Select(c => new FormOption(Labels.Of(c), stage.Channels.Contains(c)))];
            List<FormOption> inPerson = [new("غیر الکترونیکی", stage.InPerson), .. Enum.GetValues<InPersonReason>().Where(r => r != InPersonReason.Other).Select(r => new FormOption(Labels.Of(r), stage.InPersonReasons.Contains(r)))];
            var visits = Enum.GetValues<VisitLevel>().Select(v => new FormOption(Labels.Of(v), stage.VisitLevels.Contains(v))).ToList();
            f.Stages.Add((label, new FormRow(label, Options: electronic), new FormRow("مراجعه به دستگاه:", Options: [.. inPerson, .. visits])));
            var gold = new JsonObject { ["electronic"] = stage.Electronic, ["inPerson"] = stage.InPerson };
            gold["channels"] = new JsonArray([.. stage.Channels.Where(c => c != Channel.Other).Select(c => (JsonNode)Code(c))]);
            gold["inPersonReasons"] = new JsonArray([.. stage.InPersonReasons.Where(r => r != InPersonReason.Other).Select(r => (JsonNode)Code(r))]);
            gold["visitLevels"] = new JsonArray([.. stage.VisitLevels.Select(v => (JsonNode)Code(v))]);
            f.Sub("stages")[key] = gold;
        }

        if (card.ProcessSteps.Count > 0)
        {
            f.Steps.AddRange(card.ProcessSteps);
            f.Gold["processSteps"] = new JsonArray([.. card.ProcessSteps.Select(s => (JsonNode)s)]);
        }

        return f;
    }

    private void Text(string label, string? value, string path)
    {
        if (value is { Length: > 0 })
        {
            Rows.Add(new FormRow(label, value));
            Gold[path] = value;
        }
    }

    private void Enums<T>(string label, IReadOnlyList<T> chosen, string path, string? other = null, string? otherPath = null, bool single = false) where T : struct, Enum
    {
        if (chosen.Count == 0)
        {
            return;
        }

        var options = Enum.GetValues<T>().Where(v => v.ToString() != "Other").Select(v => new FormOption(Labels.Of(v), chosen.Contains(v))).ToList();
        if (otherPath is not null)
        {
            var isOther = chosen.Any(v => v.ToString() == "Other");
            options.Add(new FormOption("سایر", isOther, isOther ? other : null));
            if (isOther && other is { Length: > 0 })
            {
                Gold[otherPath] = other;
            }
        }

        Rows.Add(new FormRow(label, Options: options));
        Gold[path] = single ? Code(chosen[0]) : new JsonArray([.. chosen.Select(v => (JsonNode)Code(v))]);
    }

    private static List<FormOption> Choices(Period chosen) =>
        [.. Enum.GetValues<Period>().Select(p => new FormOption(Labels.Of(p), p == chosen))];

    private JsonObject Sub(string key) => Gold[key] as JsonObject ?? (JsonObject)(Gold[key] = new JsonObject());

    private static string Code(Enum value) => value.ToString() is var s && s.Length > 1 && char.IsUpper(s[1]) ? s : char.ToLowerInvariant(s[0]) + s[1..];

    private static string Fa(decimal n) => string.Concat(n.ToString(CultureInfo.InvariantCulture).Select(c => char.IsAsciiDigit(c) ? (char)('۰' + (c - '0')) : c));
}
