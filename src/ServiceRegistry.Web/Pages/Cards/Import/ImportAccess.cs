using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Imports;

namespace ServiceRegistry.Web.Pages.Cards.Import;

/// <summary>Who sees an import batch: the person who uploaded it, and the national office. Anyone else gets 404.</summary>
public static class ImportAccess
{
    public static IQueryable<ImportBatch> Visible(this IQueryable<ImportBatch> batches, Actor actor) =>
        actor.IsAdmin ? batches : batches.Where(b => b.OwnerId == actor.UserId);
}
