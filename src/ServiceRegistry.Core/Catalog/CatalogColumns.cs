using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Catalog;

/// <summary>Fills the promoted columns of cards derived by older rules (or stored before the columns existed): every row
/// whose <see cref="ServiceCard.DerivedRevision"/> is below <see cref="ServiceCard.DerivationRevision"/> is derived again.
/// Runs at start-up after the migrations (CoreServices.InitializeRegistryAsync).</summary>
public static class CatalogColumns
{
    public static async Task<int> BackfillAsync(RegistryDbContext db, CancellationToken ct = default)
    {
        var done = 0;
        while (true)
        {
            var batch = await db.Cards.Where(c => c.DerivedRevision < ServiceCard.DerivationRevision).OrderBy(c => c.Id).Take(500).ToListAsync(ct);
            if (batch.Count == 0)
            {
                return done;
            }

            foreach (var card in batch)
            {
                card.Derive();
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            done += batch.Count;
        }
    }
}
