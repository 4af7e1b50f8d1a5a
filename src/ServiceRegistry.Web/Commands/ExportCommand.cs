using System.CommandLine;
using ServiceRegistry.Core;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Exchange;
using ServiceRegistry.Core.Exports;

namespace ServiceRegistry.Web.Commands;

/// <summary>
/// <c>export --format xlsx|csv|json|jsonld --out PATH [filters]</c>: the filtered list (published cards unless
/// <c>--status</c> says otherwise) in one file. <c>--format json</c> with an <c>--out</c> that is not a .json file
/// writes DIR/&lt;id&gt;.json for every card instead (the registry file format, all statuses).
/// </summary>
public static class ExportCommand
{
    public static Command Create(IServiceProvider services)
    {
        var format = new Option<string>("--format") { Description = "xlsx, csv, json or jsonld", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("xlsx", "csv", "json", "jsonld");
        var output = new Option<string>("--out") { Description = "File to write (for json: a .json file, or a folder for one file per card)", Required = true };
        var q = new Option<string?>("--q") { Description = "Search text" };
        var agency = new Option<int?>("--agency") { Description = "Agency id" };
        var province = new Option<string?>("--province") { Description = "Province" };
        var type = new Option<string?>("--type") { Description = "Service type code (G2C, G2B, G2G)" };
        var level = new Option<string?>("--level") { Description = "Service level code" };
        var lifeEvent = new Option<string?>("--life-event") { Description = "Life event code" };
        var nature = new Option<string?>("--nature") { Description = "sovereign or enterprise" };
        var maturity = new Option<int?>("--maturity") { Description = "E-readiness level 0-4" };
        var free = new Option<bool?>("--free") { Description = "true: free services only; false: paid only" };
        var status = new Option<string>("--status") { Description = "Card status code, or all", DefaultValueFactory = _ => "published" };
        var baseUri = new Option<string?>("--base-uri") { Description = "JSON-LD: the registry's public address, for @id IRIs" };
        var command = new Command("export", "Export cards to a file") { format, output, q, agency, province, type, level, lifeEvent, nature, maturity, free, status, baseUri };
        command.SetAction(async (parse, ct) =>
        {
            await services.InitializeRegistryAsync(seedDemo: false, ct);
            await using var scope = services.CreateAsyncScope();
            var path = parse.GetValue(output)!;
            _ = ExportFormats.TryParse(parse.GetValue(format), out var exportFormat); // AcceptOnlyFromAmong has checked it
            if (exportFormat == ExportFormat.Json && !path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                var count = await scope.ServiceProvider.GetRequiredService<CardFiles>().ExportJsonAsync(path, ct);
                await Console.Out.WriteLineAsync($"exported {count} card(s) to {Path.GetFullPath(path)}");
                return 0;
            }

            var query = new ServiceQuery
            {
                Q = parse.GetValue(q), Agency = parse.GetValue(agency), Province = parse.GetValue(province), Type = parse.GetValue(type),
                Level = parse.GetValue(level), LifeEvent = parse.GetValue(lifeEvent), Nature = parse.GetValue(nature),
                Maturity = parse.GetValue(maturity), Free = parse.GetValue(free),
            };
            var filter = query.ToFilter(out var errors);
            var statusText = parse.GetValue(status);
            if (statusText != "all" && (!CatalogCodes.TryParse<CardStatus>(statusText, out var cardStatus) || cardStatus is null))
            {
                errors["status"] = [$"status: {CatalogCodes.Allowed<CardStatus>()}"];
            }

            if (errors.Count > 0)
            {
                foreach (var (key, messages) in errors)
                {
                    await Console.Error.WriteLineAsync($"--{key}: {string.Join(" ", messages)}");
                }

                return 2;
            }

            filter = filter with { Status = statusText == "all" ? null : Enum.Parse<CardStatus>(statusText!, ignoreCase: true) };
            var catalog = scope.ServiceProvider.GetRequiredService<CatalogQuery>();
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var temp = full + ".tmp";
            long written = 0;
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            {
                await CardExport.WriteAsync(exportFormat, Count(catalog.CardsAsync(filter), () => written++), file, parse.GetValue(baseUri), ct);
            }

            File.Move(temp, full, overwrite: true);
            await Console.Out.WriteLineAsync($"exported {written} card(s) as {exportFormat.Extension()} to {full}");
            return 0;
        });
        return command;
    }

    private static async IAsyncEnumerable<T> Count<T>(IAsyncEnumerable<T> items, Action each)
    {
        await foreach (var item in items)
        {
            each();
            yield return item;
        }
    }
}
