using System.CommandLine;
using ServiceRegistry.Core;

namespace ServiceRegistry.Web.Commands;

/// <summary><c>migrate [--demo]</c>: brings the database up to date (migrations, roles, the first data-protection key)
/// and exits, for deployments that migrate once before starting the nodes (Registry:MigrateOnStart=false). It takes the
/// same database lock as a starting node, so it is safe to run while nodes start.</summary>
public static class MigrateCommand
{
    public static Command Create(IServiceProvider services)
    {
        var demo = new Option<bool>("--demo") { Description = "Also load the demo agencies and the five sample services if the registry is empty" };
        var command = new Command("migrate", "Apply the database migrations and create the roles, then exit") { demo };
        command.SetAction(async (parse, ct) =>
        {
            await services.InitializeRegistryAsync(seedDemo: parse.GetValue(demo), ct);
            await Console.Out.WriteLineAsync("database is up to date");
            return 0;
        });
        return command;
    }
}
