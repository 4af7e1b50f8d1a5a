using System.CommandLine;
using ServiceRegistry.Core;
using ServiceRegistry.Core.Seeding;

namespace ServiceRegistry.Web.Commands;

/// <summary><c>seed --demo</c>: loads the five demo services (skipping those already present).
/// <c>seed --synthetic N [--seed S]</c>: adds N realistic synthetic cards (scale tests), with a progress bar.</summary>
public static class SeedCommand
{
    public static Command Create(IServiceProvider services)
    {
        var demo = new Option<bool>("--demo") { Description = "Load the demo agencies and the five sample services" };
        var synthetic = new Option<long?>("--synthetic") { Description = "Add this many synthetic cards (31 provinces, their agencies, every field filled)" };
        var seed = new Option<int>("--seed") { Description = "Random seed of the synthetic registry", DefaultValueFactory = _ => 42 };
        var command = new Command("seed", "Load data into the registry") { demo, synthetic, seed };
        command.SetAction(async (parse, ct) =>
        {
            var count = parse.GetValue(synthetic);
            if (!parse.GetValue(demo) && count is null)
            {
                await Console.Error.WriteLineAsync("nothing to seed: pass --demo or --synthetic N");
                return 2;
            }

            await services.InitializeRegistryAsync(seedDemo: false, ct);
            await using var scope = services.CreateAsyncScope();
            if (parse.GetValue(demo))
            {
                var added = await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(ct);
                await Console.Out.WriteLineAsync($"demo data: {added} card(s) added");
            }

            if (count is { } n)
            {
                if (n < 0)
                {
                    await Console.Error.WriteLineAsync("--synthetic must be zero or more");
                    return 2;
                }

                // Not in the app's services: a bulk loader that switches triggers off has no place in a request.
                var generator = ActivatorUtilities.CreateInstance<SyntheticRegistry>(scope.ServiceProvider);
                var interactive = !Console.IsErrorRedirected;
                var progress = new Progress<SyntheticRegistry.Progress>(p =>
                    Console.Error.Write(SyntheticRegistry.Bar(p) + (interactive ? "\r" : "\n")));
                var written = await generator.GenerateAsync(n, parse.GetValue(seed), progress, ct);
                await Console.Error.WriteLineAsync();
                await Console.Out.WriteLineAsync($"synthetic data: {written} card(s) added");
            }

            return 0;
        });
        return command;
    }
}
