using System.Text.RegularExpressions;
using ServiceRegistry.Core.Text;

namespace ServiceRegistry.Core.Imports;

/// <summary>Values some variants print without a label: the province in the top cell, the agency in the
/// heading ("فرم شناسنامه خدمات استانداری"). Runs last, on what no labelled reader took.</summary>
internal static partial class HeaderFallbackReader
{
    public static void Read(FormCursor cursor)
    {
        var headerEnd = Math.Min(cursor.Zones.DetailsStart, cursor.Count);
        for (var i = 0; i < headerEnd; i++)
        {
            var p = cursor[i];
            if (!p.IsText || !FormCursor.Free(p))
            {
                continue;
            }

            var text = cursor.Text(p).Trim();
            if (cursor.Card.Provider.Province is null && FormVocabulary.Provinces.Contains(FoldedText.Key(text)))
            {
                cursor.Card.Provider.Province = text;
                cursor.Source("provider.province", p, text, Confidence.Unsure);
                cursor.Take(p);
                continue;
            }

            var heading = Heading().Match(PersianText.Normalize(text));
            if (cursor.Card.Provider.Agency is null && heading.Success)
            {
                var agency = ValueText.Clean(heading.Groups["agency"].Value);
                if (agency.Length > 1 && FoldedText.Key(agency) is not ("دستگاهاجرایی" or "دستگاههایاجرایی"))
                {
                    cursor.Card.Provider.Agency = agency;
                    cursor.Source("provider.agency", p, text, Confidence.Unsure);
                    cursor.Take(p);
                }
            }
        }
    }

    [GeneratedRegex(@"شناسنامه\s*(?:خدمات|خدمت)\s+(?<agency>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Heading();
}
