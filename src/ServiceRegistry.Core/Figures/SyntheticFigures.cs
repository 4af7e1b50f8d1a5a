using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Figures;

/// <summary>
/// Eight quarters of figures for each published synthetic card, written by the database itself in one
/// <c>INSERT … SELECT</c> (the same SQL on SQLite and PostgreSQL): volumes and channel shares vary with the card id and
/// the quarter, about one card in seven leaves its inquiries by hand unknown, one in eleven its satisfaction. The oldest
/// six quarters are locked, the last two submitted. Bulk rows keep no versions (they were never edited); the card's scope columns are written
/// here too, so the insert trigger has nothing to look up.
/// </summary>
public static class SyntheticFigures
{
    public const int Quarters = 8;

    /// <summary>Adds the returns for the published cards with ids from <paramref name="firstCardId"/>; returns the rows written.</summary>
    public static async Task<int> GenerateAsync(RegistryDbContext db, int firstCardId, DateTimeOffset now, CancellationToken ct)
    {
        var quarters = Quarter.Ending(Quarter.LastFinished(now), Quarters);
        var periods = string.Join(" UNION ALL ", quarters.Select((q, n) => string.Create(CultureInfo.InvariantCulture, $"SELECT '{q}' AS p, {n} AS n")));
        var at = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + (db.Database.IsNpgsql() ? "+00" : "");
        // v: requests in the quarter; the shares (percent) add up to at most 99, so in person is never negative.
        var sql = $"""
            INSERT INTO "QuarterlyReturns" ("CardId", "Period", "Status", "Version", "UpdatedAt", "UpdatedBy",
                "RequestsWebsite", "RequestsMobileApp", "RequestsEmail", "RequestsSms", "RequestsCallCenter", "RequestsCounterOffice",
                "RequestsPost", "RequestsOther", "RequestsInPerson", "Completed", "Rejected", "ProcessingDaysAverage", "ProcessingDaysP90",
                "InPersonVisits", "InquiriesOnline", "InquiriesByHand", "FeesCollectedRials", "SatisfiedShare", "SatisfactionAnswers", "Complaints",
                "ElectronicRequests", "AssistedRequests", "AllRequests", "TakeUp", "CardPublished", "AgencyId", "Province", "Maturity")
            SELECT x.id, x.p, CASE WHEN x.n < {Quarters - 2} THEN 'Locked' ELSE 'Submitted' END, 1, '{at}', 'سامانه',
                x.web, x.app, 0, 0, 0, x.counter, 0, 0, x.v - x.web - x.app - x.counter,
                x.v * 90 / 100, x.v * 5 / 100, 1.0 + (x.id % 30), 2.0 + 2 * (x.id % 30),
                2 * (x.v - x.web - x.app - x.counter), x.v / 3, CASE WHEN x.id % 7 = 0 THEN NULL ELSE x.v / 10 END,
                (x.v * 90 / 100) * (x.id % 5) * 10000,
                CASE WHEN x.id % 11 = 0 THEN NULL ELSE 0.5 + (x.id % 45) / 100.0 END, CASE WHEN x.id % 11 = 0 THEN NULL ELSE x.v / 10 END, x.id % 9,
                x.web + x.app, x.counter, x.v, (x.web + x.app) * 1.0 / x.v, x.published, x.agency, x.province, x.maturity
            FROM (
                SELECT c."Id" AS id, q.p AS p, q.n AS n, c."Status" = 'Published' AS published, c."AgencyId" AS agency, c."Province" AS province, c."Maturity" AS maturity,
                    20 + ((c."Id" % 10007) * 7919) % 5000 + q.n * 7 AS v,
                    (20 + ((c."Id" % 10007) * 7919) % 5000 + q.n * 7) * ((c."Id" % 10007) * 31 % 60 + q.n) / 100 AS web,
                    (20 + ((c."Id" % 10007) * 7919) % 5000 + q.n * 7) * ((c."Id" % 10007) * 17 % 15) / 100 AS app,
                    (20 + ((c."Id" % 10007) * 7919) % 5000 + q.n * 7) * ((c."Id" % 10007) * 13 % 20) / 100 AS counter
                FROM "Cards" c CROSS JOIN ({periods}) q
                WHERE c."Id" >= {firstCardId} AND c."Status" = 'Published'
            ) x
            """;
        return await db.Database.ExecuteSqlRawAsync(sql, ct);
    }
}
