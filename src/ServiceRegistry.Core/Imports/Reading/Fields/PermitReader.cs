using System.Text.RegularExpressions;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Text;
using static ServiceRegistry.Core.Imports.PermitTable;

namespace ServiceRegistry.Core.Imports;

/// <summary>The permits (form 1) and the inquiries each permit needs (form 2): one table row each, under a
/// header row whose cells name the columns (right to left or left to right).</summary>
internal static partial class PermitReader
{
    public static void Read(FormCursor cursor)
    {
        if (cursor.Zones.PermitStart >= cursor.Count)
        {
            return;
        }

        var lines = cursor.ByLine(cursor.Zones.PermitStart, cursor.Count).OrderBy(kv => kv.Key).Select(kv => kv.Value).ToList();
        for (var l = 0; l < lines.Count; l++)
        {
            if (!IsHeader(cursor, lines[l]))
            {
                continue;
            }

            var header = cursor.Cells(lines[l]);
            var width = header.Keys.Max() + 1;
            var columns = new PermitColumn[width];
            foreach (var (cell, text) in header)
            {
                columns[cell] = Column(text);
            }

            lines[l].ForEach(cursor.Take);
            var inquiries = columns.Contains(PermitColumn.Agency);
            var rightToLeft = columns[^1] == PermitColumn.Row || (columns.Length > 0 && columns[0] == PermitColumn.Notes);

            // Sub-headings under merged cells: الکترونیکی / غیر الکترونیکی, حقیقی / حقوقی / دولتی.
            var next = l + 1;
            if (next < lines.Count && cursor.Cells(lines[next]) is var sub && sub.Values.Count(v => Column(v) is PermitColumn.Electronic or PermitColumn.NonElectronic
                or PermitColumn.Natural or PermitColumn.Legal or PermitColumn.Government or PermitColumn.ProcessDuration) >= 2
                && !sub.Values.Any(v => FormVocabulary.PermitKinds.Index.Scan(FoldedText.Of(v)).Count > 0))
            {
                foreach (var (cell, text) in sub)
                {
                    var c = Column(text);
                    if (c != PermitColumn.None && cell < width)
                    {
                        columns[cell] = c;
                    }
                    else if (FoldedText.Key(text) == FoldedText.Key("مستقیم") && cell < width)
                    {
                        columns[cell] = PermitColumn.Natural;
                    }
                }

                lines[next].ForEach(cursor.Take);
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
                var cells = cursor.Cells(row);
                if (cells.Count < 3 || IsHeader(cursor, row) || row.Any(p => p.IsAnchor && p.Anchor is Anchor.Permits or Anchor.PermitInquiries))
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

                    list.Add((string.Join(" ", group.Select(p => p.IsMark ? (p.Checked ? "☑" : "☐") : cursor.Text(p))), group.ToList()));
                }

                string? Get(PermitColumn column) =>
                    values.TryGetValue(column, out var v) ? ValueText.Clean(string.Join(" ", v.Select(x => x.Text.Replace("☐", "", StringComparison.Ordinal).Replace("☑", "", StringComparison.Ordinal)))) is { Length: > 0 } s ? s : null : null;
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
                        inquiry.RequiredDocuments = ValueText.SplitList(docs);
                    }

                    if (Get(PermitColumn.Cost) is { } cost && PersianText.TryParseInteger(cost.Replace("ریال", "", StringComparison.Ordinal).Trim(), out var rials))
                    {
                        inquiry.CostRials = rials;
                    }

                    if (cursor.Card.Permits.Count > 0)
                    {
                        cursor.Card.Permits[^1].Inquiries.Add(inquiry);
                        cursor.Source($"permits[{cursor.Card.Permits.Count - 1}].inquiries", row[0], agency, Confidence.Unsure);
                        row.ForEach(cursor.Take);
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
                    permit.RequiredDocuments = ValueText.SplitList(documents);
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
                        permit.ApplicantTypes.AddOnce((ApplicantType)label.Code);
                    }
                }

                cursor.Card.Permits.Add(permit);
                cursor.Source($"permits[{cursor.Card.Permits.Count - 1}]", row[0], title, Confidence.Unsure);
                row.ForEach(cursor.Take);
            }

            l = next - 1;
        }
    }

    [GeneratedRegex(@"^(?:[xX×✓✔*]|بلی|بله|دارد|True|true)$", RegexOptions.CultureInvariant)]
    private static partial Regex TickWord();
}
