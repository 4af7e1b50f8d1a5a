using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exports;
using ServiceRegistry.Core.Statistics;

namespace ServiceRegistry.Core.Figures;

/// <summary>
/// Open data: one quarter's public returns (submitted or locked, published services) as CSV (the catalog export's
/// formula neutralising), .xlsx or JSON, one row per service with its service ID, the spec's keys as column names and
/// the derived take-up. Empty cells are unknown figures.
/// </summary>
public static class FiguresExport
{
    public static readonly IReadOnlyList<string> Headers =
    [
        "serviceId", "id", "title", "agency", "province", "period", "status",
        .. ReturnColumns.All.Select(c => c.Key), "digitalTakeUp", "assistedShare", "costPerTransaction",
    ];

    /// <summary>The rows in <see cref="Headers"/>' order (numbers as numbers, unknown as null), by service ID then id.</summary>
    public static async Task<IReadOnlyList<object?[]>> RowsAsync(RegistryDbContext db, FiguresQuery query, Quarter period, string? province, int? agencyId, CancellationToken ct)
    {
        var rows = await (from r in query.PublicReturns(period, province, agencyId)
                          join c in db.Cards on r.CardId equals c.Id
                          orderby c.ServiceId, c.Id
                          select new { r, c.ServiceId, c.Id, c.Title, Agency = c.Agency!.Name, c.Province })
            .AsNoTracking().ToListAsync(ct);
        return rows.Select(x =>
        {
            var f = x.r.Figures;
            object?[] figures =
            [
                f.Requests.Website, f.Requests.MobileApp, f.Requests.Email, f.Requests.Sms, f.Requests.CallCenter, f.Requests.CounterOffice,
                f.Requests.Post, f.Requests.Other, f.Requests.InPerson, f.Completed, f.Rejected, f.ProcessingDays.Average, f.ProcessingDays.P90,
                f.InPersonVisits, f.Inquiries.Online, f.Inquiries.ByHand, f.FeesCollectedRials, f.Satisfaction.SatisfiedShare, f.Satisfaction.Answers, f.Complaints,
            ];
            return (object?[])
            [
                x.ServiceId, x.Id, x.Title, x.Agency, x.Province, x.r.Period.ToString(), QuarterlyReturn.Code(x.r.Status),
                .. figures, x.r.TakeUp, x.r.AllRequests is > 0 ? (double)x.r.AssistedRequests!.Value / x.r.AllRequests.Value : null, Derived.CostPerTransaction(f),
            ];
        }).ToList();
    }

    public static async Task WriteCsvAsync(IReadOnlyList<object?[]> rows, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(string.Join(',', Headers.Select(CsvExport.Quote)));
        foreach (var row in rows)
        {
            await writer.WriteLineAsync(string.Join(',', row.Select(v => CsvExport.Quote(Text(v)))).AsMemory(), ct);
        }
    }

    public static async Task WriteJsonAsync(Quarter period, IReadOnlyList<object?[]> rows, Stream output, CancellationToken ct)
    {
        var items = rows.Select(row => Headers.Select((h, i) => (h, row[i])).ToDictionary(p => p.h, p => p.Item2, StringComparer.Ordinal)).ToList();
        await JsonSerializer.SerializeAsync(output, new Dictionary<string, object?>(StringComparer.Ordinal) { ["period"] = period.ToString(), ["items"] = items }, FiguresJson.Options, ct);
    }

    public static void WriteXlsx(Quarter period, IReadOnlyList<object?[]> rows, Stream output) =>
        DashboardWorkbook.Write(output, [new Sheet(period.ToString(), Headers, rows)]);

    private static string? Text(object? value) => value switch
    {
        null => null,
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
