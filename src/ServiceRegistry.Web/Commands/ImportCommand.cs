using System.CommandLine;
using ServiceRegistry.Core;
using ServiceRegistry.Core.Exchange;

namespace ServiceRegistry.Web.Commands;

/// <summary><c>import FILE.json... [--agency ID]</c>: stores each card file as a draft; a bad file stores nothing
/// and is reported with the field and position of each error. Exit code 1 when any file failed.</summary>
public static class ImportCommand
{
    public static Command Create(IServiceProvider services)
    {
        var files = new Argument<string[]>("files") { Description = "Card files (.json) or folders", Arity = ArgumentArity.OneOrMore };
        var agency = new Option<int?>("--agency") { Description = "Store the cards under this agency id (default: the agency named in each card)" };
        var command = new Command("import", "Import cards from files") { files, agency };
        command.SetAction(async (parse, ct) =>
        {
            await services.InitializeRegistryAsync(seedDemo: false, ct);
            await using var scope = services.CreateAsyncScope();
            IReadOnlyList<FileImportResult> results;
            try
            {
                results = await scope.ServiceProvider.GetRequiredService<CardFiles>()
                    .ImportJsonAsync(parse.GetValue(files)!, parse.GetValue(agency), ct);
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 2;
            }

            foreach (var result in results)
            {
                if (result.Ok)
                {
                    await Console.Out.WriteLineAsync($"{result.File}: imported as card {result.CardId}");
                    continue;
                }

                foreach (var error in result.Errors)
                {
                    await Console.Error.WriteLineAsync($"{result.File}: {error}");
                }
            }

            var failed = results.Count(r => !r.Ok);
            await Console.Out.WriteLineAsync($"imported {results.Count - failed}, failed {failed}");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
