using Microsoft.EntityFrameworkCore;

namespace ServiceRegistry.Core.Cards;

/// <summary>A card the agency already has that a new one would repeat, as the warnings name and link it.</summary>
public sealed record ExistingCard(int Id, string Title, CardStatus Status, string? ServiceId, int? RevisionOfId)
{
    /// <summary>Where the card lives in the app.</summary>
    public string Url => $"/cards/{Id}";
}

/// <summary>
/// The duplicate rule, used by every way a card enters the registry (the form, the API, the Word/text import, the
/// spreadsheet import, the import command): a new card is the same service as a card of the <b>same agency</b> that
/// is not archived and has the <b>same title</b> once folded (<see cref="TitleKey"/>: the search folding of
/// <see cref="SearchTerms"/> — ی/ي, ک/ك, آ/ا, Persian and Latin digits, punctuation — and then no spaces at all, so
/// «حساب‌های», «حساب های» and «حسابهای» are one title), or the <b>same national service ID</b>. When several cards
/// match, the one named is the original (not a revision), the oldest first.
/// </summary>
public static class SameService
{
    /// <summary>The folded title two cards must share to be the same service; empty when there is no title.</summary>
    public static string TitleKey(string? title) => SearchTerms.Document(title).Replace(" ", "", StringComparison.Ordinal);

    private static string? ServiceIdOf(CardContent content) =>
        string.IsNullOrWhiteSpace(content.ServiceId) ? null : content.ServiceId.Trim();

    /// <summary>
    /// The agency's cards that any of <paramref name="contents"/> would repeat, in one query, as an index to ask per
    /// content (<see cref="Lookup.Find"/>). <paramref name="cards"/> is the table (or a filtered view of it).
    /// </summary>
    public static async Task<Lookup> LookupAsync(IQueryable<ServiceCard> cards, int agencyId, IEnumerable<CardContent> contents, CancellationToken ct)
    {
        var list = contents.ToList();
        var titles = list.Select(c => TitleKey(c.Title)).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var serviceIds = list.Select(ServiceIdOf).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (titles.Count == 0 && serviceIds.Count == 0)
        {
            return new Lookup([]);
        }

        var found = await cards.AsNoTracking()
            .Where(c => c.AgencyId == agencyId && c.Status != CardStatus.Archived
                && (titles.Contains(c.TitleKey.Replace(" ", "")) || (c.ServiceId != null && serviceIds.Contains(c.ServiceId))))
            .Select(c => new ExistingCard(c.Id, c.Title, c.Status, c.ServiceId, c.RevisionOfId))
            .ToListAsync(ct);
        return new Lookup(found);
    }

    /// <summary>The one card <paramref name="content"/> would repeat in <paramref name="agencyId"/>, or null.</summary>
    public static async Task<ExistingCard?> FindAsync(IQueryable<ServiceCard> cards, int agencyId, CardContent content, CancellationToken ct) =>
        (await LookupAsync(cards, agencyId, [content], ct)).Find(content);

    /// <summary>The cards found by <see cref="LookupAsync"/>; cards added later (<see cref="Add"/>) count too.</summary>
    public sealed class Lookup
    {
        private readonly Dictionary<string, ExistingCard> _byTitle = new(StringComparer.Ordinal);
        private readonly Dictionary<string, ExistingCard> _byServiceId = new(StringComparer.Ordinal);

        internal Lookup(IEnumerable<ExistingCard> cards)
        {
            // The original before its revision, then the oldest: the card a person would mean.
            foreach (var card in cards.OrderBy(c => c.RevisionOfId is not null).ThenBy(c => c.Id))
            {
                Put(card, TitleKey(card.Title));
            }
        }

        /// <summary>No cards yet (the rows of one workbook, counted as they come).</summary>
        public static Lookup Empty() => new([]);

        /// <summary>The card <paramref name="content"/> would repeat: by service ID first, then by title; null when none.</summary>
        public ExistingCard? Find(CardContent content) =>
            ServiceIdOf(content) is { } id && _byServiceId.TryGetValue(id, out var byId) ? byId
            : _byTitle.TryGetValue(TitleKey(content.Title), out var byTitle) ? byTitle
            : null;

        /// <summary>Counts a card stored after the lookup (an earlier row of the same workbook).</summary>
        public void Add(int id, CardContent content) =>
            Put(new ExistingCard(id, content.Title.Trim(), CardStatus.Draft, ServiceIdOf(content), null), TitleKey(content.Title));

        private void Put(ExistingCard card, string titleKey)
        {
            if (titleKey.Length > 0)
            {
                _byTitle.TryAdd(titleKey, card);
            }

            if (card.ServiceId is { } id)
            {
                _byServiceId.TryAdd(id, card);
            }
        }
    }
}
