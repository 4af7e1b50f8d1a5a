using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Seeding;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Api;

/// <summary>Exports of a filtered list open in their natural readers; the workbook imports back into drafts.</summary>
public sealed class ExportsApiTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new() { SeedDemoData = true };
    private HttpClient _client = null!;
    private HttpClient _editor = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = _app.CreateBrowserlessClient();
        _editor = await _app.ClientAsAsync(await _app.UserAsync(Roles.AgencyEditor, "اداره کل آزمایش", "تهران"));
        await _client.GetAsync("/healthz");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<byte[]> ExportAsync(string format, string filter = "")
    {
        var response = await _client.GetAsync($"/api/v1/services/export?format={format}{filter}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    [Fact]
    public async Task Xlsx_HasTheServicesSheetAndOneSheetPerRepeatedPart_WithPersianHeaders()
    {
        // Act
        var bytes = await ExportAsync("xlsx");

        // Assert: read with the Open XML SDK's own reader
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["خدمات", "هزینه‌ها", "حساب‌های بانکی", "مراحل", "ارتباطات", "فرایندها", "مجوزها", "استعلام‌های مجوز"], names);
        var services = (WorksheetPart)document.WorkbookPart.GetPartById(document.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var rows = services.Worksheet.Descendants<Row>().ToList();
        Assert.Equal(6, rows.Count); // header + five demo services
        var headers = rows[0].Elements<Cell>().Select(c => c.InnerText).ToList();
        Assert.Contains("عنوان خدمت", headers);
        Assert.Contains("نام دستگاه اجرایی", headers);
        Assert.Contains("سطح آمادگی الکترونیکی", headers);
    }

    [Fact]
    public async Task Xlsx_OpensInOpenpyxl()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"sr-export-{Guid.NewGuid():N}.xlsx");
        await File.WriteAllBytesAsync(path, await ExportAsync("xlsx"), Ct);

        // Act: a spreadsheet reader that is not ours (python3-openpyxl)
        var output = await Python(
            "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb['خدمات']\nprint(ws.max_row, ws.cell(1, 2).value, ws.sheet_view.rightToLeft)\nprint('|'.join(wb.sheetnames))", path);
        File.Delete(path);

        // Assert
        Assert.StartsWith("6 عنوان خدمت True", output, StringComparison.Ordinal);
        Assert.Contains("مراحل", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_IsUtf8WithBom_OneRowPerService()
    {
        var bytes = await ExportAsync("csv", "&q=" + Uri.EscapeDataString("شهرداري"));
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("ردیف خدمت,عنوان خدمت,", text, StringComparison.Ordinal);
        Assert.Contains("درجه بندی شهرداری ها", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_IsAnArrayOfCardsInTheSpecFormat()
    {
        using var json = JsonDocument.Parse(await ExportAsync("json"));
        Assert.Equal(5, json.RootElement.GetArrayLength());
        foreach (var card in json.RootElement.EnumerateArray())
        {
            var read = CardJson.Read(card.GetRawText());
            Assert.True(read.Ok, string.Join("; ", read.Errors));
        }
    }

    [Fact]
    public async Task JsonLd_ExpandsWithAJsonLdProcessor_ToCpsvApTerms()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"sr-export-{Guid.NewGuid():N}.jsonld");
        await File.WriteAllBytesAsync(path, await ExportAsync("jsonld"), Ct);

        // Act: expand with pyld (python3-pyld), then list the types and properties used
        var output = await Python("""
            import json, sys
            from pyld import jsonld
            doc = json.load(open(sys.argv[1], encoding='utf-8'))
            expanded = jsonld.expand(doc)
            keys, types = set(), set()
            def walk(n):
                if isinstance(n, list):
                    for x in n: walk(x)
                elif isinstance(n, dict):
                    for k, v in n.items():
                        if k == '@type': types.update([v] if isinstance(v, str) else v)
                        elif not k.startswith('@'): keys.add(k)
                        walk(v)
            walk(expanded)
            print(len(expanded))
            print('\n'.join(sorted(types | keys)))
            """, path);
        File.Delete(path);

        // Assert
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("5", lines[0]);
        string[] expected =
        [
            "http://purl.org/vocab/cpsv#PublicService", "http://data.europa.eu/m8g/PublicOrganisation", "http://data.europa.eu/m8g/Channel",
            "http://data.europa.eu/m8g/Cost", "http://data.europa.eu/m8g/Evidence", "http://purl.org/vocab/cpsv#Rule",
            "http://data.europa.eu/eli/ontology#LegalResource", "http://data.europa.eu/m8g/processingTime", "http://data.europa.eu/m8g/hasCompetentAuthority",
            "http://purl.org/dc/terms/title",
        ];
        foreach (var iri in expected)
        {
            Assert.Contains(iri, lines);
        }

        // every property resolves to an absolute IRI (nothing dropped or left as a bare term)
        Assert.All(lines.Skip(1), l => Assert.Matches("^(https?|urn):", l));
    }

    [Fact]
    public async Task Xlsx_ImportsBackIntoDrafts_AndReportsBadRows()
    {
        // Arrange: the demo export, one service row broken
        var bytes = await ExportAsync("xlsx", "&q=" + Uri.EscapeDataString("مدارک اقامتی"));
        var expected = CardJson.Read(DemoData.Cards().Single(c => c.Name == "residence-documents").Json).Content!;

        // Act
        var response = await _editor.PostAsync("/api/v1/services/import", new ByteArrayContent(bytes), Ct);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = report.GetProperty("rows")[0].GetProperty("id").GetInt32();
        var stored = await _app.WithDbAsync(db => Task.FromResult(db.Cards.Single(c => c.Id == id)));
        var bad = await _editor.PostAsync("/api/v1/services/import", new ByteArrayContent([1, 2, 3]), Ct);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, report.GetProperty("imported").GetInt32());
        Assert.Equal(ServiceRegistry.Core.Cards.CardStatus.Draft, stored.Status);
        expected.ServiceId = null; // a draft never carries a service ID
        Assert.Equal(CardJson.Serialize(expected), CardJson.Serialize(stored.Content));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static async Task<string> Python(string script, string argument)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        return output;
    }
}
