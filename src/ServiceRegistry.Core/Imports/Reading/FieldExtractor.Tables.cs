using System.Text.RegularExpressions;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Imports;

internal sealed partial class FieldExtractor
{
    private List<List<Piece>>? _allLines;

    /// <summary>Every line's pieces, in order (built once).</summary>
    private List<List<Piece>> AllLines()
    {
        if (_allLines is not null)
        {
            return _allLines;
        }

        _allLines = [];
        foreach (var p in _p)
        {
            if (_allLines.Count == 0 || _allLines[^1][0].Line != p.Line)
            {
                _allLines.Add([]);
            }

            _allLines[^1].Add(p);
        }

        return _allLines;
    }

    private Dictionary<int, List<Piece>> ByLine(int from, int to)
    {
        var lines = new Dictionary<int, List<Piece>>();
        for (var i = from; i < to; i++)
        {
            var p = _p[i];
            if (!lines.TryGetValue(p.Line, out var list))
            {
                lines[p.Line] = list = [];
            }

            list.Add(p);
        }

        return lines;
    }

    /// <summary>The text of each cell of a line (labels and marks included), by cell index.</summary>
    private Dictionary<int, string> Cells(List<Piece> line)
    {
        var cells = new Dictionary<int, string>();
        foreach (var p in line)
        {
            var text = p.IsMark ? (p.Checked ? " ☑ " : " ☐ ") : Text(p);
            cells[p.Cell] = cells.TryGetValue(p.Cell, out var s) ? s + " " + text : text;
        }

        return cells;
    }

    // ---- process steps --------------------------------------------------------------------------------

    /// <summary>The numbered lines (۱- …, ۲- …) next to the process-steps label, above or below it.</summary>
    private void ReadProcessSteps()
    {
        var anchors = AnchorsOf(Anchor.ProcessSteps).ToList();
        if (anchors.Count == 0)
        {
            return;
        }

        var anchorLines = anchors.Select(a => _p[a].Line).ToHashSet();
        var runs = new List<List<(int Line, Piece Piece, string Text)>>();
        List<(int Line, Piece Piece, string Text)>? run = null;
        var lastLine = -1;
        foreach (var pieces in AllLines())
        {
            var line = pieces[0].Line;
            var first = pieces.FirstOrDefault(p => !p.IsMark && !(p.IsAnchor && p.Anchor == Anchor.Boilerplate));
            Match? m = first is { IsText: true } && Free(first) ? StepNumber().Match(PersianText.ToLatinDigits(Text(first))) : null;
            var number = m is { Success: true } ? int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
            if (number > 0 && (run is null ? number == 1 : number == run.Count + 1 || number == 1))
            {
                if (number == 1 || run is null || line - lastLine > 3)
                {
                    run = [];
                    runs.Add(run);
                }

                run.Add((line, first!, Text(first!)[m!.Groups["text"].Index..].Trim()));
                lastLine = line;
                continue;
            }

            if (pieces.Any(p => !p.IsAnchor && !IsNoise(p.IsMark ? "" : Text(p))))
            {
                run = null;
            }
        }

        var best = runs.Where(r => r.Count > 0)
            .Select(r => (Run: r, Distance: anchorLines.Min(a => a >= r[0].Line && a <= r[^1].Line ? 0 : Math.Min(Math.Abs(a - r[0].Line), Math.Abs(a - r[^1].Line)))))
            .Where(x => x.Distance <= 3)
            .OrderBy(x => x.Distance).ThenByDescending(x => x.Run.Count)
            .Select(x => x.Run).FirstOrDefault();
        if (best is not null)
        {
            foreach (var (_, piece, text) in best)
            {
                var step = CleanValue(text);
                if (step.Length > 0)
                {
                    _card.ProcessSteps.Add(step);
                }

                Take(piece);
            }

            Source("processSteps", best[0].Piece, string.Join(" | ", _card.ProcessSteps), Confidence.Sure);
            return;
        }

        // Steps written after the label on one line or one a line, without a table.
        foreach (var a in anchors)
        {
            if (ValueOf(a, multi: true) is not { } value)
            {
                continue;
            }

            foreach (var line in value.Lines)
            {
                var parts = InlineSteps().Split(PersianText.ToLatinDigits(line)).Select(CleanValue).Where(s => s.Length > 0).ToList();
                if (parts.Count <= 1)
                {
                    parts = SplitList(line);
                }

                _card.ProcessSteps.AddRange(parts.Count > 0 ? parts : [line]);
            }

            Source("processSteps", value.At, value.Text, Confidence.Unsure);
            return;
        }
    }

    // ---- links with other systems and agencies ------------------------------------------------------

    private enum LinkColumn
    {
        None, Agency, System, Fields, Cost, Inquiry, NonElectronicBy,
    }

    private void ReadLinks(Zones zones)
    {
        if (zones.LinksStart >= _p.Count)
        {
            return;
        }

        var external = false;
        var columns = new Dictionary<int, LinkColumn>();
        foreach (var (_, line) in ByLine(zones.LinksStart, zones.LinksEnd).OrderBy(kv => kv.Key))
        {
            if (line.Any(p => p.IsBoundary && p.Anchor is not (Anchor.LinksInternal or Anchor.LinksExternal or Anchor.LinksHeader or Anchor.Section)))
            {
                break; // another part of the form begins
            }

            var anchors = line.Where(p => p.IsAnchor && p.Anchor is Anchor.LinksInternal or Anchor.LinksExternal or Anchor.LinksHeader).ToList();
            if (anchors.Count > 0)
            {
                external |= anchors.Any(p => p.Anchor == Anchor.LinksExternal);
                external &= !(anchors.All(p => p.Anchor != Anchor.LinksExternal) && anchors.Any(p => p.Anchor == Anchor.LinksInternal));
                columns = HeaderColumns(line);
                foreach (var p in line.Where(p => p.IsAnchor || p.IsMark))
                {
                    Take(p);
                }

                ReadOptions(line.Where(Free).ToList(), FormVocabulary.LinkOptions);
                continue;
            }

            var free = line.Where(Free).ToList();
            var hits = ReadOptions(free, FormVocabulary.LinkOptions);
            var values = line.Where(p => p.IsText && Free(p) && !IsNoise(Text(p)) && !IsTemplate(Text(p))).ToList();
            if (values.Count == 0)
            {
                continue;
            }

            var inquiry = hits.Where(h => h.Checked == true && h.Label.Group == OptionGroup.Inquiry).Select(h => (InquiryMode?)h.Label.Code).FirstOrDefault();
            var by = hits.Where(h => h.Checked == true && h.Label.Group == OptionGroup.NonElectronicBy).Select(h => (NonElectronicBy?)h.Label.Code).FirstOrDefault();
            if (by is not null)
            {
                inquiry ??= InquiryMode.NonElectronic;
            }

            var byColumn = new Dictionary<LinkColumn, string>();
            var unplaced = new List<string>();
            foreach (var p in values)
            {
                var text = CleanValue(Text(p));
                var column = columns.TryGetValue(p.Cell, out var c) ? c : LinkColumn.None;
                if (column is LinkColumn.None or LinkColumn.Inquiry or LinkColumn.NonElectronicBy || byColumn.ContainsKey(column))
                {
                    unplaced.Add(text);
                }
                else
                {
                    byColumn[column] = text;
                }

                Take(p);
            }

            string? Next(LinkColumn column)
            {
                if (byColumn.TryGetValue(column, out var v))
                {
                    return v;
                }

                if (unplaced.Count == 0)
                {
                    return null;
                }

                var first = unplaced[0];
                unplaced.RemoveAt(0);
                return first;
            }

            if (external)
            {
                var link = new ExternalAgencyLink { Agency = Next(LinkColumn.Agency), Inquiry = inquiry, NonElectronicBy = by };
                link.SystemName = Next(LinkColumn.System);
                link.ExchangedFields = Next(LinkColumn.Fields);
                if (Next(LinkColumn.Cost) is { } cost && PersianText.TryParseInteger(cost.Replace("ریال", "", StringComparison.Ordinal), out var rials))
                {
                    link.CostRials = rials;
                }

                _card.ExternalAgencyLinks.Add(link);
                Source($"externalAgencyLinks[{_card.ExternalAgencyLinks.Count - 1}]", values[0], link.Agency ?? "", Confidence.Unsure);
            }
            else
            {
                var link = new InternalSystemLink { SystemName = Next(LinkColumn.System), Inquiry = inquiry };
                link.ExchangedFields = Next(LinkColumn.Fields);
                _card.InternalSystemLinks.Add(link);
                Source($"internalSystemLinks[{_card.InternalSystemLinks.Count - 1}]", values[0], link.SystemName ?? "", Confidence.Unsure);
            }
        }
    }

    private Dictionary<int, LinkColumn> HeaderColumns(List<Piece> line)
    {
        var columns = new Dictionary<int, LinkColumn>();
        foreach (var (cell, text) in Cells(line))
        {
            var key = FoldedText.Key(text);
            columns[cell] = key switch
            {
                _ when key.Contains("سامانه", StringComparison.Ordinal) => LinkColumn.System,
                _ when key.Contains("نامدستگاهدیگر", StringComparison.Ordinal) => LinkColumn.Agency,
                _ when key.Contains("فیلد", StringComparison.Ordinal) => LinkColumn.Fields,
                _ when key.Contains("مبلغ", StringComparison.Ordinal) => LinkColumn.Cost,
                _ when key.Contains("توسط", StringComparison.Ordinal) => LinkColumn.NonElectronicBy,
                _ when key.Contains("استعلام", StringComparison.Ordinal) || key.Contains("برخط", StringComparison.Ordinal) => LinkColumn.Inquiry,
                _ => LinkColumn.None,
            };
        }

        return columns;
    }

    // ---- permits (forms 1 and 2) --------------------------------------------------------------------

    private enum PermitColumn
    {
        None, Row, Title, Kind, LegalBasis, Documents, Validity, Cost, Applicant, Natural, Legal, Government,
        Supervisors, ProcessDuration, Process, Electronic, NonElectronic, Notes, Agency, InquiryKind, Duration,
    }

    private static readonly (string Key, PermitColumn Column)[] PermitHeaders =
    [
        ("عنوانمجوز", PermitColumn.Title), ("نوعمجوز", PermitColumn.Kind), ("مستنداتقانونی", PermitColumn.LegalBasis),
        ("مدارک", PermitColumn.Documents), ("مدتاعتبار", PermitColumn.Validity), ("هزینه", PermitColumn.Cost),
        ("متقاضی", PermitColumn.Applicant), ("مراجعناظر", PermitColumn.Supervisors), ("فرایندصدورمجوز", PermitColumn.ProcessDuration),
        ("مجموعهفرایند", PermitColumn.ProcessDuration), ("زمانانجام", PermitColumn.Duration), ("غیرالکترونیکی", PermitColumn.NonElectronic),
        ("الکترونیکی", PermitColumn.Electronic), ("فرایندمجوز", PermitColumn.Process), ("توضیحات", PermitColumn.Notes), ("ردیف", PermitColumn.Row),
        ("دستگاهاستع", PermitColumn.Agency), ("نوعفرایند", PermitColumn.InquiryKind), ("حقیقی", PermitColumn.Natural),
        ("حقوقی", PermitColumn.Legal), ("دولتی", PermitColumn.Government),
    ];

    private static PermitColumn PermitHeader(string text)
    {
        var key = FoldedText.Key(text).Replace("فرآیند", "فرایند", StringComparison.Ordinal);
        foreach (var (k, column) in PermitHeaders)
        {
            if (key.Contains(k, StringComparison.Ordinal))
            {
                return column;
            }
        }

        return PermitColumn.None;
    }

    private int PermitHeaderStart()
    {
        foreach (var line in AllLines())
        {
            if (IsPermitHeader(line))
            {
                return line[0].Index;
            }
        }

        return _p.Count;
    }

    private bool IsPermitHeader(List<Piece> line)
    {
        if (!line.Any(p => p.Raw.Contains("مجوز", StringComparison.Ordinal) || p.Raw.Contains("استع", StringComparison.Ordinal)))
        {
            return false;
        }

        var columns = Cells(line).Values.Select(PermitHeader).Where(c => c is not (PermitColumn.None or PermitColumn.Row or PermitColumn.Cost or PermitColumn.Notes)).Distinct().Count();
        var key = FoldedText.Key(string.Concat(line.Select(p => p.Raw)));
        return columns >= 3 && (key.Contains("مجوز", StringComparison.Ordinal) || key.Contains("استع", StringComparison.Ordinal));
    }

    private void ReadPermits(Zones zones)
    {
        if (zones.PermitStart >= _p.Count)
        {
            return;
        }

        var lines = ByLine(zones.PermitStart, _p.Count).OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList();
        for (var l = 0; l < lines.Count; l++)
        {
            if (!IsPermitHeader(lines[l]))
            {
                continue;
            }

            var header = Cells(lines[l]);
            var width = header.Keys.Max() + 1;
            var columns = new PermitColumn[width];
            foreach (var (cell, text) in header)
            {
                columns[cell] = PermitHeader(text);
            }

            lines[l].ForEach(Take);
            var inquiries = columns.Contains(PermitColumn.Agency);
            var rightToLeft = columns[^1] == PermitColumn.Row || (columns.Length > 0 && columns[0] == PermitColumn.Notes);

            // Sub-headings under merged cells: الکترونیکی / غیر الکترونیکی, حقیقی / حقوقی / دولتی.
            var next = l + 1;
            if (next < lines.Count && Cells(lines[next]) is var sub && sub.Values.Count(v => PermitHeader(v) is PermitColumn.Electronic or PermitColumn.NonElectronic
                or PermitColumn.Natural or PermitColumn.Legal or PermitColumn.Government or PermitColumn.ProcessDuration) >= 2
                && !sub.Values.Any(v => FormVocabulary.PermitKinds.Index.Scan(FoldedText.Of(v)).Count > 0))
            {
                foreach (var (cell, text) in sub)
                {
                    var c = PermitHeader(text);
                    if (c != PermitColumn.None && cell < width)
                    {
                        columns[cell] = c;
                    }
                    else if (FoldedText.Key(text) == FoldedText.Key("مستقیم") && cell < width)
                    {
                        columns[cell] = PermitColumn.Natural;
                    }
                }

                lines[next].ForEach(Take);
                next++;
            }

            for (var c = 1; c < width; c++)
            {
                if (columns[c] == PermitColumn.None && !rightToLeft)
                {
                    columns[c] = columns[c - 1] is PermitColumn.Applicant or PermitColumn.Process ? columns[c - 1] : PermitColumn.None;
                }
            }

            for (; next < lines.Count; next++)
            {
                var row = lines[next];
                var cells = Cells(row);
                if (cells.Count < 3 || IsPermitHeader(row) || row.Any(p => p.IsAnchor && p.Anchor is Anchor.Permits or Anchor.PermitInquiries))
                {
                    break;
                }

                var rowWidth = cells.Keys.Max() + 1;
                var shift = rightToLeft ? width - rowWidth : 0;
                var values = new Dictionary<PermitColumn, List<(string Text, List<Piece> Pieces)>>();
                foreach (var group in row.GroupBy(p => p.Cell))
                {
                    var index = group.Key + shift;
                    var column = index >= 0 && index < width ? columns[index] : PermitColumn.None;
                    if (!values.TryGetValue(column, out var list))
                    {
                        values[column] = list = [];
                    }

                    list.Add((string.Join(" ", group.Select(p => p.IsMark ? (p.Checked ? "☑" : "☐") : Text(p))), group.ToList()));
                }

                string? Get(PermitColumn column) =>
                    values.TryGetValue(column, out var v) ? CleanValue(string.Join(" ", v.Select(x => x.Text.Replace("☐", "", StringComparison.Ordinal).Replace("☑", "", StringComparison.Ordinal)))) is { Length: > 0 } s ? s : null : null;
                bool Ticked(PermitColumn column) =>
                    values.TryGetValue(column, out var v) && v.Any(x => x.Pieces.Any(p => p.IsMark && p.Checked) || TickWord().IsMatch(x.Text.Trim()));

                if (inquiries)
                {
                    if (Get(PermitColumn.Agency) is not { } agency)
                    {
                        continue;
                    }

                    var inquiry = new PermitInquiry
                    {
                        Agency = agency, Kind = Get(PermitColumn.InquiryKind), Validity = Get(PermitColumn.Validity), Duration = Get(PermitColumn.Duration),
                        Notes = Get(PermitColumn.Notes), Electronic = Ticked(PermitColumn.Electronic) ? true : Ticked(PermitColumn.NonElectronic) ? false : null,
                    };
                    if (Get(PermitColumn.Documents) is { } docs)
                    {
                        inquiry.RequiredDocuments = SplitList(docs);
                    }

                    if (Get(PermitColumn.Cost) is { } cost && PersianText.TryParseInteger(cost.Replace("ریال", "", StringComparison.Ordinal).Trim(), out var rials))
                    {
                        inquiry.CostRials = rials;
                    }

                    if (_card.Permits.Count > 0)
                    {
                        _card.Permits[^1].Inquiries.Add(inquiry);
                        Source($"permits[{_card.Permits.Count - 1}].inquiries", row[0], agency, Confidence.Unsure);
                        row.ForEach(Take);
                    }

                    continue;
                }

                if (Get(PermitColumn.Title) is not { } title)
                {
                    continue; // a blank template row: only the kind is printed
                }

                var permit = new Permit
                {
                    Title = title, LegalBasis = Get(PermitColumn.LegalBasis), Validity = Get(PermitColumn.Validity),
                    Supervisors = Get(PermitColumn.Supervisors), ProcessDuration = Get(PermitColumn.ProcessDuration), Notes = Get(PermitColumn.Notes),
                    Electronic = Ticked(PermitColumn.Electronic) ? true : Ticked(PermitColumn.NonElectronic) ? false : null,
                };
                if (Get(PermitColumn.Kind) is { } kind && FormVocabulary.PermitKinds.Index.Scan(FoldedText.Of(kind)).FirstOrDefault().Item is { } k)
                {
                    permit.Kind = (PermitKind)k.Code;
                }

                if (Get(PermitColumn.Documents) is { } documents)
                {
                    permit.RequiredDocuments = SplitList(documents);
                }

                if (Get(PermitColumn.Cost) is { } price && PersianText.TryParseInteger(price.Replace("ریال", "", StringComparison.Ordinal).Trim(), out var cost2))
                {
                    permit.CostRials = cost2;
                }

                foreach (var (column, type) in new[] { (PermitColumn.Natural, ApplicantType.Natural), (PermitColumn.Legal, ApplicantType.Legal), (PermitColumn.Government, ApplicantType.Government) })
                {
                    if (Ticked(column))
                    {
                        permit.ApplicantTypes.Add(type);
                    }
                }

                if (permit.ApplicantTypes.Count == 0 && Get(PermitColumn.Applicant) is { } applicants)
                {
                    foreach (var (_, _, label) in FormVocabulary.Applicants.Index.Scan(FoldedText.Of(applicants)))
                    {
                        AddOnce(permit.ApplicantTypes, (ApplicantType)label.Code);
                    }
                }

                _card.Permits.Add(permit);
                Source($"permits[{_card.Permits.Count - 1}]", row[0], title, Confidence.Unsure);
                row.ForEach(Take);
            }

            l = next - 1;
        }
    }

    [GeneratedRegex(@"^\s*(?<n>\d{1,2})\s*[-–.)]\s*(?<text>\S.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex StepNumber();

    [GeneratedRegex(@"(?:^|\s)\d{1,2}\s*[-–.)]\s*", RegexOptions.CultureInvariant)]
    private static partial Regex InlineSteps();

    [GeneratedRegex(@"^(?:[xX×✓✔*]|بلی|بله|دارد|True|true)$", RegexOptions.CultureInvariant)]
    private static partial Regex TickWord();
}
