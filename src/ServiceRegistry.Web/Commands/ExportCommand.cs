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
        // one option per catalog facet (--type, --life-event …), read and checked as the list's address is
        var facets = Facets.All.Select(f => (Facet: f, Option: new Option<string?>("--" + Kebab(f.Key)) { Description = f.Title })).ToList();
        var status = new Option<string>("--status") { Description = "Card status code, or all", DefaultValueFactory = _ => "published" };
        var baseUri = new Option<string?>("--base-uri") { Description = "JSON-LD: the registry's public address, for @id IRIs" };
        var command = new Command("export", "Export cards to a file") { format, output, q, status, baseUri };
        foreach (var (_, option) in facets)
        {
            command.Options.Add(option);
        }

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

            var query = new ServiceQuery { Q = parse.GetValue(q) };
            var problems = new Dictionary<string, string[]>();
            foreach (var (facet, option) in facets)
            {
                if (parse.GetValue(option) is { } value && facet.Problem(value) is { } problem)
                {
                    problems[Kebab(facet.Key)] = [problem];
                }
                else
                {
                    query = facet.Write(query, parse.GetValue(option));
                }
            }

            var filter = query.ToFilter(out var errors);
            foreach (var (key, messages) in problems)
            {
                errors[key] = messages;
            }
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

    private static string Kebab(string key) => string.Concat(key.Select(c => char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : c.ToString()));

    private static async IAsyncEnumerable<T> Count<T>(IAsyncEnumerable<T> items, Action each)
    {
        await foreach (var item in items)
        {
            each();
            yield return item;
        }
    }
}
