using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Figures;

/// <summary>The sum of one figure over the returns that report it: null when none does (unknown, never zero).</summary>
public sealed record FigureSum(long? Sum, int Reporting);

/// <summary>Published services' figures for one quarter, summed over a scope (nation, a province, an agency). Only returns
/// that are submitted or locked count; drafts are the agency's own.</summary>
public sealed record QuarterAggregate(
    Quarter Period,
    int Services,
    int Reporting,
    IReadOnlyDictionary<string, FigureSum> Requests,
    FigureSum Completed,
    FigureSum Rejected,
    FigureSum InPersonVisits,
    FigureSum InquiriesOnline,
    FigureSum InquiriesByHand,
    FigureSum FeesCollectedRials,
    FigureSum Complaints,
    FigureSum SatisfactionAnswers,
    double? SatisfiedShare,
    double? ProcessingDaysAverage,
    long? ElectronicRequests,
    long? AssistedRequests,
    long? AllRequests)
{
    /// <summary>Share of the published services in scope that sent a return for the quarter.</summary>
    public double? Coverage => Services == 0 ? null : (double)Reporting / Services;

    /// <summary>Electronic ÷ all requests over the services whose requests are fully known.</summary>
    public double? TakeUp => AllRequests is > 0 ? (double)ElectronicRequests!.Value / AllRequests.Value : null;

    public double? AssistedShare => AllRequests is > 0 ? (double)AssistedRequests!.Value / AllRequests.Value : null;
}

/// <summary>Reads of returns for the API, the exports and the dashboard: EF Core directly, sums in the database.</summary>
public sealed class FiguresQuery(RegistryDbContext db)
{
    /// <summary>Published cards in scope (province: the card's province; agency: the card's own agency, as the dashboard counts).</summary>
    public IQueryable<ServiceCard> PublishedCards(string? province, int? agencyId) =>
        db.Cards.Where(c => c.Status == CardStatus.Published
            && (province == null || c.Province == province)
            && (agencyId == null || c.AgencyId == agencyId));

    /// <summary>The public returns (submitted or locked) of published cards in scope, every quarter: filtered on the card's
    /// scope stored on the return (<see cref="QuarterlyReturn.CardPublished"/> …), so no return is joined to its card.</summary>
    public IQueryable<QuarterlyReturn> ScopedReturns(string? province, int? agencyId) =>
        db.QuarterlyReturns.Where(r => r.CardPublished && r.Status != ReturnStatus.Draft
            && (province == null || r.Province == province)
            && (agencyId == null || r.AgencyId == agencyId));

    /// <summary>The public returns (submitted or locked) of published cards in scope for one quarter.</summary>
    public IQueryable<QuarterlyReturn> PublicReturns(Quarter period, string? province, int? agencyId) =>
        ScopedReturns(province, agencyId).Where(r => r.Period == period);

    /// <summary>One card's returns, newest first; drafts only when asked (<see cref="QuarterlyReturn.SeesDrafts"/>).</summary>
    public async Task<IReadOnlyList<QuarterlyReturn>> OfCardAsync(int cardId, bool drafts, CancellationToken ct) =>
        await db.QuarterlyReturns.AsNoTracking()
            .Where(r => r.CardId == cardId && (drafts || r.Status != ReturnStatus.Draft))
            .OrderByDescending(r => r.Period)
            .ToListAsync(ct);

    public async Task<QuarterAggregate> AggregateAsync(Quarter period, string? province, int? agencyId, CancellationToken ct)
    {
        var services = await PublishedCards(province, agencyId).CountAsync(ct);
        var row = await PublicReturns(period, province, agencyId)
            .GroupBy(r => 1)
            .Select(g => new
            {
                Count = g.Count(),
                Web = g.Sum(r => r.RequestsWebsite ?? 0), WebN = g.Count(r => r.RequestsWebsite != null),
                App = g.Sum(r => r.RequestsMobileApp ?? 0), AppN = g.Count(r => r.RequestsMobileApp != null),
                Mail = g.Sum(r => r.RequestsEmail ?? 0), MailN = g.Count(r => r.RequestsEmail != null),
                Sms = g.Sum(r => r.RequestsSms ?? 0), SmsN = g.Count(r => r.RequestsSms != null),
                Call = g.Sum(r => r.RequestsCallCenter ?? 0), CallN = g.Count(r => r.RequestsCallCenter != null),
                Counter = g.Sum(r => r.RequestsCounterOffice ?? 0), CounterN = g.Count(r => r.RequestsCounterOffice != null),
                Post = g.Sum(r => r.RequestsPost ?? 0), PostN = g.Count(r => r.RequestsPost != null),
                Other = g.Sum(r => r.RequestsOther ?? 0), OtherN = g.Count(r => r.RequestsOther != null),
                InPerson = g.Sum(r => r.RequestsInPerson ?? 0), InPersonN = g.Count(r => r.RequestsInPerson != null),
                Completed = g.Sum(r => r.Completed ?? 0), CompletedN = g.Count(r => r.Completed != null),
                Rejected = g.Sum(r => r.Rejected ?? 0), RejectedN = g.Count(r => r.Rejected != null),
                Visits = g.Sum(r => r.InPersonVisits ?? 0), VisitsN = g.Count(r => r.InPersonVisits != null),
                Online = g.Sum(r => r.InquiriesOnline ?? 0), OnlineN = g.Count(r => r.InquiriesOnline != null),
                ByHand = g.Sum(r => r.InquiriesByHand ?? 0), ByHandN = g.Count(r => r.InquiriesByHand != null),
                Fees = g.Sum(r => r.FeesCollectedRials ?? 0), FeesN = g.Count(r => r.FeesCollectedRials != null),
                Complaints = g.Sum(r => r.Complaints ?? 0), ComplaintsN = g.Count(r => r.Complaints != null),
                Answers = g.Sum(r => r.SatisfiedShare != null ? r.SatisfactionAnswers ?? 0 : 0), AnswersN = g.Count(r => r.SatisfiedShare != null && r.SatisfactionAnswers != null),
                Satisfied = g.Sum(r => r.SatisfiedShare != null && r.SatisfactionAnswers != null ? r.SatisfiedShare.Value * r.SatisfactionAnswers.Value : 0),
                Days = g.Sum(r => r.ProcessingDaysAverage != null && r.Completed != null ? r.ProcessingDaysAverage.Value * r.Completed.Value : 0),
                DaysWeight = g.Sum(r => r.ProcessingDaysAverage != null && r.Completed != null ? r.Completed.Value : 0),
                Electronic = g.Sum(r => r.AllRequests != null ? r.ElectronicRequests ?? 0 : 0),
                Assisted = g.Sum(r => r.AllRequests != null ? r.AssistedRequests ?? 0 : 0),
                All = g.Sum(r => r.AllRequests ?? 0), AllN = g.Count(r => r.AllRequests != null),
            })
            .SingleOrDefaultAsync(ct);
        if (row is null)
        {
            var none = new FigureSum(null, 0);
            return new QuarterAggregate(period, services, 0, ChannelRequests.Keys.ToDictionary(k => k, _ => none, StringComparer.Ordinal),
                none, none, none, none, none, none, none, none, null, null, null, null, null);
        }

        static FigureSum S(long sum, int n) => new(n == 0 ? null : sum, n);
        var requests = new Dictionary<string, FigureSum>(StringComparer.Ordinal)
        {
            ["website"] = S(row.Web, row.WebN), ["mobileApp"] = S(row.App, row.AppN), ["email"] = S(row.Mail, row.MailN),
            ["sms"] = S(row.Sms, row.SmsN), ["callCenter"] = S(row.Call, row.CallN), ["counterOffice"] = S(row.Counter, row.CounterN),
            ["post"] = S(row.Post, row.PostN), ["other"] = S(row.Other, row.OtherN), ["inPerson"] = S(row.InPerson, row.InPersonN),
        };
        return new QuarterAggregate(period, services, row.Count, requests,
            S(row.Completed, row.CompletedN), S(row.Rejected, row.RejectedN), S(row.Visits, row.VisitsN), S(row.Online, row.OnlineN),
            S(row.ByHand, row.ByHandN), S(row.Fees, row.FeesN), S(row.Complaints, row.ComplaintsN), S(row.Answers, row.AnswersN),
            row.Answers > 0 ? row.Satisfied / row.Answers : null,
            row.DaysWeight > 0 ? row.Days / row.DaysWeight : null,
            row.AllN == 0 ? null : row.Electronic, row.AllN == 0 ? null : row.Assisted, row.AllN == 0 ? null : row.All);
    }
}
