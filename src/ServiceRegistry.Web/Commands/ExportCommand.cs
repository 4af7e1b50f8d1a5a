using System.CommandLine;
using ServiceRegistry.Core;
using ServiceRegistry.Core.Exchange;

namespace ServiceRegistry.Web.Commands;

/// <summary><c>export --format json --out DIR</c>: DIR/&lt;id&gt;.json for every card, in the spec's JSON.</summary>
public static class ExportCommand
{
    public static Command Create(IServiceProvider services)
    {
        var format = new Option<string>("--format") { Description = "File format", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json");
        var output = new Option<string>("--out") { Description = "Folder to write to (created if missing)", Required = true };
        var command = new Command("export", "Export cards to files") { format, output };
        command.SetAction(async (parse, ct) =>
        {
            await services.InitializeRegistryAsync(seedDemo: false, ct);
            await using var scope = services.CreateAsyncScope();
            var dir = parse.GetValue(output)!;
            var count = await scope.ServiceProvider.GetRequiredService<CardFiles>().ExportJsonAsync(dir, ct);
            await Console.Out.WriteLineAsync($"exported {count} card(s) to {Path.GetFullPath(dir)}");
            return 0;
        });
        return command;
    }
}
