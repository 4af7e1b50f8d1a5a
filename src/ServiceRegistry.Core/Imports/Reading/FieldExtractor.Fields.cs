using System.Text.RegularExpressions;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Imports;

internal sealed partial class FieldExtractor
{
    // ---- tick-box fields ------------------------------------------------------------------------------

    private void ReadEnums()
    {
        _card.ServiceTypes = Selected<ServiceType>(Anchor.ServiceTypes, FormVocabulary.ServiceTypes, "serviceTypes", out _);
        var natures = Selected<Nature>(Anchor.Nature, FormVocabulary.Natures, "nature", out _);
        _card.Nature = natures.Count > 0 ? natures[0] : null;
        _card.Levels = Selected<ServiceLevel>(Anchor.Levels, FormVocabulary.Levels, "levels", out _);
        _card.LifeEvents = Selected<LifeEvent>(Anchor.LifeEvents, FormVocabulary.LifeEventsWithOther, "lifeEvents", out var lifeOther);
        if (lifeOther is { } lo)
        {
            _card.LifeEvents.Add(LifeEvent.Other);
            _card.LifeEventOther = lo.Text;
            Source("lifeEventOther", lo.At, lo.Text ?? "", lo.Confidence);
        }

        _card.Triggers = Selected<Trigger>(Anchor.Triggers, FormVocabulary.TriggersWithOther, "triggers", out var triggerOther);
        if (triggerOther is { } to)
        {
            _card.Triggers.Add(Trigger.Other);
            _card.TriggerOther = to.Text;
            Source("triggerOther", to.At, to.Text ?? "", to.Confidence);
        }
    }

    private sealed record OtherText(string? Text, Piece At, Confidence Confidence);

    /// <summary>The ticked options of every occurrence of a field's label, in the enum's order.</summary>
    private List<T> Selected<T>(Anchor anchor, OptionSet set, string path, out OtherText? other) where T : struct, Enum
    {
        other = null;
        var selected = new List<OptionHit>();
        foreach (var a in AnchorsOf(anchor).ToList())
        {
            var reversed = IsReversedLine(_p[a].Line) && !RegionPieces(a).Any(p => p.Line == _p[a].Line);
            var hits = reversed ? [] : ReadOptions(RegionPieces(a), set);
            var backward = false;
            if (hits.Count == 0)
            {
                hits = ReadOptions(BackwardPieces(a), set);
                backward = true;
            }

            foreach (var hit in hits.Where(h => h.Checked == true))
            {
                selected.Add(hit with { Weak = hit.Weak || backward });
            }
        }

        if (selected.Count == 0)
        {
            return [];
        }

        var values = new List<T>();
        foreach (var hit in selected)
        {
            if (hit.Label.IsOther)
            {
                if (other is null || (other.Text is null && hit.Trailing is { Length: > 0 }))
                {
                    other = new OtherText(string.IsNullOrEmpty(hit.Trailing) ? null : hit.Trailing, hit.Piece, Sure(hit));
                }

                continue;
            }

            var value = (T)Enum.ToObject(typeof(T), hit.Label.Code);
            if (!values.Contains(value))
            {
                values.Add(value);
            }
        }

        values.Sort();
        var confidence = selected.All(h => Sure(h) == Confidence.Sure) ? Confidence.Sure : Confidence.Unsure;
        if (values.Count > 0 || other is not null)
        {
            Source(path, selected[0].Piece, string.Join("، ", selected.Select(h => h.Label.IsOther ? "سایر" : Labels.Of((Enum)Enum.ToObject(typeof(T), h.Label.Code)))), confidence);
        }

        return values;
    }

    private static Confidence Sure(OptionHit hit) => hit.Weak || hit.Fuzzy ? Confidence.Unsure : Confidence.Sure;

    /// <summary>Free pieces before an anchor on its line, back to the previous label.</summary>
    private List<Piece> BackwardPieces(int anchor)
    {
        var list = new List<Piece>();
        var line = _p[anchor].Line;
        for (var i = anchor - 1; i >= 0 && _p[i].Line == line && !_p[i].IsBoundary; i--)
        {
            if (Free(_p[i]) && !_p[i].IsAnchor)
            {
                list.Insert(0, _p[i]);
            }
        }

        return list;
    }

    // ---- recipients and frequency ---------------------------------------------------------------------

    private void ReadRecipients()
    {
        foreach (var a in AnchorsOf(Anchor.RecipientsPeriod).ToList())
        {
            if (_card.Recipients.Count is null && NumberBefore(a) is { } n)
            {
                _card.Recipients.Count = (long)n.Value;
                Source("recipients.count", _p[a], n.Text, n.Confidence);
            }

            var period = ReadOptions(RegionPieces(a), FormVocabulary.Periods).FirstOrDefault(h => h.Checked == true);
            if (period is not null && _card.Recipients.Period is null)
            {
                _card.Recipients.Period = (Period)period.Label.Code;
                Source("recipients.period", period.Piece, Labels.Of(_card.Recipients.Period), Sure(period));
            }
        }

        foreach (var a in AnchorsOf(Anchor.Recipients).ToList())
        {
            var pieces = IsReversedLine(_p[a].Line) ? BackwardPieces(a) : RegionPieces(a);
            if (pieces.Count == 0)
            {
                pieces = BackwardPieces(a);
            }

            // "۶۰ دستگاه اجرایی در: ☐ ماه ☐ فصل ☑ سال": a count, what is counted, then the period.
            var firstText = pieces.FirstOrDefault(p => p.IsText || (p.IsMark && p.Weak));
            if (firstText is not null && _card.Recipients.Count is null && PersianNumbers.FindFirst(Text(firstText)) is { } found)
            {
                var text = Text(firstText);
                _card.Recipients.Count = (long)found.Value;
                Source("recipients.count", firstText, text, found.InWords ? Confidence.Unsure : Confidence.Sure);
                var unit = text[found.End..];
                var prose = ProsePeriod().Match(unit);
                var dar = DarColon().Match(unit);
                if (prose.Success)
                {
                    // Written out: "۴۰ نفر در سال".
                    unit = prose.Groups["unit"].Value;
                    var written = FormVocabulary.Periods.Index.Scan(FoldedText.Of(prose.Groups["period"].Value)).FirstOrDefault().Item;
                    if (written is not null && _card.Recipients.Period is null)
                    {
                        _card.Recipients.Period = (Period)written.Code;
                        Source("recipients.period", firstText, prose.Value, Confidence.Sure);
                    }
                }
                else if (dar.Success)
                {
                    unit = unit[..dar.Index];
                }

                unit = CleanValue(unit);
                var unitKey = FoldedText.Key(unit);
                if (unit.Length > 0 && unitKey is not ("نفر" or "خدمتگیرنده" or "خدمتگیرندگان" or "مورد" or "نفردر"))
                {
                    _card.Recipients.Unit = unit;
                    Source("recipients.unit", firstText, unit, Confidence.Unsure);
                }

                Leave(firstText, text[..found.Start]);
            }

            var period = ReadOptions(pieces, FormVocabulary.Periods).FirstOrDefault(h => h.Checked == true);
            if (period is not null && _card.Recipients.Period is null)
            {
                _card.Recipients.Period = (Period)period.Label.Code;
                Source("recipients.period", period.Piece, Labels.Of(_card.Recipients.Period), Sure(period));
            }
        }
    }

    private sealed record NumberText(decimal Value, string Text, Confidence Confidence);

    /// <summary>The number written just before a label ("۱۲ بار در", "۸۰ خدمت گیرندگان در"), taken from its piece.</summary>
    private NumberText? NumberBefore(int anchor)
    {
        var line = _p[anchor].Line;
        for (var i = anchor - 1; i >= 0 && _p[i].Line == line; i--)
        {
            var p = _p[i];
            if (p.IsMark && !p.Weak)
            {
                continue;
            }

            if (!Free(p) || p.IsBoundary)
            {
                return null;
            }

            if (p.IsAnchor)
            {
                continue;
            }

            var text = Text(p);
            if (PersianNumbers.FindLast(text) is not { } n)
            {
                return null;
            }

            Leave(p, text[..n.Start]);
            return new NumberText(n.Value, text[n.Start..n.End], n.InWords ? Confidence.Unsure : Confidence.Sure);
        }

        return null;
    }

    private void ReadFrequency()
    {
        foreach (var a in AnchorsOf(Anchor.FrequencyPeriod).ToList())
        {
            if (_card.Frequency.Times is null && NumberBefore(a) is { } n)
            {
                _card.Frequency.Times = (long)n.Value;
                Source("frequency.times", _p[a], n.Text, n.Confidence);
            }

            var period = ReadOptions(RegionPieces(a), FormVocabulary.Periods).FirstOrDefault(h => h.Checked == true);
            if (period is not null && _card.Frequency.Period is null)
            {
                _card.Frequency.Period = (Period)period.Label.Code;
                Source("frequency.period", period.Piece, Labels.Of(_card.Frequency.Period), Sure(period));
            }
        }

        foreach (var a in AnchorsOf(Anchor.Frequency).ToList())
        {
            var pieces = IsReversedLine(_p[a].Line) ? BackwardPieces(a) : RegionPieces(a);
            var once = ReadOptions(pieces, FormVocabulary.OnceForever).FirstOrDefault();
            if (once is not null)
            {
                _card.Frequency.OnceForever = once.Checked == true;
                Source("frequency.onceForever", once.Piece, once.Checked == true ? "بله" : "خیر", Sure(once));
            }

            var period = ReadOptions(pieces.Where(Free).ToList(), FormVocabulary.Periods).FirstOrDefault(h => h.Checked == true);
            if (period is not null && _card.Frequency.Period is null)
            {
                _card.Frequency.Period = (Period)period.Label.Code;
                Source("frequency.period", period.Piece, Labels.Of(_card.Frequency.Period), Sure(period));
            }

            var rest = pieces.Where(Free).Where(p => p.IsText && !IsNoise(Text(p))).ToList();
            var text = CleanValue(string.Join(" ", rest.Select(Text)));
            text = CleanValue(LooseDar().Replace(text, " "));
            if (text.Length > 0 && rest.Count > 0 && rest[0].Line == _p[a].Line)
            {
                if (_card.Frequency.Times is null && PersianNumbers.TryParse(text, out var times))
                {
                    _card.Frequency.Times = (long)times;
                }
                else
                {
                    _card.Frequency.Text = text;
                }

                Source("frequency.text", rest[0], text, Confidence.Unsure);
                rest.ForEach(Take);
            }
        }
    }

    [GeneratedRegex(@"^(?<unit>.*?)\s*(?<!\S)در\s*:?\s*(?<period>روز|ماه|فصل|سال)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ProsePeriod();

    [GeneratedRegex(@"\s+در\s*:?\s*$|\s+در\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex DarColon();

    [GeneratedRegex(@"(?<!\S)در\s*:|(?<!\S)در\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex LooseDar();
}
