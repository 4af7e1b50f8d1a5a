using System.Text.RegularExpressions;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Imports;

/// <summary>Fees: bank accounts (nine digits or more, a holder in brackets), amounts (with ریال or تومان, or
/// grouped, or under the amounts label), «free of charge» wording, and the electronic-payment box.</summary>
internal static partial class FeeReader
{
    public static void Read(FormCursor cursor)
    {
        var anchors = cursor.Pieces.Where(p => p.IsAnchor && p.Anchor is Anchor.Fees or Anchor.FeeAmounts or Anchor.FeeAccounts or Anchor.FeeElectronic)
            .Select(p => p.Index).ToList();
        if (anchors.Count == 0)
        {
            return;
        }

        foreach (var a in anchors.Where(a => cursor[a].Anchor == Anchor.FeeElectronic))
        {
            if (cursor.MarkBeside(a) is { } mark)
            {
                cursor.Card.Fees.ElectronicPayment = mark.Checked;
                cursor.Take(mark);
                cursor.Source("fees.electronicPayment", mark, mark.Checked ? "بله" : "خیر", mark.Weak ? Confidence.Unsure : Confidence.Sure);
            }
        }

        var notes = new List<string>();
        foreach (var a in anchors)
        {
            var (start, end) = cursor.Region(a);
            var amountsHere = cursor[a].Anchor == Anchor.FeeAmounts;
            for (var i = start; i < end; i++)
            {
                var p = cursor[i];
                if (!FormCursor.Free(p) || !p.IsText)
                {
                    continue;
                }

                var text = PersianText.ToLatinDigits(cursor.Text(p));
                var next = i + 1 < cursor.Count && cursor[i + 1].Line == p.Line ? FoldedText.Key(cursor[i + 1].Raw) : "";
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
                    cursor.Card.Fees.BankAccounts.Add(new BankAccount { Number = m.Groups["num"].Value, Holder = string.IsNullOrEmpty(holder) ? null : holder });
                    cursor.Source("fees.bankAccounts", p, m.Value, Confidence.Sure);
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
                        cursor.Card.Fees.AmountsRials.Add(unit == "تومان" ? amount * 10 : amount);
                        cursor.Source("fees.amountsRials", p, m.Value, unit.Length > 0 ? Confidence.Sure : Confidence.Unsure);
                        taken = true;
                    }
                }

                var key = PersianText.Normalize(cursor.Text(p));
                if (FreeOfCharge().IsMatch(key))
                {
                    cursor.Card.Fees.Free = true;
                    notes.Add(ValueText.Clean(cursor.Text(p)));
                    cursor.Source("fees.free", p, cursor.Text(p), Confidence.Sure);
                    cursor.Take(p);
                    continue;
                }

                if (taken)
                {
                    var rest = Account().Replace(PersianText.ToLatinDigits(cursor.Text(p)), " ");
                    rest = Amount().Replace(rest, " ");
                    cursor.Leave(p, rest.Trim());
                }
            }
        }

        if (notes.Count > 0)
        {
            cursor.Card.Fees.Note = string.Join(" ", notes);
        }
    }


    [GeneratedRegex(@"(?<num>(?:IR)?\d[\d\- ]{7,}\d)\s*(?:\((?<holder>[^)]*)\))?", RegexOptions.CultureInvariant)]
    private static partial Regex Account();

    [GeneratedRegex(@"(?<num>\d{1,3}(?:[,٬]\d{3})+|\d+)\s*(?<unit>ریال|تومان)?", RegexOptions.CultureInvariant)]
    private static partial Regex Amount();

    [GeneratedRegex(@"رایگان|دریافت نمی|دریافت نخواهد|بدون هزینه|فاقد هزینه|هزینه ای ندارد|مجانی", RegexOptions.CultureInvariant)]
    private static partial Regex FreeOfCharge();
}
