using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Core.Text;
using ServiceRegistry.Web.Infrastructure;

namespace ServiceRegistry.Web.Pages.Cards.Import;

/// <summary>
/// Which card of the agency each read file repeats (<see cref="SameService"/>), for the flags of the batch page; the
/// agency is the one the review page preselects for the file (<see cref="AgencyOfAsync"/>).
/// </summary>
public static class ImportSameService
{
    /// <summary>The agency a file's card starts under: the person's agency whose name is what the file says, else their own.</summary>
    public static async Task<int?> AgencyOfAsync(RegistryDbContext db, Actor actor, CardContent? draft, CancellationToken ct) =>
        AgencyOf(await AgenciesAsync(db, actor, ct), actor, draft);

    /// <summary>The files of batch <paramref name="batchId"/> read and not yet saved that repeat a card, by position.</summary>
    public static async Task<IReadOnlyDictionary<int, ExistingCard>> ForBatchAsync(RegistryDbContext db, Actor actor, int batchId, CancellationToken ct)
    {
        var items = await db.ImportItems.AsNoTracking()
            .Where(i => i.BatchId == batchId && i.CardId == null && (i.Outcome == ImportOutcome.Imported || i.Outcome == ImportOutcome.NeedsReview))
            .Select(i => new { i.Position, i.Draft })
            .ToListAsync(ct);
        var found = new Dictionary<int, ExistingCard>();
        if (items.Count == 0)
        {
            return found;
        }

        var agencies = await AgenciesAsync(db, actor, ct);
        var byAgency = items.Where(i => i.Draft is not null)
            .Select(i => (i.Position, Draft: i.Draft!, Agency: AgencyOf(agencies, actor, i.Draft)))
            .Where(i => i.Agency is not null)
            .GroupBy(i => i.Agency!.Value);
        foreach (var group in byAgency)
        {
            var lookup = await SameService.LookupAsync(db.Cards, group.Key, group.Select(i => i.Draft), ct);
            foreach (var (position, draft, _) in group)
            {
                if (lookup.Find(draft) is { } same)
                {
                    found[position] = same;
                }
            }
        }

        return found;
    }

    private static Task<List<(int Id, string Name)>> AgenciesAsync(RegistryDbContext db, Actor actor, CancellationToken ct) =>
        db.Agencies.AsNoTracking().Where(actor.MayFileUnder()).Select(a => new ValueTuple<int, string>(a.Id, a.Name)).ToListAsync(ct);

    private static int? AgencyOf(List<(int Id, string Name)> agencies, Actor actor, CardContent? draft)
    {
        var written = PersianText.Normalize(draft?.Provider?.Agency);
        var named = written.Length == 0 ? null : agencies.FirstOrDefault(a => PersianText.Normalize(a.Name) == written) is { Id: > 0 } a ? a.Id : (int?)null;
        return named ?? AgencyChoice.Default(actor);
    }
}
