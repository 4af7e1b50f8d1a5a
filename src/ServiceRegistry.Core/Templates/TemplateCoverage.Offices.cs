using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Templates;

/// <summary>One office where a service is given, with the card (and agency) it belongs to; province and county
/// as the office states them, else the card's province and "".</summary>
public sealed record OfficeOfService(int CardId, string Agency, string Province, string County, Office Office);

public sealed partial class TemplateCoverage
{
    /// <summary>Where to go for a service: for a template or an instance, the offices of every published instance of
    /// the template (31 provinces at most, read whole); for another card, its own.</summary>
    public async Task<IReadOnlyList<OfficeOfService>> OfficesAsync(ServiceCard card, CancellationToken ct = default)
    {
        var templateId = card.TemplateId ?? (card.IsTemplate ? card.RevisionOfId ?? card.Id : (int?)null);
        var cards = templateId is { } id
            ? await db.Cards.AsNoTracking().Include(c => c.Agency)
                .Where(c => c.TemplateId == id && c.RevisionOfId == null && c.Status == CardStatus.Published).ToListAsync(ct)
            : [card];
        return cards
            .SelectMany(c => c.Content.Offices.Select(o => new OfficeOfService(
                c.Id, c.Agency?.Name ?? c.Content.Provider.Agency ?? "", Trim(o.Province) ?? c.Province ?? "", Trim(o.County) ?? "", o)))
            .OrderBy(o => o.Province, StringComparer.Ordinal).ThenBy(o => o.County, StringComparer.Ordinal)
            .ToList();
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
