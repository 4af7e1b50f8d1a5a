using System.Text.RegularExpressions;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// The twin fields "how many, per period": recipients («۶۰ دستگاه اجرایی در: ☐ ماه ☐ فصل ☑ سال», a count, what is
/// counted, then the period) and frequency («۱۲ بار در ☑ سال», «☐ یکبار برای همیشه»). Both are a number written
/// before or after the label and a period ticked or written after it; each twin adds one thing of its own
/// (what is counted; once for ever and words instead of a number).
/// </summary>
internal sealed partial class CountPerPeriodReader(CountPerPeriodReader.Field field)
{
    /// <summary>One count-per-period field of the card: its labels, its paths and how to set its parts.</summary>
    internal sealed record Field(
        Anchor Anchor,
        Anchor PeriodAnchor,
        string CountPath,
        string PeriodPath,
        Func<CardContent, long?> Count,
        Action<CardContent, long> SetCount,
        Func<CardContent, Period?> Period,
        Action<CardContent, Period> SetPeriod)
    {
        /// <summary>What is counted ("دستگاه اجرایی"), written after the number.</summary>
        public Action<CardContent, string>? SetUnit { get; init; }

        /// <summary>The «یکبار برای همیشه» box.</summary>
        public Action<CardContent, bool>? SetOnceForever { get; init; }

        /// <summary>Words written where the number goes ("بنا به نیاز").</summary>
        public Action<CardContent, string>? SetText { get; init; }
    }

    public static CountPerPeriodReader Recipients { get; } = new(new Field(
        Anchor.Recipients, Anchor.RecipientsPeriod, "recipients.count", "recipients.period",
        c => c.Recipients.Count, (c, n) => c.Recipients.Count = n, c => c.Recipients.Period, (c, p) => c.Recipients.Period = p)
    {
        SetUnit = (c, unit) => c.Recipients.Unit = unit,
    });

    public static CountPerPeriodReader Frequency { get; } = new(new Field(
        Anchor.Frequency, Anchor.FrequencyPeriod, "frequency.times", "frequency.period",
        c => c.Frequency.Times, (c, n) => c.Frequency.Times = n, c => c.Frequency.Period, (c, p) => c.Frequency.Period = p)
    {
        SetOnceForever = (c, once) => c.Frequency.OnceForever = once,
        SetText = (c, text) => c.Frequency.Text = text,
    });

    public void Read(FormCursor cursor)
    {
        var card = cursor.Card;

        // "۱۲ بار در ☑ سال": the number before the period's label, the period ticked after it.
        foreach (var a in cursor.AnchorsOf(field.PeriodAnchor).ToList())
        {
            if (field.Count(card) is null && cursor.NumberBefore(a) is { } n)
            {
                field.SetCount(card, (long)n.Value);
                cursor.Source(field.CountPath, cursor[a], n.Text, n.Confidence);
            }

            ReadPeriod(cursor, cursor.RegionPieces(a));
        }

        foreach (var a in cursor.AnchorsOf(field.Anchor).ToList())
        {
            var pieces = cursor.IsReversedLine(cursor[a].Line) ? cursor.BackwardPieces(a) : cursor.RegionPieces(a);
            if (pieces.Count == 0)
            {
                pieces = cursor.BackwardPieces(a);
            }

            if (field.SetOnceForever is { } setOnce && OptionReader.Read(cursor, pieces, FormVocabulary.OnceForever).FirstOrDefault() is { } once)
            {
                setOnce(card, once.Checked == true);
                cursor.Source("frequency.onceForever", once.Piece, once.Checked == true ? "بله" : "خیر", once.Confidence);
            }

            if (field.SetUnit is { } setUnit)
            {
                ReadCountAndUnit(cursor, pieces, setUnit);
            }

            ReadPeriod(cursor, pieces.Where(FormCursor.Free).ToList());
            if (field.SetText is { } setText)
            {
                ReadWords(cursor, a, pieces, setText);
            }
        }
    }

    private void ReadPeriod(FormCursor cursor, List<Piece> pieces)
    {
        var period = OptionReader.Read(cursor, pieces, FormVocabulary.Periods).FirstOrDefault(h => h.Checked == true);
        if (period is not null && field.Period(cursor.Card) is null)
        {
            field.SetPeriod(cursor.Card, (Period)period.Label.Code);
            cursor.Source(field.PeriodPath, period.Piece, Labels.Of((Period)period.Label.Code), period.Confidence);
        }
    }

    /// <summary>"۶۰ دستگاه اجرایی در:" or "۴۰ نفر در سال": the count, what is counted, and a period in words.</summary>
    private void ReadCountAndUnit(FormCursor cursor, List<Piece> pieces, Action<CardContent, string> setUnit)
    {
        var card = cursor.Card;
        var firstText = pieces.FirstOrDefault(p => p.IsText || (p.IsMark && p.Weak));
        if (firstText is null || field.Count(card) is not null || PersianNumbers.FindFirst(cursor.Text(firstText)) is not { } found)
        {
            return;
        }

        var text = cursor.Text(firstText);
        field.SetCount(card, (long)found.Value);
        cursor.Source(field.CountPath, firstText, text, found.InWords ? Confidence.Unsure : Confidence.Sure);
        var unit = text[found.End..];
        var prose = ProsePeriod().Match(unit);
        var dar = DarColon().Match(unit);
        if (prose.Success)
        {
            // Written out: "۴۰ نفر در سال".
            unit = prose.Groups["unit"].Value;
            var written = FormVocabulary.Periods.Index.Scan(FoldedText.Of(prose.Groups["period"].Value)).FirstOrDefault().Item;
            if (written is not null && field.Period(card) is null)
            {
                field.SetPeriod(card, (Period)written.Code);
                cursor.Source(field.PeriodPath, firstText, prose.Value, Confidence.Sure);
            }
        }
        else if (dar.Success)
        {
            unit = unit[..dar.Index];
        }

        unit = ValueText.Clean(unit);
        var unitKey = FoldedText.Key(unit);
        if (unit.Length > 0 && unitKey is not ("نفر" or "خدمتگیرنده" or "خدمتگیرندگان" or "مورد" or "نفردر"))
        {
            setUnit(card, unit);
            cursor.Source("recipients.unit", firstText, unit, Confidence.Unsure);
        }

        cursor.Leave(firstText, text[..found.Start]);
    }

    /// <summary>What is left after the label on its line: a number, or words ("بنا به نیاز").</summary>
    private void ReadWords(FormCursor cursor, int anchor, List<Piece> pieces, Action<CardContent, string> setText)
    {
        var rest = pieces.Where(FormCursor.Free).Where(p => (p.IsText || (p.IsMark && p.Weak)) && !ValueText.IsNoise(cursor.Text(p))).ToList();
        var text = ValueText.Clean(string.Join(" ", rest.Select(cursor.Text)));
        text = ValueText.Clean(LooseDar().Replace(text, " "));
        if (text.Length == 0 || rest.Count == 0 || rest[0].Line != cursor[anchor].Line)
        {
            return;
        }

        if (field.Count(cursor.Card) is null && PersianNumbers.TryParse(text, out var times))
        {
            field.SetCount(cursor.Card, (long)times);
        }
        else
        {
            setText(cursor.Card, text);
        }

        cursor.Source("frequency.text", rest[0], text, Confidence.Unsure);
        rest.ForEach(cursor.Take);
    }

    [GeneratedRegex(@"^(?<unit>.*?)\s*(?<!\S)در\s*:?\s*(?<period>روز|ماه|فصل|سال)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ProsePeriod();

    [GeneratedRegex(@"\s+در\s*:?\s*$|\s+در\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex DarColon();

    [GeneratedRegex(@"(?<!\S)در\s*:|(?<!\S)در\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex LooseDar();
}
