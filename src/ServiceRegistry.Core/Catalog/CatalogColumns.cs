using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Catalog;

/// <summary>Fills the catalog's promoted columns of cards stored before migration 20261121010000_Catalog added them.</summary>
public static class CatalogColumns
{
    public static async Task<int> BackfillAsync(RegistryDbContext db, CancellationToken ct = default)
    {
        var done = 0;
        while (true)
        {
            var batch = await db.Cards.Where(c => c.TitleKey == "" && c.Title != "").OrderBy(c => c.Id).Take(500).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return done;
            }

            foreach (var card in batch)
            {
                card.Derive();
            }

            if (batch.All(c => c.TitleKey.Length == 0))
            {
                return done; // titles without letters or digits: nothing more to fill
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += batch.Count;
        }
    }
}
