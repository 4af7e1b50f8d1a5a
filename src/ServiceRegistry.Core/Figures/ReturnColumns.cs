using System.Globalization;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Figures;

/// <summary>How a column of the quarterly grid and workbook is typed: a whole number, a decimal (days), or a percentage (shown 0–100, stored 0–1).</summary>
public enum ColumnKind
{
    Count,
    Days,
    Percent,
}

/// <summary>One column of a return as people enter it (the grid and the workbook): the spec's key, its Persian header, its kind.</summary>
public sealed record ReturnColumn(string Key, string Header, ColumnKind Kind);

/// <summary>
/// The return's columns in one table, read by the quarterly grid and the workbook alike: figures to cells and cells to
/// figures, any digits accepted (Persian, Arabic-Indic, Latin; ٬ or , separators), Persian messages naming the column.
/// </summary>
public static class ReturnColumns
{
    public static readonly IReadOnlyList<ReturnColumn> All =
    [
        new("requests.website", "درخواست اینترنتی", ColumnKind.Count),
        new("requests.mobileApp", "درخواست تلفن همراه", ColumnKind.Count),
        new("requests.email", "درخواست پست الکترونیک", ColumnKind.Count),
        new("requests.sms", "درخواست پیام کوتاه", ColumnKind.Count),
        new("requests.callCenter", "درخواست مرکز تماس", ColumnKind.Count),
        new("requests.counterOffice", "درخواست دفاتر پیشخوان", ColumnKind.Count),
        new("requests.post", "درخواست پستی", ColumnKind.Count),
        new("requests.other", "درخواست سایر مجراها", ColumnKind.Count),
        new("requests.inPerson", "درخواست حضوری", ColumnKind.Count),
        new("completed", "انجام‌شده", ColumnKind.Count),
        new("rejected", "ردشده", ColumnKind.Count),
        new("processingDays.average", "میانگین مدت (روز)", ColumnKind.Days),
        new("processingDays.p90", "صدک ۹۰ مدت (روز)", ColumnKind.Days),
        new("inPersonVisits", "مراجعات حضوری", ColumnKind.Count),
        new("inquiries.online", "استعلام برخط", ColumnKind.Count),
        new("inquiries.byHand", "استعلام دستی", ColumnKind.Count),
        new("feesCollectedRials", "هزینه دریافتی (ریال)", ColumnKind.Count),
        new("satisfaction.satisfiedShare", "درصد راضیان", ColumnKind.Percent),
        new("satisfaction.answers", "تعداد پاسخ رضایت", ColumnKind.Count),
        new("complaints", "شکایات", ColumnKind.Count),
    ];

    /// <summary>The figures as cell values in the order of <see cref="All"/> (Latin digits; empty for unknown).</summary>
    public static IReadOnlyList<string> ToCells(QuarterFigures f)
    {
        string C(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
        string D(double? v) => v?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
        var r = f.Requests;
        return
        [
            C(r.Website), C(r.MobileApp), C(r.Email), C(r.Sms), C(r.CallCenter), C(r.CounterOffice), C(r.Post), C(r.Other), C(r.InPerson),
            C(f.Completed), C(f.Rejected), D(f.ProcessingDays.Average), D(f.ProcessingDays.P90), C(f.InPersonVisits),
            C(f.Inquiries.Online), C(f.Inquiries.ByHand), C(f.FeesCollectedRials), D(f.Satisfaction.SatisfiedShare * 100), C(f.Satisfaction.Answers), C(f.Complaints),
        ];
    }

    /// <summary>Reads cells in the order of <see cref="All"/> (missing trailing cells are empty). Unreadable cells are reported
    /// by column index with a Persian message; then the figures' own rules (<see cref="QuarterFigures.Problems"/>) are the caller's.</summary>
    public static QuarterFigures FromCells(IReadOnlyList<string?> cells, List<(int Column, string Message)> errors)
    {
        var counts = new long?[All.Count];
        var numbers = new double?[All.Count];
        for (var i = 0; i < All.Count; i++)
        {
            var text = i < cells.Count ? cells[i]?.Trim() : null;
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            var column = All[i];
            if (column.Kind == ColumnKind.Count)
            {
                if (PersianText.TryParseInteger(text, out var value))
                {
                    counts[i] = value;
                }
                else
                {
                    errors.Add((i, $"«{column.Header}»: «{text}» عدد صحیح نامنفی نیست."));
                }

                continue;
            }

            var latin = PersianText.ToLatinDigits(text).Replace("%", "", StringComparison.Ordinal).Replace("٪", "", StringComparison.Ordinal).Replace("/", ".", StringComparison.Ordinal).Trim();
            if (double.TryParse(latin, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                numbers[i] = column.Kind == ColumnKind.Percent ? number / 100 : number;
            }
            else
            {
                errors.Add((i, $"«{column.Header}»: «{text}» عدد نیست."));
            }
        }

        return new QuarterFigures
        {
            Requests = ChannelRequests.From(counts[..9]),
            Completed = counts[9],
            Rejected = counts[10],
            ProcessingDays = new ProcessingDays { Average = numbers[11], P90 = numbers[12] },
            InPersonVisits = counts[13],
            Inquiries = new InquiryCounts { Online = counts[14], ByHand = counts[15] },
            FeesCollectedRials = counts[16],
            Satisfaction = new Satisfaction { SatisfiedShare = numbers[17], Answers = counts[18] },
            Complaints = counts[19],
        };
    }

    /// <summary>The Persian header of a figure's JSON path (<c>$.requests.website</c>), for messages.</summary>
    public static string HeaderOf(string path) =>
        All.FirstOrDefault(c => "$." + c.Key == path)?.Header ?? path;
}
