namespace ServiceRegistry.Core.Cards;

/// <summary>
/// How far a service is from being fully electronic (e-readiness, issue 7): 0 nothing electronic; 1 informing
/// is electronic; 2 the request too; 3 production too; 4 all four stages electronic and no in-person visit.
/// <see cref="Reasons"/> says, in Persian, what keeps the card from the next level.
/// </summary>
public sealed record MaturityLevel(int Level, IReadOnlyList<string> Reasons)
{
    public const int Max = 4;

    /// <summary>The Persian label of a level, for facets and reports.</summary>
    public static string Label(int level) => level switch
    {
        0 => "سطح ۰: غیرالکترونیکی",
        1 => "سطح ۱: اطلاع‌رسانی الکترونیکی",
        2 => "سطح ۲: درخواست الکترونیکی",
        3 => "سطح ۳: تولید الکترونیکی",
        4 => "سطح ۴: تمام‌الکترونیکی",
        _ => level.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public static class Maturity
{
    private static readonly string[] StageNames = ["اطلاع‌رسانی", "درخواست", "تولید", "ارائه"];

    /// <summary>The card's e-readiness level (0–4) and the reasons it is not higher.</summary>
    public static MaturityLevel Of(CardContent content)
    {
        var stages = new[] { content.Stages.Informing, content.Stages.Request, content.Stages.Production, content.Stages.Delivery };
        var reasons = new List<string>();
        var level = 0;
        while (level < stages.Length && stages[level].Electronic)
        {
            level++;
        }

        if (level < stages.Length)
        {
            reasons.Add($"مرحله {StageNames[level]} الکترونیکی نیست.");
        }

        if (level == stages.Length)
        {
            var inPersonStages = stages.Select((s, i) => (s, i)).Where(x => x.s.InPerson).Select(x => StageNames[x.i]).ToList();
            var visits = content.InPersonVisits.Count is > 0;
            if (inPersonStages.Count > 0)
            {
                reasons.Add($"در مرحله {string.Join("، ", inPersonStages)} مراجعه حضوری لازم است.");
            }

            if (visits)
            {
                reasons.Add($"خدمت {content.InPersonVisits.Count} بار مراجعه حضوری دارد.");
            }

            if (inPersonStages.Count > 0 || visits)
            {
                level = 3;
            }
        }

        return new MaturityLevel(level, reasons);
    }
}

public static class MaturityExtensions
{
    /// <summary>The card's e-readiness level; see <see cref="Maturity.Of"/>.</summary>
    public static MaturityLevel Maturity(this CardContent content) => Cards.Maturity.Of(content);

    /// <summary>Free when the form says so or no fee amount above zero is given.</summary>
    public static bool IsFree(this CardContent content) => content.Fees.Free || !content.Fees.AmountsRials.Any(a => a > 0);
}
