using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Imports;

/// <summary>Links with other systems (internal) and other agencies (external): one table row per link, columns
/// placed by the header row's words.</summary>
internal static class LinkReader
{
    private enum LinkColumn
    {
        None, Agency, System, Fields, Cost, Inquiry, NonElectronicBy,
    }

    public static void Read(FormCursor cursor)
    {
        if (cursor.Zones.LinksStart >= cursor.Count)
        {
            return;
        }

        var external = false;
        var columns = new Dictionary<int, LinkColumn>();
        foreach (var (_, line) in cursor.ByLine(cursor.Zones.LinksStart, cursor.Zones.LinksEnd).OrderBy(kv => kv.Key))
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
                columns = HeaderColumns(cursor, line);
                foreach (var p in line.Where(p => p.IsAnchor || p.IsMark))
                {
                    cursor.Take(p);
                }

                OptionReader.Read(cursor, line.Where(FormCursor.Free).ToList(), FormVocabulary.LinkOptions);
                continue;
            }

            var free = line.Where(FormCursor.Free).ToList();
            var hits = OptionReader.Read(cursor, free, FormVocabulary.LinkOptions);
            var values = line.Where(p => p.IsText && FormCursor.Free(p) && !ValueText.IsNoise(cursor.Text(p)) && !ValueText.IsTemplate(cursor.Text(p))).ToList();
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
                var text = ValueText.Clean(cursor.Text(p));
                var column = columns.TryGetValue(p.Cell, out var c) ? c : LinkColumn.None;
                if (column is LinkColumn.None or LinkColumn.Inquiry or LinkColumn.NonElectronicBy || byColumn.ContainsKey(column))
                {
                    unplaced.Add(text);
                }
                else
                {
                    byColumn[column] = text;
                }

                cursor.Take(p);
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

                cursor.Card.ExternalAgencyLinks.Add(link);
                cursor.Source($"externalAgencyLinks[{cursor.Card.ExternalAgencyLinks.Count - 1}]", values[0], link.Agency ?? "", Confidence.Unsure);
            }
            else
            {
                var link = new InternalSystemLink { SystemName = Next(LinkColumn.System), Inquiry = inquiry };
                link.ExchangedFields = Next(LinkColumn.Fields);
                cursor.Card.InternalSystemLinks.Add(link);
                cursor.Source($"internalSystemLinks[{cursor.Card.InternalSystemLinks.Count - 1}]", values[0], link.SystemName ?? "", Confidence.Unsure);
            }
        }
    }

    private static Dictionary<int, LinkColumn> HeaderColumns(FormCursor cursor, List<Piece> line)
    {
        var columns = new Dictionary<int, LinkColumn>();
        foreach (var (cell, text) in cursor.Cells(line))
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
}
