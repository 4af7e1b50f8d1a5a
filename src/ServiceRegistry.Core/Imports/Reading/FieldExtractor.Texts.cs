using System.Text;
using System.Text.RegularExpressions;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Imports;

internal sealed partial class FieldExtractor
{
    /// <summary>Where the parts of the form begin, as piece indices (the piece count when absent).</summary>
    private sealed record Zones(int StageStart, int StageEnd, int LinksStart, int LinksEnd, int PermitStart, int DetailsStart, int FillerStart);

    private Zones FindZones()
    {
        var n = _p.Count;
        int First(Func<Piece, bool> match, int from = 0)
        {
            for (var i = from; i < n; i++)
            {
                if (match(_p[i]))
                {
                    return i;
                }
            }

            return n;
        }

        var permit = Math.Min(First(p => p.IsAnchor && p.Anchor is Anchor.Permits or Anchor.PermitInquiries), PermitHeaderStart());
        var stage = First(p => p.IsAnchor && p.Anchor is Anchor.StageHeader or Anchor.StageInforming or Anchor.StageRequest or Anchor.StageProduction or Anchor.StageDelivery);
        // A stage row may print its label last (right to left): the row starts at the line's first piece.
        while (stage < n && stage > 0 && _p[stage - 1].Line == _p[stage].Line && !(_p[stage - 1].IsBoundary && !IsStageAnchor(_p[stage - 1])))
        {
            stage--;
        }

        stage = Math.Min(stage, permit);
        var links = First(p => p.IsAnchor && p.Anchor is Anchor.LinksInternal or Anchor.LinksExternal or Anchor.LinksHeader, stage == n ? 0 : stage);
        links = Math.Min(links, permit);
        var filler = First(p => p.IsAnchor && p.Anchor is Anchor.FillerHeader or Anchor.FillerName or Anchor.FillerPhone or Anchor.FillerEmail);
        var steps = First(p => p.IsAnchor && p.Anchor == Anchor.ProcessSteps, stage == n ? 0 : stage);
        var stageEnd = new[] { links, permit, filler > stage ? filler : n, steps }.Min();
        var linksEnd = new[] { permit, filler > links ? filler : n, n }.Min();
        var details = First(p => p.IsAnchor && p.Anchor is Anchor.Description or Anchor.ServiceTypes or Anchor.Nature or Anchor.Levels);
        return new Zones(stage, stageEnd, links, linksEnd, permit, details, filler);
    }

    private static bool IsStageAnchor(Piece p) =>
        p.IsAnchor && p.Anchor is Anchor.StageHeader or Anchor.StageInforming or Anchor.StageRequest or Anchor.StageProduction or Anchor.StageDelivery;

    // ---- text fields ----------------------------------------------------------------------------------

    private void ReadTexts(Zones zones)
    {
        for (var i = 0; i < _p.Count; i++)
        {
            var piece = _p[i];
            if (!piece.IsAnchor || piece.Used)
            {
                continue;
            }

            switch (piece.Anchor)
            {
                case Anchor.Title:
                    SetText(i, "title", _card.Title, v => _card.Title = v);
                    break;
                case Anchor.ServiceId when _card.ServiceId is null:
                    if (ValueOf(i, multi: false) is { } id)
                    {
                        var sid = ServiceIdOf(id.Text);
                        _card.ServiceId = sid;
                        Source("serviceId", id.At, id.Text, sid is null ? Confidence.Sure : id.Confidence);
                    }

                    break;
                case Anchor.ParentServiceId when _card.ParentServiceId is null:
                    SetText(i, "parentServiceId", null, v => _card.ParentServiceId = PersianText.ToLatinDigits(v));
                    break;
                case Anchor.ProcessTitle:
                    SetText(i, "processTitle", _card.ProcessTitle, v => _card.ProcessTitle = v);
                    break;
                case Anchor.ExecutionMethod:
                    SetText(i, "executionMethod", _card.ExecutionMethod, v => _card.ExecutionMethod = v);
                    break;
                case Anchor.Agency:
                    SetText(i, "provider.agency", _card.Provider.Agency, v => _card.Provider.Agency = v);
                    break;
                case Anchor.ParentAgency:
                    SetText(i, "provider.parentAgency", _card.Provider.ParentAgency, v => _card.Provider.ParentAgency = v);
                    break;
                case Anchor.Unit:
                    if (IsFillerUnit(i, zones))
                    {
                        if (_card.FormFiller.Unit is null)
                        {
                            SetText(i, "formFiller.unit", null, v => _card.FormFiller.Unit = v);
                        }
                    }
                    else if (_card.Provider.Unit is null)
                    {
                        SetText(i, "provider.unit", null, v => _card.Provider.Unit = v);
                    }

                    break;
                case Anchor.Province when _card.Provider.Province is null:
                    SetText(i, "provider.province", null, v => _card.Provider.Province = v);
                    break;
                case Anchor.Description:
                    SetText(i, "description", _card.Description, v => _card.Description = v, multi: true);
                    break;
                case Anchor.Audience:
                    SetText(i, "audience", _card.Audience, v => _card.Audience = v, multi: true);
                    break;
                case Anchor.RequiredDocuments:
                    ReadList(i, "requiredDocuments", _card.RequiredDocuments);
                    break;
                case Anchor.Laws:
                    ReadList(i, "laws", _card.Laws);
                    break;
                case Anchor.Duration when _card.AverageDuration.Text is null:
                    ReadDuration(i);
                    break;
                case Anchor.InPersonVisits when _card.InPersonVisits.Text is null && _card.InPersonVisits.Count is null:
                    ReadVisits(i);
                    break;
                case Anchor.WebAddresses:
                    ReadWeb(i);
                    break;
                case Anchor.SystemName:
                    SetText(i, "systemName", _card.SystemName, v => _card.SystemName = v);
                    break;
                case Anchor.FillerName:
                    SetText(i, "formFiller.name", _card.FormFiller.Name, v => _card.FormFiller.Name = v);
                    break;
                case Anchor.FillerPhone when _card.FormFiller.Phone is null:
                    SetText(i, "formFiller.phone", null, v => _card.FormFiller.Phone = PersianText.ToLatinDigits(v));
                    break;
                case Anchor.FillerEmail when _card.FormFiller.Email is null:
                    SetText(i, "formFiller.email", null, v => _card.FormFiller.Email = v);
                    break;
                default:
                    break;
            }
        }
    }

    private void SetText(int anchor, string path, string? current, Action<string> set, bool multi = false)
    {
        if (ValueOf(anchor, multi) is not { } value)
        {
            return;
        }

        if (!string.IsNullOrEmpty(current))
        {
            // The form repeats the label (the title again above the filler's details): the same value is
            // consumed, a different one stays for a person to see.
            if (FoldedText.Key(current) != FoldedText.Key(value.Text))
            {
                value.Pieces.ForEach(p => p.Used = false);
            }

            return;
        }

        set(value.Text);
        Source(path, value.At, value.Text, value.Confidence);
    }

    /// <summary>"در حال اخذ کد" and the like mean the service has no ID yet.</summary>
    private static string? ServiceIdOf(string text)
    {
        var key = PersianText.Normalize(text);
        if (key.Contains("در حال", StringComparison.Ordinal) || key.Contains("ندارد", StringComparison.Ordinal)
            || key.Contains("اخذ", StringComparison.Ordinal) || key.Contains("تکمیل", StringComparison.Ordinal)
            || !key.Any(char.IsDigit))
        {
            return null;
        }

        return PersianText.ToLatinDigits(text.Trim());
    }

    /// <summary>"واحد مربوط" of the provider at the top, or of the person who filled the form at the end.</summary>
    private bool IsFillerUnit(int anchor, Zones zones)
    {
        if (anchor < zones.DetailsStart)
        {
            return false;
        }

        if (anchor > zones.StageStart && zones.StageStart < _p.Count)
        {
            return true;
        }

        var line = _p[anchor].Line;
        return zones.FillerStart < _p.Count && Math.Abs(_p[zones.FillerStart].Line - line) <= 6;
    }

    private void ReadList(int anchor, string path, List<string> into)
    {
        var region = RegionPieces(anchor);
        var items = new List<string>();
        Piece? at = null;
        var confidence = Confidence.Sure;
        if (region.Any(p => p.IsMark && !p.Weak) && region.Any(p => p.IsText))
        {
            // Each item behind its own (bullet) box.
            var sb = new StringBuilder();
            foreach (var p in region)
            {
                if (p.IsMark && !p.Weak)
                {
                    Flush();
                    Take(p);
                    continue;
                }

                at ??= p;
                sb.Append(Text(p)).Append(' ');
                Take(p);
            }

            Flush();

            void Flush()
            {
                var item = CleanValue(sb.ToString());
                if (item.Length > 0)
                {
                    items.Add(item);
                }

                sb.Clear();
            }
        }
        else if (ValueOf(anchor, multi: true) is { } value)
        {
            at = value.At;
            confidence = value.Confidence;
            foreach (var line in value.Lines)
            {
                items.AddRange(SplitList(line));
            }
        }

        foreach (var item in items.Where(i => !into.Contains(i)))
        {
            into.Add(item);
        }

        if (at is not null && items.Count > 0)
        {
            Source(path, at, string.Join(" | ", items), confidence);
        }
    }

    /// <summary>Splits a list written on one line: at commas and semicolons outside brackets, and at dashes
    /// with a space beside them ("الف - ب", "الف- ب"), and at item numbers ("۱- الف ۲- ب").</summary>
    internal static List<string> SplitList(string text)
    {
        var items = new List<string>();
        var sb = new StringBuilder();
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '(' or '[' or '«')
            {
                depth++;
            }
            else if (c is ')' or ']' or '»')
            {
                depth = Math.Max(0, depth - 1);
            }

            var split = depth == 0 && (c is '،' or ';' or '؛' or '•'
                || (c == ',' && !(i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1])))
                || (c is '-' or '–' && ((i > 0 && char.IsWhiteSpace(text[i - 1])) || (i + 1 < text.Length && char.IsWhiteSpace(text[i + 1])))
                    && !(i > 0 && char.IsDigit(text[i - 1]) && i + 1 < text.Length && char.IsDigit(text[i + 1]))));
            if (split)
            {
                Add();
                continue;
            }

            sb.Append(c);
        }

        Add();
        return items;

        void Add()
        {
            var item = ItemNumber().Replace(sb.ToString(), "");
            item = CleanValue(item);
            if (item.Length > 0)
            {
                items.Add(item);
            }

            sb.Clear();
        }
    }

    private void ReadDuration(int anchor)
    {
        if (ValueOf(anchor, multi: false) is not { } value)
        {
            return;
        }

        _card.AverageDuration.Text = value.Text;
        var confidence = value.Confidence;
        if (PersianNumbers.FindFirst(value.Text) is { } n)
        {
            _card.AverageDuration.Value = n.Value;
            var folded = FoldedText.Of(value.Text[n.End..]);
            var unit = FormVocabulary.DurationUnits.Index.Scan(folded).FirstOrDefault();
            if (unit.Item is not null && unit.Start == 0)
            {
                _card.AverageDuration.Unit = (DurationUnit)unit.Item.Code;
            }
            else
            {
                confidence = Confidence.Unsure;
            }

            confidence = n.InWords ? Confidence.Unsure : confidence;
        }
        else
        {
            confidence = Confidence.Unsure;
        }

        Source("averageDuration", value.At, value.Text, confidence);
    }

    private void ReadVisits(int anchor)
    {
        if (ValueOf(anchor, multi: false) is not { } value)
        {
            return;
        }

        var text = value.Text;
        if (PersianNumbers.TryParse(text, out var only))
        {
            _card.InPersonVisits.Count = (long)only;
            Source("inPersonVisits.count", value.At, text, value.Confidence);
            return;
        }

        _card.InPersonVisits.Text = text;
        if (PersianNumbers.FindFirst(text) is { } n && n.Start == 0)
        {
            _card.InPersonVisits.Count = (long)n.Value;
        }

        Source("inPersonVisits", value.At, text, Confidence.Unsure);
    }

    private void ReadWeb(int anchor)
    {
        var (start, end) = Region(anchor);
        var found = new List<(Piece Piece, string Url)>();
        for (var i = start; i < end; i++)
        {
            var p = _p[i];
            if (!Free(p) || !p.IsText)
            {
                continue;
            }

            var text = Text(p);
            var matches = Url().Matches(text);
            if (matches.Count == 0)
            {
                continue;
            }

            foreach (Match m in matches)
            {
                found.Add((p, m.Value.TrimEnd(UrlEnd)));
            }

            var rest = Url().Replace(text, " ");
            rest = Conjunction().Replace(rest, " ");
            Leave(p, rest.Trim());
        }

        foreach (var (_, url) in found)
        {
            if (!_card.WebAddresses.Contains(url, StringComparer.OrdinalIgnoreCase))
            {
                _card.WebAddresses.Add(url);
            }
        }

        if (found.Count > 0)
        {
            Source("webAddresses", found[0].Piece, string.Join(" ", found.Select(f => f.Url)), Confidence.Sure);
        }
    }

    // ---- fees -----------------------------------------------------------------------------------------

    private void ReadFees()
    {
        var anchors = _p.Where(p => p.IsAnchor && p.Anchor is Anchor.Fees or Anchor.FeeAmounts or Anchor.FeeAccounts or Anchor.FeeElectronic)
            .Select(p => p.Index).ToList();
        if (anchors.Count == 0)
        {
            return;
        }

        foreach (var a in anchors.Where(a => _p[a].Anchor == Anchor.FeeElectronic))
        {
            if (MarkBeside(a) is { } mark)
            {
                _card.Fees.ElectronicPayment = mark.Checked;
                Take(mark);
                Source("fees.electronicPayment", mark, mark.Checked ? "بله" : "خیر", mark.Weak ? Confidence.Unsure : Confidence.Sure);
            }
        }

        var notes = new List<string>();
        foreach (var a in anchors)
        {
            var (start, end) = Region(a);
            var amountsHere = _p[a].Anchor == Anchor.FeeAmounts;
            for (var i = start; i < end; i++)
            {
                var p = _p[i];
                if (!Free(p) || !p.IsText)
                {
                    continue;
                }

                var text = PersianText.ToLatinDigits(Text(p));
                var next = i + 1 < _p.Count && _p[i + 1].Line == p.Line ? FoldedText.Key(_p[i + 1].Raw) : "";
                var taken = false;
                foreach (Match m in Account().Matches(text))
                {
                    var digits = m.Groups["num"].Value.Count(char.IsAsciiDigit);
                    var after = text[(m.Index + m.Length)..].TrimStart();
                    if (digits < 9 || after.StartsWith("ریال", StringComparison.Ordinal) || after.StartsWith("تومان", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var holder = m.Groups["holder"].Success ? m.Groups["holder"].Value.Trim() : null;
                    _card.Fees.BankAccounts.Add(new BankAccount { Number = m.Groups["num"].Value, Holder = string.IsNullOrEmpty(holder) ? null : holder });
                    Source("fees.bankAccounts", p, m.Value, Confidence.Sure);
                    text = text.Remove(m.Index, m.Length).Insert(m.Index, new string(' ', m.Length));
                    taken = true;
                }

                foreach (Match m in Amount().Matches(text))
                {
                    var unit = m.Groups["unit"].Success ? m.Groups["unit"].Value : next.StartsWith("ریال", StringComparison.Ordinal) ? "ریال" : next.StartsWith("تومان", StringComparison.Ordinal) ? "تومان" : "";
                    var grouped = m.Groups["num"].Value.Contains(',', StringComparison.Ordinal) || m.Groups["num"].Value.Contains('٬', StringComparison.Ordinal);
                    if (unit.Length == 0 && !amountsHere && !grouped)
                    {
                        continue;
                    }

                    if (PersianText.TryParseInteger(m.Groups["num"].Value.Replace('٬', ','), out var amount) && amount > 0)
                    {
                        _card.Fees.AmountsRials.Add(unit == "تومان" ? amount * 10 : amount);
                        Source("fees.amountsRials", p, m.Value, unit.Length > 0 ? Confidence.Sure : Confidence.Unsure);
                        taken = true;
                    }
                }

                var key = PersianText.Normalize(Text(p));
                if (FreeOfCharge().IsMatch(key))
                {
                    _card.Fees.Free = true;
                    notes.Add(CleanValue(Text(p)));
                    Source("fees.free", p, Text(p), Confidence.Sure);
                    Take(p);
                    continue;
                }

                if (taken)
                {
                    var rest = Account().Replace(PersianText.ToLatinDigits(Text(p)), " ");
                    rest = Amount().Replace(rest, " ");
                    Leave(p, rest.Trim());
                }
            }
        }

        if (notes.Count > 0)
        {
            _card.Fees.Note = string.Join(" ", notes);
        }
    }

    /// <summary>The tick box right after a label on its line (or right before it in its cell).</summary>
    private Piece? MarkBeside(int anchor)
    {
        var a = _p[anchor];
        for (var i = anchor + 1; i < _p.Count && _p[i].Line == a.Line; i++)
        {
            if (_p[i].IsMark && Free(_p[i]))
            {
                return _p[i];
            }

            if (_p[i].IsBoundary || (_p[i].IsText && !IsNoise(Text(_p[i]))))
            {
                break;
            }
        }

        return anchor > 0 && _p[anchor - 1] is { IsMark: true } m && m.Line == a.Line && m.Cell == a.Cell && Free(m) ? m : null;
    }

    // ---- what the labels do not say ------------------------------------------------------------------

    /// <summary>Values some variants print without a label: the province in the top cell, the agency in the
    /// heading ("فرم شناسنامه خدمات استانداری").</summary>
    private void ReadHeaderFallbacks(Zones zones)
    {
        var headerEnd = Math.Min(zones.DetailsStart, _p.Count);
        for (var i = 0; i < headerEnd; i++)
        {
            var p = _p[i];
            if (!p.IsText || !Free(p))
            {
                continue;
            }

            var text = Text(p).Trim();
            if (_card.Provider.Province is null && FormVocabulary.Provinces.Contains(FoldedText.Key(text)))
            {
                _card.Provider.Province = text;
                Source("provider.province", p, text, Confidence.Unsure);
                Take(p);
                continue;
            }

            var heading = Heading().Match(PersianText.Normalize(text));
            if (_card.Provider.Agency is null && heading.Success)
            {
                var agency = CleanValue(heading.Groups["agency"].Value);
                if (agency.Length > 1 && FoldedText.Key(agency) is not ("دستگاهاجرایی" or "دستگاههایاجرایی"))
                {
                    _card.Provider.Agency = agency;
                    Source("provider.agency", p, text, Confidence.Unsure);
                    Take(p);
                }
            }
        }
    }

    // ---- unmapped -------------------------------------------------------------------------------------

    private static readonly LabelIndex<bool> TemplateIndex = new(
        FormVocabulary.Anchors.Select(a => (a.Key, true))
            .Concat(new[]
            {
                FormVocabulary.ServiceTypes, FormVocabulary.Natures, FormVocabulary.Levels, FormVocabulary.LifeEvents, FormVocabulary.Triggers,
                FormVocabulary.Periods, FormVocabulary.StageOptions, FormVocabulary.Inquiries, FormVocabulary.NonElectronicBys,
                FormVocabulary.PermitKinds, FormVocabulary.Applicants, FormVocabulary.OnceForever,
            }.SelectMany(s => s.Labels).Select(l => (l.Key, true)))
            .Concat(FormVocabulary.BoilerplateKeys.Select(k => (k, true)))
            .Concat(new[] { "www", "مستقیم", "دستگاه", "مراجعه کننده", "فرآیند مجوز", "مجموعه فرآیند مجوز", "روز ساعت", "موارد استعلام با ذکر نام", "نوع فرآیند", "مراجع ناظر", "توضیحات" }
                .Select(k => (FoldedText.Key(k), true))));

    /// <summary>Every piece of text no reader took, cell by cell, without the form's own printed wording.</summary>
    private List<string> CollectUnmapped()
    {
        var unmapped = new List<string>();
        var sb = new StringBuilder();
        Piece? group = null;
        foreach (var p in _p)
        {
            if (p.Used || p.IsAnchor || (p.IsMark && !p.Weak))
            {
                if (p.IsAnchor && p.Anchor == Anchor.Boilerplate)
                {
                    continue;
                }

                Flush();
                continue;
            }

            if (group is not null && (group.Line != p.Line || group.Cell != p.Cell))
            {
                Flush();
            }

            group ??= p;
            sb.Append(Text(p)).Append(' ');
        }

        Flush();
        return unmapped;

        void Flush()
        {
            if (sb.Length > 0)
            {
                var text = CollapseSpaces(sb.ToString().Trim().Trim(UnmappedEdges).Trim());
                if (!IsNoise(text) && !IsTemplate(text))
                {
                    unmapped.Add(text);
                }
            }

            sb.Clear();
            group = null;
        }
    }

    /// <summary>True when text is only the form's printed labels and options (an unticked template).</summary>
    private static bool IsTemplate(string text)
    {
        var folded = FoldedText.Of(text);
        var covered = 0;
        foreach (var (s, e, _) in TemplateIndex.Scan(folded))
        {
            covered += e - s;

            // An option's printed instruction in brackets right after it: "پیام کوتاه: (شماره سامانه پیامکی)".
            var after = folded.RawEndOf(e - 1);
            while (after < text.Length && (char.IsWhiteSpace(text[after]) || text[after] == ':'))
            {
                after++;
            }

            if (after < text.Length && text[after] == '(' && text.IndexOf(')', after) is > 0 and var close)
            {
                var inside = FoldedText.Of(text[after..close]);
                covered += inside.Length;
            }
        }

        var letters = 0;
        for (var i = 0; i < folded.Length; i++)
        {
            if (char.IsLetter(folded.Chars[i]))
            {
                letters++;
            }
        }

        return letters - covered < 3;
    }

    [GeneratedRegex(@"(?<![\w@.])(?:https?://)?(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:/[^\s,،]*)?(?![\w@])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [GeneratedRegex(@"(?<num>(?:IR)?\d[\d\- ]{7,}\d)\s*(?:\((?<holder>[^)]*)\))?", RegexOptions.CultureInvariant)]
    private static partial Regex Account();

    [GeneratedRegex(@"(?<num>\d{1,3}(?:[,٬]\d{3})+|\d+)\s*(?<unit>ریال|تومان)?", RegexOptions.CultureInvariant)]
    private static partial Regex Amount();

    [GeneratedRegex(@"رایگان|دریافت نمی|دریافت نخواهد|بدون هزینه|فاقد هزینه|هزینه ای ندارد|مجانی", RegexOptions.CultureInvariant)]
    private static partial Regex FreeOfCharge();

    [GeneratedRegex(@"شناسنامه\s*(?:خدمات|خدمت)\s+(?<agency>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*(?:\d+|[۰-۹]+)\s*[-–.)]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex ItemNumber();

    [GeneratedRegex(@"\b(?:and|or|و|یا)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Conjunction();
}
