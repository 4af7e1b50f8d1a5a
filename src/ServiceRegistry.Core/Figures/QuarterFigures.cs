using System.ComponentModel.DataAnnotations;

namespace ServiceRegistry.Core.Figures;

/// <summary>Requests received in a quarter per channel (the card's channel codes) and in person. Null is unknown, never zero.</summary>
public sealed record ChannelRequests
{
    [Display(Name = "اینترنتی")] public long? Website { get; init; }
    [Display(Name = "تلفن همراه")] public long? MobileApp { get; init; }
    [Display(Name = "پست الکترونیک")] public long? Email { get; init; }
    [Display(Name = "پیام کوتاه")] public long? Sms { get; init; }
    [Display(Name = "مرکز تماس")] public long? CallCenter { get; init; }
    [Display(Name = "دفاتر پیشخوان")] public long? CounterOffice { get; init; }
    [Display(Name = "ارسال پستی")] public long? Post { get; init; }
    [Display(Name = "سایر")] public long? Other { get; init; }
    [Display(Name = "حضوری")] public long? InPerson { get; init; }

    /// <summary>The channels in the spec's order, with their keys (for grids, sheets and checks).</summary>
    public IReadOnlyList<(string Key, long? Value)> All() =>
    [
        ("website", Website), ("mobileApp", MobileApp), ("email", Email), ("sms", Sms), ("callCenter", CallCenter),
        ("counterOffice", CounterOffice), ("post", Post), ("other", Other), ("inPerson", InPerson),
    ];

    /// <summary>The keys of <see cref="All"/>, in order.</summary>
    public static readonly IReadOnlyList<string> Keys = ["website", "mobileApp", "email", "sms", "callCenter", "counterOffice", "post", "other", "inPerson"];

    /// <summary>Builds the requests from values in the order of <see cref="Keys"/>.</summary>
    public static ChannelRequests From(IReadOnlyList<long?> values) => new()
    {
        Website = values[0], MobileApp = values[1], Email = values[2], Sms = values[3], CallCenter = values[4],
        CounterOffice = values[5], Post = values[6], Other = values[7], InPerson = values[8],
    };

    public bool IsEmpty => All().All(c => c.Value is null);
}

/// <summary>Real processing time in days: the average and the 90th percentile.</summary>
public sealed record ProcessingDays
{
    public double? Average { get; init; }
    public double? P90 { get; init; }
}

/// <summary>Inquiries made to other agencies: answered online, and by hand (a letter or a visit).</summary>
public sealed record InquiryCounts
{
    public long? Online { get; init; }
    public long? ByHand { get; init; }
}

/// <summary>Satisfaction: the share of answers that were satisfied (0–1) and how many answers there were.</summary>
public sealed record Satisfaction
{
    public double? SatisfiedShare { get; init; }
    public long? Answers { get; init; }
}

/// <summary>
/// What an agency reports for one service and quarter (shared/spec/templates-and-figures.md, «آمار عملکرد فصلی»). Every
/// figure is optional: null is unknown, never zero. The API, the grid, the workbook and the stored versions all carry this.
/// </summary>
public sealed record QuarterFigures
{
    public ChannelRequests Requests { get; init; } = new();
    public long? Completed { get; init; }
    public long? Rejected { get; init; }
    public ProcessingDays ProcessingDays { get; init; } = new();
    public long? InPersonVisits { get; init; }
    public InquiryCounts Inquiries { get; init; } = new();
    public long? FeesCollectedRials { get; init; }
    public Satisfaction Satisfaction { get; init; } = new();
    public long? Complaints { get; init; }

    /// <summary>All requests when every channel is known; otherwise null (see <see cref="KnownRequests"/>).</summary>
    public long? TotalRequests => Requests.All().Any(c => c.Value is null) ? null : KnownRequests;

    /// <summary>The sum of the channels that are known (a lower bound on all requests).</summary>
    public long KnownRequests => Requests.All().Sum(c => c.Value ?? 0);

    /// <summary>Whether nothing at all is reported.</summary>
    public bool IsEmpty => Requests.IsEmpty && Completed is null && Rejected is null && ProcessingDays.Average is null && ProcessingDays.P90 is null
        && InPersonVisits is null && Inquiries.Online is null && Inquiries.ByHand is null && FeesCollectedRials is null
        && Satisfaction.SatisfiedShare is null && Satisfaction.Answers is null && Complaints is null;

    /// <summary>
    /// What is wrong with the figures: JSON path (the spec's keys) and a Persian message. Counts and money are not
    /// negative; the satisfied share is between 0 and 1; the 90th percentile is not below the average; completed and
    /// rejected together are not more than the requests received (checked against the channels that are reported).
    /// </summary>
    public IReadOnlyList<(string Path, string Message)> Problems()
    {
        var problems = new List<(string, string)>();
        foreach (var (key, value) in Requests.All())
        {
            NotNegative(problems, $"$.requests.{key}", value);
        }

        NotNegative(problems, "$.completed", Completed);
        NotNegative(problems, "$.rejected", Rejected);
        NotNegative(problems, "$.inPersonVisits", InPersonVisits);
        NotNegative(problems, "$.inquiries.online", Inquiries.Online);
        NotNegative(problems, "$.inquiries.byHand", Inquiries.ByHand);
        NotNegative(problems, "$.feesCollectedRials", FeesCollectedRials);
        NotNegative(problems, "$.satisfaction.answers", Satisfaction.Answers);
        NotNegative(problems, "$.complaints", Complaints);
        if (ProcessingDays.Average is < 0 || ProcessingDays.Average is double.NaN)
        {
            problems.Add(("$.processingDays.average", "مدت انجام نمی‌تواند منفی باشد."));
        }

        if (ProcessingDays.P90 is < 0 || ProcessingDays.P90 is double.NaN)
        {
            problems.Add(("$.processingDays.p90", "مدت انجام نمی‌تواند منفی باشد."));
        }
        else if (ProcessingDays is { Average: { } avg, P90: { } p90 } && p90 < avg)
        {
            problems.Add(("$.processingDays.p90", "صدک نود مدت انجام نمی‌تواند کمتر از میانگین باشد."));
        }

        if (Satisfaction.SatisfiedShare is { } share && (share is < 0 or > 1 || double.IsNaN(share)))
        {
            problems.Add(("$.satisfaction.satisfiedShare", "سهم راضیان عددی میان ۰ و ۱ است (مثلاً ۰٫۸ برای ۸۰ درصد)."));
        }

        if (Satisfaction.SatisfiedShare is not null && Satisfaction.Answers is 0)
        {
            problems.Add(("$.satisfaction.answers", "سهم راضیان بدون هیچ پاسخی معنا ندارد."));
        }

        var decided = (Completed ?? 0) + (Rejected ?? 0);
        if ((Completed is not null || Rejected is not null) && TotalRequests is { } total && decided > total)
        {
            problems.Add(("$.completed", $"درخواست‌های انجام‌شده و ردشده ({Text.PersianText.FormatNumber(decided)}) بیش از جمع درخواست‌های مجراها ({Text.PersianText.FormatNumber(total)}) است."));
        }

        return problems;
    }

    private static void NotNegative(List<(string, string)> problems, string path, long? value)
    {
        if (value is < 0)
        {
            problems.Add((path, "عدد منفی پذیرفته نیست."));
        }
    }
}
