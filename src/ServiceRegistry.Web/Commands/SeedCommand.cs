using System.CommandLine;
using ServiceRegistry.Core;
using ServiceRegistry.Core.Exchange;

namespace ServiceRegistry.Web.Commands;

/// <summary><c>seed --demo</c>: loads the five demo services (skipping those already present).</summary>
public static class SeedCommand
{
    public static Command Create(IServiceProvider services)
    {
        var demo = new Option<bool>("--demo") { Description = "Load the demo agencies and the five sample services" };
        var command = new Command("seed", "Load data into the registry") { demo };
        command.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(demo))
            {
                await Console.Error.WriteLineAsync("nothing to seed: pass --demo");
                return 2;
            }

            await services.InitializeRegistryAsync(seedDemo: false, ct);
            await using var scope = services.CreateAsyncScope();
            var added = await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(ct);
            await Console.Out.WriteLineAsync($"demo data: {added} card(s) added");
            return 0;
        });
        return command;
    }
}
