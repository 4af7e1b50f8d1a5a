using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Figures;

/// <summary>
/// Four quarters of figures for each demo service (the four ending with the last finished quarter): plausible volumes for
/// what each service is, some figures left unknown, the older three locked and the last one submitted. The demo service
/// with the highest declared level (4) gets a low take-up, so the declared-vs-measured gap list has something to show.
/// </summary>
public static class DemoFigures
{
    /// <summary>One quarter of a profile: website, mobile app, counter offices, in person, and the rest as shares.</summary>
    private sealed record Row(long Web, long App, long Counter, long InPerson, double Days, double P90, double? Satisfied, long? Answers, long? Complaints, long? FeePerCompleted, long? ByHand);

    // Oldest quarter first. Volumes grow or shift a little each quarter; nulls are figures the agency did not report.
    private static readonly Dictionary<string, Row[]> Profiles = new(StringComparer.Ordinal)
    {
        ["residence-documents"] =
        [
            new(9_200, 2_100, 14_800, 3_900, 18, 41, 0.62, 1_450, 310, 1_200_000, 2_900),
            new(10_400, 2_600, 14_100, 3_500, 17, 38, 0.64, 1_610, 295, 1_200_000, 2_700),
            new(11_900, 3_300, 13_200, 3_100, 15.5, 35, 0.67, 1_820, 270, 1_350_000, null),
            new(13_100, 4_000, 12_600, 2_700, 14, 31, 0.69, 2_040, 251, 1_350_000, 2_100),
        ],
        ["municipality-grading"] =
        [
            new(38, 0, 0, 6, 42, 75, null, null, 1, null, 4),
            new(41, 0, 0, 4, 40, 70, 0.8, 20, 0, null, 3),
            new(45, 0, 0, 3, 37, 66, 0.82, 25, 0, null, 2),
            new(47, 0, 0, 2, 35, 60, 0.85, 31, null, null, 2),
        ],
        ["regional-accounts"] =
        [
            new(5, 0, 0, 9, 95, 150, null, null, null, 0, 6),
            new(6, 0, 0, 8, 90, 140, null, null, null, 0, 6),
            new(6, 0, 0, 8, 92, 139, null, null, 0, 0, 5),
            new(7, 0, 0, 7, 88, 130, 0.7, 9, 0, 0, 5),
        ],
        ["mayors-training"] =
        [
            new(60, 0, 0, 140, 30, 45, 0.74, 160, 3, 0, null),
            new(72, 0, 0, 131, 30, 45, 0.78, 170, 2, 0, null),
            new(55, 0, 0, 150, 28, 44, 0.71, 150, 5, 0, null),
            new(90, 0, 0, 120, 27, 40, 0.8, 180, 1, 0, null),
        ],
        ["service-desk-supervision"] =
        [
            new(120, 0, 0, 80, 12, 25, 0.58, 60, 9, null, 20),
            new(135, 0, 0, 72, 11, 22, 0.61, 66, 7, null, 18),
            new(150, 0, 0, 70, 10, 20, 0.6, 70, 8, null, 15),
            new(171, 0, 0, 61, 9, 18, 0.63, 75, 6, null, 14),
        ],
    };

    /// <summary>The low take-up profile given to the demo service with the highest declared level.</summary>
    private static Row[] Low(Row[] rows) => [.. rows.Select(r =>
    {
        var all = r.Web + r.App + r.Counter + r.InPerson;
        var electronic = all * 3 / 10;
        return r with { Web = electronic, App = 0, Counter = all / 10, InPerson = all - electronic - (all / 10) };
    })];

    /// <summary>Adds the four quarters to every published demo card that has no returns yet, by its file name (an
    /// instance, «residence-documents.tehran», takes its template's profile). A template has none of its own: the
    /// offices that carry it out report.</summary>
    public static async Task SeedAsync(RegistryDbContext db, IReadOnlyDictionary<string, ServiceCard> demo, DateTimeOffset now, CancellationToken ct)
    {
        var quarters = Quarter.Ending(Quarter.LastFinished(now), 4);
        var cards = demo.Where(d => d.Value.Status == CardStatus.Published && !d.Value.IsTemplate).ToList();
        var highest = cards.Select(d => d.Value).OrderByDescending(c => c.Maturity).ThenBy(c => c.Id).FirstOrDefault();
        foreach (var (name, card) in cards)
        {
            if (!Profiles.TryGetValue(name.Split('.')[0], out var rows) || await db.QuarterlyReturns.AnyAsync(r => r.CardId == card.Id, ct))
            {
                continue;
            }

            rows = card == highest && card.Maturity >= 4 ? Low(rows) : rows;
            var offered = Derived.Offered(card.Content);
            for (var i = 0; i < 4; i++)
            {
                var r = rows[i];
                var all = r.Web + r.App + r.Counter + r.InPerson;
                var completed = all * 92 / 100;
                var figures = new QuarterFigures
                {
                    Requests = new ChannelRequests { Website = r.Web, MobileApp = r.App, Email = 0, Sms = 0, CallCenter = 0, CounterOffice = r.Counter, Post = 0, Other = 0, InPerson = r.InPerson },
                    Completed = completed,
                    Rejected = all * 5 / 100,
                    ProcessingDays = new ProcessingDays { Average = r.Days, P90 = r.P90 },
                    InPersonVisits = r.InPerson == 0 ? 0 : r.InPerson * 2,
                    Inquiries = new InquiryCounts { Online = all / 2, ByHand = r.ByHand },
                    FeesCollectedRials = r.FeePerCompleted is { } fee ? fee * completed : null,
                    Satisfaction = new Satisfaction { SatisfiedShare = r.Satisfied, Answers = r.Answers },
                    Complaints = r.Complaints,
                };
                db.QuarterlyReturns.Add(QuarterlyReturn.Seeded(card.Id, quarters[i], figures, offered, i < 3 ? ReturnStatus.Locked : ReturnStatus.Submitted, now));
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
