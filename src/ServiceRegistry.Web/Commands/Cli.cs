using System.CommandLine;

namespace ServiceRegistry.Web.Commands;

/// <summary>The executable's commands. Each runs against the same configuration and database as the web app.</summary>
public static class Cli
{
    private static readonly string[] Names = ["export", "import", "migrate", "seed", "users", "tokens", "--help", "-h", "-?"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Names.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var root = new RootCommand("ServiceRegistry (سامانه شناسنامه خدمات). Without a command, serves the web app.")
        {
            ExportCommand.Create(services),
            ImportCommand.Create(services),
            MigrateCommand.Create(services),
            SeedCommand.Create(services),
            UsersCommand.Create(services),
            TokensCommand.Create(services),
        };
        return await root.Parse(args).InvokeAsync();
    }
}
