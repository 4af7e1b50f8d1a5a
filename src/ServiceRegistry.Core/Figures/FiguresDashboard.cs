using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Figures;

/// <summary>One quarter of the take-up trend: how many services reported and the requests of those whose channels are all known.</summary>
public sealed record TrendPoint(Quarter Period, int Reporting, long? Electronic, long? Assisted, long? All)
{
    public double? TakeUp => All is > 0 ? (double)Electronic!.Value / All.Value : null;
    public double? AssistedShare => All is > 0 ? (double)Assisted!.Value / All.Value : null;
}

/// <summary>A service in a list of the last quarter (high volume, the gap list): its requests and measured take-up beside its declared level.</summary>
public sealed record ServiceFigure(int CardId, string Title, string Agency, string? Province, int DeclaredLevel, long? Requests, double? TakeUp);

/// <summary>A row of the take-up ranking: an agency (nation and province views) or a service (agency view).</summary>
public sealed record TakeUpRank(string Name, string? Link, long Electronic, long All)
{
    public double TakeUp => All == 0 ? 0 : (double)Electronic / All;
}

/// <summary>An agency with published services that sent no return for the last quarter.</summary>
public sealed record NotReported(int AgencyId, string Agency, int Services, int Missing);

/// <summary>What the dashboard shows of the quarterly figures for one scope (nation, province, agency).</summary>
public sealed record FiguresView(
    Quarter Last, IReadOnlyList<TrendPoint> Trend, int Services, int Reporting, IReadOnlyList<ServiceFigure> HighVolume,
    IReadOnlyList<ServiceFigure> Gaps, int GapCount, IReadOnlyList<TakeUpRank> Ranking, IReadOnlyList<NotReported>? NotReported)
{
    /// <summary>Data coverage: the share of published services that reported the last quarter (null with no services).</summary>
    public double? Coverage => Services == 0 ? null : (double)Reporting / Services;
}

/// <summary>
/// The dashboard's quarterly figures, summed in the database from the returns' stored derived columns (electronic,
/// assisted, all requests; null when a channel the card lists is unknown): the take-up trend over eight quarters, data
/// coverage, the largest services, the declared-vs-measured gap list (level 4, take-up under half), rankings by measured
/// take-up, and (for heads, reviewers and the national office) the agencies that have not reported the last quarter.
/// </summary>
public sealed class FiguresDashboard(RegistryDbContext db, FiguresQuery query, TimeProvider time)
{
    public const int TrendQuarters = 8;
    public const int ListSize = 10;
    public const int GapListSize = 50;

    public async Task<FiguresView> ViewAsync(string? province, int? agencyId, Actor actor, CancellationToken ct)
    {
        var last = Quarter.LastFinished(time.GetUtcNow());
        var periods = Quarter.Ending(last, TrendQuarters).ToList();
        var cards = query.PublishedCards(province, agencyId);
        var returns = query.ScopedReturns(province, agencyId);

        var trendRows = await returns.Where(r => periods.Contains(r.Period))
            .GroupBy(r => r.Period)
            .Select(g => new
            {
                Period = g.Key,
                Reporting = g.Count(),
                Known = g.Count(r => r.AllRequests != null),
                Electronic = g.Sum(r => r.AllRequests != null ? r.ElectronicRequests ?? 0 : 0),
                Assisted = g.Sum(r => r.AllRequests != null ? r.AssistedRequests ?? 0 : 0),
                All = g.Sum(r => r.AllRequests ?? 0),
            })
            .ToListAsync(ct);
        var trend = periods.Select(p => trendRows.FirstOrDefault(t => t.Period == p) is { } t
            ? new TrendPoint(p, t.Reporting, t.Known == 0 ? null : t.Electronic, t.Known == 0 ? null : t.Assisted, t.Known == 0 ? null : t.All)
            : new TrendPoint(p, 0, null, null, null)).ToList();

        var services = await cards.CountAsync(ct);
        var lastReturns = returns.Where(r => r.Period == last);
        // Both lists are read in order from their indexes (IX_QuarterlyReturns_Volume backwards, so among equal volumes
        // the newer card comes first; IX_QuarterlyReturns_Gap forwards), not sorted from the quarter's returns.
        var highVolume = await ListAsync(lastReturns.Where(r => r.AllRequests != null).OrderByDescending(r => r.AllRequests).ThenByDescending(r => r.CardId).Take(ListSize), ct);
        var gapQuery = lastReturns.Where(r => r.Maturity >= 4 && r.TakeUp < Derived.GapThreshold);
        var gapCount = await gapQuery.CountAsync(ct);
        var gaps = await ListAsync(gapQuery.OrderBy(r => r.TakeUp).ThenBy(r => r.CardId).Take(GapListSize), ct);

        IReadOnlyList<TakeUpRank> ranking;
        if (agencyId is null)
        {
            var byAgency = await lastReturns.Where(r => r.AllRequests > 0)
                .GroupBy(r => r.AgencyId!.Value)
                .Select(g => new { Agency = g.Key, Electronic = g.Sum(r => r.ElectronicRequests ?? 0), All = g.Sum(r => r.AllRequests ?? 0) })
                .ToListAsync(ct);
            var ids = byAgency.Select(a => a.Agency).ToList();
            var names = await db.Agencies.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
            ranking = byAgency.Select(a => new TakeUpRank(names[a.Agency], $"/dashboard/agency/{a.Agency}", a.Electronic, a.All))
                .OrderByDescending(r => r.TakeUp).ThenByDescending(r => r.All).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        }
        else
        {
            ranking = (await (from r in lastReturns
                              where r.AllRequests > 0
                              join c in db.Cards on r.CardId equals c.Id
                              select new { c.Id, c.Title, Electronic = r.ElectronicRequests ?? 0, All = r.AllRequests ?? 0 })
                    .ToListAsync(ct))
                .Select(s => new TakeUpRank(s.Title, $"/services/{s.Id}", s.Electronic, s.All))
                .OrderByDescending(r => r.TakeUp).ThenByDescending(r => r.All).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        }

        return new FiguresView(last, trend, services, trend[^1].Reporting, highVolume, gaps, gapCount, ranking,
            await NotReportedAsync(cards, last, actor, ct));
    }

    /// <summary>A short list of returns (already ordered and cut) with their services' titles, agencies and provinces, in that order.</summary>
    private async Task<IReadOnlyList<ServiceFigure>> ListAsync(IQueryable<QuarterlyReturn> top, CancellationToken ct)
    {
        var rows = await top.Select(r => new { r.CardId, r.AllRequests, r.TakeUp }).ToListAsync(ct);
        var ids = rows.Select(r => r.CardId).ToList();
        var cards = await db.Cards.Where(c => ids.Contains(c.Id))
            .Select(c => new { c.Id, c.Title, Agency = c.Agency!.Name, c.Province, c.Maturity })
            .ToDictionaryAsync(c => c.Id, ct);
        return rows.Select(r =>
        {
            var c = cards[r.CardId];
            return new ServiceFigure(r.CardId, c.Title, c.Agency, c.Province, c.Maturity, r.AllRequests, r.TakeUp);
        }).ToList();
    }

    /// <summary>Agencies in scope (and in the person's reach) with published services and no submitted return for the quarter;
    /// null for those who are not heads, reviewers or the national office.</summary>
    private async Task<IReadOnlyList<NotReported>?> NotReportedAsync(IQueryable<ServiceCard> cards, Quarter last, Actor actor, CancellationToken ct)
    {
        var isHead = actor.Roles.Contains(Roles.AgencyHead);
        if (!actor.IsAdmin && !actor.IsReviewer && !isHead)
        {
            return null;
        }

        var scope = isHead ? actor.AgencyScope.ToList() : [];
        var province = actor.IsReviewer ? actor.Province : null;
        var all = actor.IsAdmin;
        var rows = await cards.Where(c => all || scope.Contains(c.AgencyId) || (province != null && c.Province == province))
            .GroupBy(c => c.AgencyId)
            .Select(g => new
            {
                Agency = g.Key,
                Services = g.Count(),
                Missing = g.Count(c => !db.QuarterlyReturns.Any(r => r.CardId == c.Id && r.Period == last && r.Status != ReturnStatus.Draft)),
            })
            .Where(g => g.Missing > 0)
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Agency).ToList();
        var names = await db.Agencies.Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return rows.Select(r => new NotReported(r.Agency, names[r.Agency], r.Services, r.Missing))
            .OrderByDescending(r => r.Missing).ThenBy(r => r.Agency, StringComparer.Ordinal).ToList();
    }
}
