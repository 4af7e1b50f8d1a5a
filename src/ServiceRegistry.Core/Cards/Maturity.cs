using System.Globalization;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Cards;

/// <summary>What keeps a service from the next e-readiness level.</summary>
public enum MaturityGapKind
{
    /// <summary>A stage is not electronic.</summary>
    StageNotElectronic,

    /// <summary>A stage (electronic or not) still needs an in-person visit.</summary>
    StageInPerson,

    /// <summary>An inquiry to another agency is not electronic (section 8, inquiry = nonElectronic).</summary>
    NonElectronicInquiry,

    /// <summary>The card counts or describes in-person visits (section 5).</summary>
    InPersonVisits,
}

/// <summary>
/// One reason a service is not at a higher level: which stage (its JSON key, or null for the whole service), what kind of
/// gap, the stated reasons for coming in person, the other agency of a non-electronic inquiry, and a Persian sentence.
/// </summary>
public sealed record MaturityGap(
    string? Stage,
    MaturityGapKind Kind,
    IReadOnlyList<InPersonReason> InPersonReasons,
    string? Agency,
    string Text);

/// <summary>
/// How far a service is from being fully electronic (e-readiness), 0–4, with every gap that keeps it below 4,
/// in the form's order (the first gap is the one that stops the next level). The rule is <see cref="Maturity.Of"/>;
/// docs/e-readiness.md explains it.
/// </summary>
public sealed record MaturityLevel(int Level, IReadOnlyList<MaturityGap> Gaps)
{
    public const int Max = 4;

    /// <summary>The gaps as Persian sentences.</summary>
    public IReadOnlyList<string> Reasons => Gaps.Select(g => g.Text).ToList();

    public string Label() => Label(Level);

    /// <summary>The Persian label of a level, for facets and reports.</summary>
    public static string Label(int level) => level switch
    {
        0 => "سطح ۰: غیرالکترونیکی",
        1 => "سطح ۱: اطلاع‌رسانی الکترونیکی",
        2 => "سطح ۲: درخواست الکترونیکی",
        3 => "سطح ۳: تولید الکترونیکی",
        4 => "سطح ۴: تمام‌الکترونیکی",
        _ => level.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// The e-readiness rule, in one place. Stages count in the form's order:
/// <list type="bullet">
/// <item>0 — informing is not electronic;</item>
/// <item>1 — informing is electronic;</item>
/// <item>2 — the request is electronic too;</item>
/// <item>3 — production is electronic too, and no inquiry to another agency is non-electronic;</item>
/// <item>4 — delivery is electronic too, no stage needs an in-person visit and the card counts no visits (count 0 or
/// blank with no text about visits).</item>
/// </list>
/// A stage that is electronic and also marked «مراجعه حضوری» counts as electronic for levels 1–3 but keeps the
/// service from level 4. A gap stops the count: a service whose request is online but whose informing is not is 0.
/// </summary>
public static class Maturity
{
    private static readonly string[] StageTitles = ["اطلاع‌رسانی خدمت", "درخواست خدمت", "تولید خدمت", "ارائه خدمت"];

    /// <summary>The card's e-readiness level (0–4) and every reason it is not higher.</summary>
    public static MaturityLevel Of(CardContent content)
    {
        var stages = content.Stages.All().ToList();
        var gaps = new List<MaturityGap>();

        for (var i = 0; i < stages.Count; i++)
        {
            var (key, stage) = stages[i];
            if (!stage.Electronic)
            {
                var text = stage.InPerson
                    ? $"{StageTitles[i]} الکترونیکی نیست و مراجعه حضوری لازم دارد ({Why(stage)})."
                    : $"{StageTitles[i]} الکترونیکی نیست.";
                gaps.Add(new MaturityGap(key, MaturityGapKind.StageNotElectronic, stage.InPersonReasons.ToList(), null, text));
            }
            else if (stage.InPerson)
            {
                gaps.Add(new MaturityGap(key, MaturityGapKind.StageInPerson, stage.InPersonReasons.ToList(), null,
                    $"{StageTitles[i]} الکترونیکی است اما مراجعه حضوری هم لازم دارد ({Why(stage)})."));
            }

            // inquiries to other agencies belong to production (the form: «فرایند داخل دستگاه یا ارتباط با دیگر دستگاه ها»)
            if (key == "production")
            {
                foreach (var link in content.ExternalAgencyLinks.Where(l => l.Inquiry == InquiryMode.NonElectronic))
                {
                    var agency = string.IsNullOrWhiteSpace(link.Agency) ? "دستگاه دیگر" : $"«{link.Agency.Trim()}»";
                    var by = link.NonElectronicBy switch
                    {
                        NonElectronicBy.Applicant => "؛ مراجعه‌کننده خودش آن را می‌برد و می‌آورد",
                        NonElectronicBy.Agency => "؛ دستگاه آن را انجام می‌دهد",
                        _ => "",
                    };
                    gaps.Add(new MaturityGap(key, MaturityGapKind.NonElectronicInquiry, [], link.Agency?.Trim(),
                        $"استعلام از {agency} الکترونیکی نیست{by}."));
                }
            }
        }

        if (content.InPersonVisits.Count is > 0 and var count)
        {
            gaps.Add(new MaturityGap(null, MaturityGapKind.InPersonVisits, [], null,
                $"خدمت {PersianText.ToPersianDigits(count.ToString(CultureInfo.InvariantCulture))} بار مراجعه حضوری دارد."));
        }
        else if (content.InPersonVisits.Count is null && !string.IsNullOrWhiteSpace(content.InPersonVisits.Text))
        {
            gaps.Add(new MaturityGap(null, MaturityGapKind.InPersonVisits, [], null,
                $"مراجعه حضوری: «{content.InPersonVisits.Text.Trim()}»."));
        }

        return new MaturityLevel(LevelOf(stages.Select(s => s.Stage).ToList(), gaps), gaps);
    }

    private static int LevelOf(List<Stage> stages, List<MaturityGap> gaps)
    {
        var level = 0;
        while (level < 3 && stages[level].Electronic)
        {
            level++;
        }

        if (level == 3 && gaps.Any(g => g.Kind == MaturityGapKind.NonElectronicInquiry))
        {
            level = 2;
        }

        if (level == 3 && stages[3].Electronic && gaps.Count == 0)
        {
            level = 4;
        }

        return level;
    }

    /// <summary>Why people come in person to a stage, in the form's words.</summary>
    private static string Why(Stage stage)
    {
        var reasons = stage.InPersonReasons
            .Select(r => r == InPersonReason.Other && !string.IsNullOrWhiteSpace(stage.InPersonReasonOther) ? stage.InPersonReasonOther.Trim() : Labels.Of(r))
            .ToList();
        if (reasons.Count == 0 && !string.IsNullOrWhiteSpace(stage.InPersonReasonOther))
        {
            reasons.Add(stage.InPersonReasonOther.Trim());
        }

        return reasons.Count == 0 ? "ضرورت آن ذکر نشده" : string.Join("، ", reasons);
    }
}

public static class MaturityExtensions
{
    /// <summary>The card's e-readiness level; see <see cref="Maturity.Of"/>.</summary>
    public static MaturityLevel Maturity(this CardContent content) => Cards.Maturity.Of(content);

    /// <summary>Free when the form says so or no fee amount above zero is given.</summary>
    public static bool IsFree(this CardContent content) => content.Fees.Free || !content.Fees.AmountsRials.Any(a => a > 0);
}
