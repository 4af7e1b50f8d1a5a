using System.Diagnostics;

namespace ServiceRegistry.Testing;

public sealed record CommandResult(int ExitCode, string Output, string Error);

/// <summary>Runs the real executable with a command (export, import, seed), as an administrator would,
/// against the database given by its settings (see <see cref="RegistryApp.Settings"/>).</summary>
public static class RegistryCommand
{
    public static async Task<CommandResult> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CommandResult(process.ExitCode, await output, await error);
    }
}
