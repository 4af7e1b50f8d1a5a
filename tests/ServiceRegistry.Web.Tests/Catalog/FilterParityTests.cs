using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Catalog;
using Dashboard = ServiceRegistry.Core.Statistics.Dashboard;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Catalog;

/// <summary>
/// One filter, every path: each facet value (every facet of <see cref="Facets.All"/>), a text query and combinations go
/// through the list API (the in-memory snapshot), each export format (SQL through <see cref="CatalogFilters.Apply"/>),
/// the dashboard's services list and its figures and completeness (SQL aggregates), and must find exactly the cards a
/// plain C# reading of the same columns finds. Runs on whichever database the run uses (both, in scripts/test.sh).
/// </summary>
public sealed partial class FilterParityTests : IAsyncLifetime
{
    private const string Word = "پروانه";
    private readonly RegistryApp _app = new();
    private readonly Dictionary<string, int> _idByTitle = [];
    private List<ServiceCard> _cards = [];
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var r = new Random(11);
        string[] agencies = ["اداره کل الف", "اداره کل ب", "وزارت ج"];
        string?[] provinces = ["فارس", "کرمان", null];
        var builders = new List<CardBuilder>();
        for (var i = 0; i < 36; i++)
        {
            var a = r.Next(agencies.Length);
            var number = PersianNumber(i + 1);
            var title = i % 3 == 0 ? $"صدور {Word} شماره {number}" : $"خدمت آزمون شماره {number}";
            var builder = new CardBuilder().Titled(title).OfAgency(agencies[a], provinces[a]).With(c =>
            {
                c.ServiceTypes = Pick(r, Enum.GetValues<ServiceType>());
                c.Levels = Pick(r, Enum.GetValues<ServiceLevel>());
                c.LifeEvents = Pick(r, Enum.GetValues<LifeEvent>().Take(6).ToArray());
                c.Nature = r.Next(3) switch { 0 => null, 1 => Nature.Sovereign, _ => Nature.Enterprise };
                c.Fees = r.Next(2) == 0 ? new() { Free = true } : new() { AmountsRials = [1_000 * (i + 1)] };
                var stages = c.Stages.All().Select(s => s.Stage).ToList();
                var electronic = r.Next(5);
                for (var s = 0; s < stages.Count; s++)
                {
                    stages[s].Electronic = s < electronic;
                    stages[s].InPerson = s >= electronic;
                }
            });
            builders.Add(r.Next(5) switch
            {
                0 => builder,
                1 => builder.InStatus(CardStatus.Submitted),
                _ => builder.Published((10_000 + i).ToString(CultureInfo.InvariantCulture)),
            });
        }

        var seeded = await _app.SeedAsync([.. builders]);
        foreach (var card in seeded)
        {
            _idByTitle[card.Title] = card.Id;
        }

        _cards = await _app.WithDbAsync(db => db.Cards.AsNoTracking().ToListAsync(Ct));
        _client = _app.CreateBrowserlessClient();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Every value of every facet, the words alone and with facets, and a few combinations.</summary>
    private IEnumerable<(string Query, CatalogFilter Filter)> Filters()
    {
        foreach (var t in Enum.GetValues<ServiceType>())
        {
            yield return ($"type={Labels.Code(t)}", new CatalogFilter { Type = t });
        }

        foreach (var l in Enum.GetValues<ServiceLevel>())
        {
            yield return ($"level={Labels.Code(l)}", new CatalogFilter { Level = l });
        }

        foreach (var e in Enum.GetValues<LifeEvent>().Take(7))
        {
            yield return ($"lifeEvent={Labels.Code(e)}", new CatalogFilter { LifeEvent = e });
        }

        foreach (var n in Enum.GetValues<Nature>())
        {
            yield return ($"nature={Labels.Code(n)}", new CatalogFilter { Nature = n });
        }

        for (var m = 0; m <= MaturityLevel.Max; m++)
        {
            yield return ($"maturity={m}", new CatalogFilter { Maturity = m });
        }

        yield return ("free=true", new CatalogFilter { Free = true });
        yield return ("free=false", new CatalogFilter { Free = false });
        foreach (var agency in _cards.Select(c => c.AgencyId).Distinct().Order())
        {
            yield return ($"agency={agency}", new CatalogFilter { Agency = agency });
        }

        foreach (var province in new[] { "فارس", "کرمان" })
        {
            yield return ($"province={Uri.EscapeDataString(province)}", new CatalogFilter { Province = province });
        }

        yield return ($"q={Uri.EscapeDataString(Word)}", new CatalogFilter { Q = Word });
        yield return ($"q={Uri.EscapeDataString("صدور پرو")}&type=G2C", new CatalogFilter { Q = "صدور پرو", Type = ServiceType.G2C });
        yield return ($"province={Uri.EscapeDataString("فارس")}&free=true&level=national", new CatalogFilter { Province = "فارس", Free = true, Level = ServiceLevel.National });
        var first = _cards.Min(c => c.AgencyId);
        yield return ($"agency={first}&maturity=2&q={Uri.EscapeDataString("شماره")}", new CatalogFilter { Agency = first, Maturity = 2, Q = "شماره" });
        yield return ("nature=enterprise&lifeEvent=business&type=g2b", new CatalogFilter { Nature = Nature.Enterprise, LifeEvent = LifeEvent.Business, Type = ServiceType.G2B });
    }

    [Fact]
    public async Task EveryFacet_ListExportsAndDashboard_FindTheSameCards()
    {
        var checkedFilters = 0;
        var nonEmpty = 0;
        foreach (var (query, filter) in Filters())
        {
            // Arrange: what the promoted columns say, read in C#
            var expected = Expected(filter);
            nonEmpty += expected.Count > 0 ? 1 : 0;

            // Act + Assert: each path
            Assert.True(expected.SetEquals(await ListAsync(query)), $"list API, {query}");
            Assert.True(expected.SetEquals(await CsvAsync(query)), $"csv export, {query}");
            Assert.True(expected.SetEquals(await XlsxAsync(query)), $"xlsx export, {query}");
            Assert.True(expected.SetEquals(await JsonAsync(query)), $"json export, {query}");
            Assert.True(expected.SetEquals(await JsonLdAsync(query)), $"jsonld export, {query}");
            Assert.True(expected.SetEquals(await DashboardServicesAsync(query)), $"dashboard services, {query}");
            await AssertDashboardFiguresAsync(filter, expected, query);
            checkedFilters++;
        }

        Assert.True(checkedFilters > 30 && nonEmpty > 20, $"{checkedFilters} filters, {nonEmpty} with results");
    }

    private HashSet<int> Expected(CatalogFilter f, bool anyStatus = false) => _cards
        .Where(c => anyStatus ? c.Status != CardStatus.Archived : c.Status == CardStatus.Published)
        .Where(c => f.Type is null || (c.Types & (1 << (int)f.Type)) != 0)
        .Where(c => f.Level is null || (c.Levels & (1 << (int)f.Level)) != 0)
        .Where(c => f.LifeEvent is null || (c.LifeEvents & (1 << (int)f.LifeEvent)) != 0)
        .Where(c => f.Nature is null || c.Nature == f.Nature)
        .Where(c => f.Maturity is null || c.Maturity == f.Maturity)
        .Where(c => f.Free is null || c.IsFree == f.Free)
        .Where(c => f.Agency is null || c.AgencyId == f.Agency)
        .Where(c => f.Province is null || c.Province == f.Province)
        .Where(c => f.Words.All(w => $"{c.TitleKey} {c.SearchText}".Split(' ').Any(x => x.StartsWith(w, StringComparison.Ordinal))))
        .Select(c => c.Id).ToHashSet();

    private async Task<HashSet<int>> ListAsync(string query)
    {
        var list = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/services?{query}&pageSize=100", Ct);
        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToHashSet();
        Assert.Equal(ids.Count, list.GetProperty("total").GetInt32());
        return ids;
    }

    private async Task<byte[]> ExportAsync(string query, string format)
    {
        var response = await _client.GetAsync($"/api/v1/services/export?format={format}&{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    private async Task<HashSet<int>> CsvAsync(string query)
    {
        var text = Encoding.UTF8.GetString(await ExportAsync(query, "csv")).TrimStart('\uFEFF');
        return CsvRows(text).Skip(1).Select(row => int.Parse(row[0], CultureInfo.InvariantCulture)).ToHashSet();
    }

    private async Task<HashSet<int>> XlsxAsync(string query)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(await ExportAsync(query, "xlsx")), false);
        var workbook = document.WorkbookPart!;
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        return sheet.Worksheet.Descendants<Row>().Skip(1)
            .Select(row => row.Elements<Cell>().First())
            .Select(cell => cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.InnerText, CultureInfo.InvariantCulture)] : cell.InnerText)
            .Select(text => int.Parse(text, CultureInfo.InvariantCulture)).ToHashSet();
    }

    private async Task<HashSet<int>> JsonAsync(string query)
    {
        using var json = JsonDocument.Parse(await ExportAsync(query, "json"));
        return json.RootElement.EnumerateArray().Select(card => _idByTitle[card.GetProperty("title").GetString()!]).ToHashSet();
    }

    private async Task<HashSet<int>> JsonLdAsync(string query)
    {
        var text = Encoding.UTF8.GetString(await ExportAsync(query, "jsonld"));
        return ServiceIri().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToHashSet();
    }

    private async Task<HashSet<int>> DashboardServicesAsync(string query)
    {
        var response = await _client.GetAsync($"/dashboard?{query}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await RegistryApp.ParseAsync(response);
        return page.QuerySelectorAll("#services tr[data-service]")
            .Select(row => int.Parse(row.GetAttribute("data-service")!, CultureInfo.InvariantCulture)).ToHashSet();
    }

    /// <summary>The dashboard's SQL figures: services per agency (published), and completeness (every status but
    /// archived) for the national administrator.</summary>
    private async Task AssertDashboardFiguresAsync(CatalogFilter filter, HashSet<int> expected, string query)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<Dashboard>();
        var figures = await dashboard.FiguresAsync(filter, Ct);
        var byAgency = _cards.Where(c => expected.Contains(c.Id)).GroupBy(c => c.AgencyId.ToString(CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.True(expected.Count == figures.Total.Services, $"dashboard total, {query}");
        Assert.True(byAgency.OrderBy(p => p.Key).SequenceEqual(figures.Agencies.Select(a => KeyValuePair.Create(a.Key, a.Services)).OrderBy(p => p.Key)),
            $"dashboard agencies, {query}");

        var admin = new Actor(1, "مدیر", new HashSet<string> { Roles.NationalAdmin }, null, new HashSet<int>(), null);
        var completeness = await dashboard.CompletenessAsync(filter, admin, Ct);
        var inWork = _cards.Where(c => Expected(filter, anyStatus: true).Contains(c.Id)).GroupBy(c => c.AgencyId)
            .ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.True(inWork.OrderBy(p => p.Key).SequenceEqual(completeness!.Select(r => KeyValuePair.Create(r.AgencyId, r.Cards)).OrderBy(p => p.Key)),
            $"dashboard completeness, {query}");
    }

    private static List<T> Pick<T>(Random r, T[] values) => values.Where(_ => r.Next(3) == 0).ToList();

    private static string PersianNumber(int n) => string.Concat(n.ToString(CultureInfo.InvariantCulture).Select(d => (char)('۰' + (d - '0'))));

    /// <summary>RFC 4180 rows (quoted fields may hold commas, quotes and line breaks).</summary>
    internal static IEnumerable<List<string>> CsvRows(string text)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                yield return row;
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }

    [GeneratedRegex("\"@id\"\\s*:\\s*\"[^\"]*/services/(\\d+)\"")]
    private static partial Regex ServiceIri();
}
