using Microsoft.EntityFrameworkCore;

namespace ServiceRegistry.Core.Cards;

/// <summary>
/// Which published national template a card entered from a file (a spreadsheet row, an imported Word/text form) is an
/// instance of, used by every entry path that is not made from a template on purpose. A card <b>matches</b> a template
/// when its title is the template's once folded (<see cref="SameService.TitleKey"/>, the duplicate rule's folding) and
/// its «دستگاه مادر» (<c>provider.parentAgency</c>) is, folded the same way, the national body that owns the template
/// (or the agency the template's own content names). A row may also <b>name</b> its template: the template's number in
/// the registry or its national service ID. Only published templates (not their open revisions) count.
/// </summary>
public static class TemplateMatch
{
    private static IQueryable<ServiceCard> Published(IQueryable<ServiceCard> cards) =>
        cards.AsNoTracking().Include(c => c.Agency)
            .Where(c => c.IsTemplate && c.Status == CardStatus.Published && c.RevisionOfId == null);

    /// <summary>The published templates any of <paramref name="contents"/> matches, in one query.</summary>
    public static async Task<Lookup> LookupAsync(IQueryable<ServiceCard> cards, IEnumerable<CardContent> contents, CancellationToken ct)
    {
        var titles = contents.Where(c => SameService.TitleKey(c.Provider?.ParentAgency).Length > 0)
            .Select(c => SameService.TitleKey(c.Title)).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (titles.Count == 0)
        {
            return new Lookup([]);
        }

        return new Lookup(await Published(cards).Where(c => titles.Contains(c.TitleKey.Replace(" ", ""))).ToListAsync(ct));
    }

    /// <summary>The published template <paramref name="content"/> matches, or null.</summary>
    public static async Task<ServiceCard?> FindAsync(IQueryable<ServiceCard> cards, CardContent content, CancellationToken ct) =>
        (await LookupAsync(cards, [content], ct)).Find(content);

    /// <summary>The published templates that <paramref name="links"/> name (each a national service ID or a template's
    /// number; a service ID wins), by link as written; a link that names none is absent.</summary>
    public static async Task<IReadOnlyDictionary<string, ServiceCard>> NamedAsync(IQueryable<ServiceCard> cards, IEnumerable<string> links, CancellationToken ct)
    {
        var wanted = links.Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var numbers = wanted.Select(l => int.TryParse(l, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n > 0).ToList();
        var result = new Dictionary<string, ServiceCard>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return result;
        }

        var found = await Published(cards).Where(c => (c.ServiceId != null && wanted.Contains(c.ServiceId)) || numbers.Contains(c.Id)).ToListAsync(ct);
        foreach (var link in wanted)
        {
            var template = found.FirstOrDefault(t => t.ServiceId == link)
                ?? found.FirstOrDefault(t => t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == link);
            if (template is not null)
            {
                result[link] = template;
            }
        }

        return result;
    }

    /// <summary>The shared parts (keys) that entered content sets otherwise than the template: it keeps them as overrides.
    /// A part it leaves blank is inherited.</summary>
    public static IReadOnlyList<string> Overridden(CardContent template, CardContent entered) =>
        TemplateParts.Shared
            .Where(p => TemplateParts.Canonical(p.Read(entered)) != TemplateParts.Canonical(p.Read(Blank))
                && TemplateParts.Canonical(p.Read(template)) != TemplateParts.Canonical(p.Read(entered)))
            .Select(p => p.Key).ToList();

    /// <summary>The effective content of an instance made from entered content: the template's shared parts except those
    /// it overrides (<see cref="Overridden"/>), its local parts, blank ones started from the template's.</summary>
    public static CardContent InstanceContent(CardContent template, CardContent entered) =>
        TemplateParts.Effective(template, TemplateParts.Prefill(template, entered), Overridden(template, entered));

    private static readonly CardContent Blank = new();

    /// <summary>The templates found by <see cref="LookupAsync"/>, asked per content.</summary>
    public sealed class Lookup
    {
        private readonly Dictionary<(string Title, string Agency), ServiceCard> _byKey = [];

        internal Lookup(IEnumerable<ServiceCard> templates)
        {
            foreach (var template in templates.OrderBy(t => t.Id))
            {
                var title = SameService.TitleKey(template.Title);
                foreach (var owner in new[] { template.Agency?.Name, template.Content.Provider?.Agency })
                {
                    if (SameService.TitleKey(owner) is { Length: > 0 } agency)
                    {
                        _byKey.TryAdd((title, agency), template);
                    }
                }
            }
        }

        /// <summary>The template <paramref name="content"/> matches by title and parent agency, or null.</summary>
        public ServiceCard? Find(CardContent content) =>
            _byKey.GetValueOrDefault((SameService.TitleKey(content.Title), SameService.TitleKey(content.Provider?.ParentAgency)));
    }
}
