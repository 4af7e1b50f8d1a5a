using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Core.Exchange;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Core.Review;

namespace ServiceRegistry.Web.Commands;

/// <summary>
/// <c>import FILES... [--agency ID] [--dry-run] [--json-out DIR] [--allow-duplicates]</c>: card files (.json) are stored as before;
/// legacy forms (.txt, .md, .docx, .doc, .rtf, .pdf, .htm/.html) become drafts through <see cref="LegacyFormImporter"/>. Folders and .zip
/// archives expand to their files. A legacy form that repeats a card of the agency (<see cref="SameService"/>) is
/// reported and not stored, unless <c>--allow-duplicates</c>. With <c>--dry-run</c> nothing is written to the database
/// (without <c>--agency</c> it is not even opened; with it, it is read for the duplicate check);
/// <c>--json-out</c> writes DIR/NAME.json for each input and DIR/import-report.json (each file's outcome, unsure
/// fields and <c>duplicateOf</c>). A progress bar runs on a terminal; the summary counts
/// imported, needs review (with the unsure fields) and failed (with the reason). Exit code 1 when any failed.
/// </summary>
public static class ImportCommand
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create(IServiceProvider services)
    {
        var files = new Argument<string[]>("files") { Description = "Card files (.json), legacy forms (.txt, .md, .docx, .doc, .rtf, .pdf, .htm), folders or .zip archives", Arity = ArgumentArity.OneOrMore };
        var agency = new Option<int?>("--agency") { Description = "Store the cards under this agency id (required for legacy forms unless --dry-run)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Read and convert only; touch no database" };
        var jsonOut = new Option<string?>("--json-out") { Description = "Write DIR/NAME.json (the spec's JSON, with unmapped) for each input" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds allowed per file", DefaultValueFactory = _ => 30 };
        var allowDuplicates = new Option<bool>("--allow-duplicates") { Description = "Store a legacy form even when the agency has a card of the same service (audited)" };
        var command = new Command("import", "Import cards from files") { files, agency, dryRun, jsonOut, timeout, allowDuplicates };
        command.SetAction(async (parse, ct) =>
        {
            var options = new Options(parse.GetValue(agency), parse.GetValue(dryRun), parse.GetValue(jsonOut), TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))), parse.GetValue(allowDuplicates));
            var inputs = ImportInputs.Expand(parse.GetValue(files)!);
            if (!options.DryRun && options.AgencyId is null && inputs.Any(i => !i.IsJson))
            {
                await Console.Error.WriteLineAsync("برای ذخیره فرم‌های قدیمی (.txt، .md، .docx، .doc، .pdf، .htm) شناسه دستگاه را با --agency بدهید، یا با --dry-run فقط تبدیل کنید.");
                return 2;
            }

            if (options.JsonOut is { } dir)
            {
                Directory.CreateDirectory(dir);
            }

            if (options.DryRun && options.AgencyId is null)
            {
                return await RunAsync(inputs, options, db: null, null, ct);
            }

            if (!options.DryRun)
            {
                await services.InitializeRegistryAsync(seedDemo: false, ct); // a dry run only reads (the duplicate check)
            }

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            if (options.AgencyId is { } id && !await db.Agencies.AnyAsync(a => a.Id == id, ct))
            {
                await Console.Error.WriteLineAsync($"دستگاهی با شناسه {id} وجود ندارد.");
                return 2;
            }

            return await RunAsync(inputs, options, db, scope.ServiceProvider, ct);
        });
        return command;
    }

    private sealed record Options(int? AgencyId, bool DryRun, string? JsonOut, TimeSpan Timeout, bool AllowDuplicates);

    private sealed record FileOutcome(ImportInput Input, ImportOutcome Outcome, string Detail, int Unsure = 0)
    {
        public string? Json { get; init; }
        public ExistingCard? Same { get; init; }
    }

    /// <summary>The report's name in the --json-out folder (no input may write over it).</summary>
    private const string ReportStem = "import-report";

    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static async Task<int> RunAsync(IReadOnlyList<ImportInput> inputs, Options options, RegistryDbContext? db, IServiceProvider? scoped, CancellationToken ct)
    {
        var progress = new ProgressBar(inputs.Count);
        var outcomes = new List<FileOutcome>(inputs.Count);
        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ReportStem };
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            progress.Show(i, input.DisplayName);
            FileOutcome outcome;
            try
            {
                outcome = await ImportOneAsync(input, options, db, scoped, written, ct);
            }
#pragma warning disable CA1031 // one bad file must not stop the batch: an error while storing is reported for that file
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                outcome = new FileOutcome(input, ImportOutcome.Failed, $"{ex.GetType().Name}: {ex.Message}");
            }
#pragma warning restore CA1031

            outcomes.Add(outcome);
        }

        progress.Done();
        foreach (var o in outcomes)
        {
            switch (o.Outcome)
            {
                case ImportOutcome.Failed:
                    await Console.Error.WriteLineAsync($"{o.Input.DisplayName}: failed: {o.Detail}");
                    break;
                case ImportOutcome.NeedsReview:
                    await Console.Out.WriteLineAsync($"{o.Input.DisplayName}: needs review ({o.Unsure} unsure: {o.Detail})");
                    break;
                default:
                    await Console.Out.WriteLineAsync($"{o.Input.DisplayName}: {o.Detail}");
                    break;
            }
        }

        if (options.JsonOut is { } dir)
        {
            await WriteReportAsync(Path.Combine(dir, ReportStem + ".json"), outcomes, options, ct);
        }

        var summary = ImportSummary.Of(outcomes.Select(o => (o.Outcome, o.Unsure)));
        await Console.Out.WriteLineAsync(
            $"imported {summary.Imported}, needs review {summary.NeedsReview} ({summary.UnsureFields} unsure fields), failed {summary.Failed}" + (options.DryRun ? " (dry run: nothing stored)" : ""));
        return summary.Failed == 0 ? 0 : 1;
    }

    private static async Task<FileOutcome> ImportOneAsync(ImportInput input, Options options, RegistryDbContext? db, IServiceProvider? scoped, HashSet<string> written, CancellationToken ct)
    {
        // Reading and converting (time limit, every error as this file's reason) is shared with the web upload.
        var converted = await ImportConverter.ConvertAsync(input, options.Timeout, ct);
        if (converted is not { Content: { } content, Error: null })
        {
            return new FileOutcome(input, ImportOutcome.Failed, converted.Error ?? "خوانده نشد.");
        }

        var result = converted.Result;
        string? json = null;
        if (options.JsonOut is { } dir)
        {
            var name = input.Stem;
            for (var n = 2; !written.Add(name); n++)
            {
                name = $"{input.Stem}-{n}";
            }

            json = name + ".json";
            await File.WriteAllTextAsync(Path.Combine(dir, json), CardJson.Serialize(content), Utf8, ct);
        }

        // A legacy form that repeats a card of the agency (the shared rule) is said so, in a dry run too.
        var same = !input.IsJson && db is not null && options.AgencyId is { } agencyId
            ? await SameService.FindAsync(db.Cards, agencyId, content, ct)
            : null;
        var outcome = await StoreAsync(input, converted, content, options, db, scoped, same, ct);
        return outcome with { Json = json, Same = same };
    }

    private static async Task<FileOutcome> StoreAsync(
        ImportInput input, ConvertedFile converted, CardContent content, Options options, RegistryDbContext? db, IServiceProvider? scoped, ExistingCard? same, CancellationToken ct)
    {
        var result = converted.Result;
        string stored = same is null ? "converted" : $"converted; duplicate of card {same.Id} «{same.Title}» ({Labels.Code(same.Status)})";
        if (!options.DryRun && db is not null)
        {
            if (input.IsJson && input.Path is { } path && scoped is not null)
            {
                var json = await scoped.GetRequiredService<CardFiles>().ImportJsonAsync([path], options.AgencyId, ct);
                return json[0].Ok
                    ? new FileOutcome(input, ImportOutcome.Imported, $"imported as card {json[0].CardId}")
                    : new FileOutcome(input, ImportOutcome.Failed, string.Join("; ", json[0].Errors));
            }

            var problems = content.StructuralProblems();
            if (problems.Count > 0)
            {
                return new FileOutcome(input, ImportOutcome.Failed, string.Join("; ", problems.Select(p => $"{p.Path}: {p.Message}")));
            }

            if (same is not null && !options.AllowDuplicates)
            {
                return new FileOutcome(input, ImportOutcome.Failed,
                    $"duplicate of card {same.Id} «{same.Title}» ({Labels.Code(same.Status)}): not stored; edit that card, or pass --allow-duplicates to store a new one");
            }

            var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Id == options.AgencyId!.Value, ct);
            var workflow = scoped!.GetRequiredService<CardWorkflow>();
            var created = same is null
                ? await workflow.CreateDraftAsync(agency, content, Actor.System, AuditActions.Imported, ct: ct)
                : await workflow.CreateDuplicateDraftAsync(agency, content, Actor.System, same, AuditActions.Imported, ct: ct);
            db.ChangeTracker.Clear();
            stored = $"imported as draft {created.Card!.Id}" + (same is null ? "" : $" (duplicate of card {same.Id}, kept by --allow-duplicates)");
        }

        if (converted.Outcome == ImportOutcome.NeedsReview)
        {
            var unsure = converted.UnsurePaths.ToList();
            if (converted.TitleMissing)
            {
                unsure.Insert(0, "title (missing)");
            }

            return new FileOutcome(input, ImportOutcome.NeedsReview, $"{stored}; " + string.Join(", ", unsure), converted.UnsureCount);
        }

        return new FileOutcome(input, ImportOutcome.Imported, stored + (result is { Unmapped.Count: > 0 } ? $", {result.Unmapped.Count} unmapped" : ""));
    }

    /// <summary>Each file's outcome as JSON: what a dry run would do, duplicates named.</summary>
    private static async Task WriteReportAsync(string path, IReadOnlyList<FileOutcome> outcomes, Options options, CancellationToken ct)
    {
        var report = new
        {
            dryRun = options.DryRun,
            agency = options.AgencyId,
            duplicateCheck = options.AgencyId is null ? "skipped: no --agency" : "done",
            files = outcomes.Select(o => new
            {
                file = o.Input.DisplayName,
                json = o.Json,
                outcome = o.Outcome switch { ImportOutcome.Failed => "failed", ImportOutcome.NeedsReview => "needsReview", _ => "imported" },
                detail = o.Detail,
                unsure = o.Unsure,
                duplicateOf = o.Same is { } same ? new { id = same.Id, title = same.Title, status = Labels.Code(same.Status) } : null,
            }),
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, ReportJson), Utf8, ct);
    }

    /// <summary>A one-line progress bar on standard error, drawn only on a terminal.</summary>
    private sealed class ProgressBar(int total)
    {
        private readonly bool _enabled = !Console.IsErrorRedirected && total > 0;

        public void Show(int done, string name)
        {
            if (!_enabled)
            {
                return;
            }

            const int width = 30;
            var filled = total == 0 ? width : done * width / total;
            var label = name.Length > 40 ? "…" + name[^39..] : name;
            Console.Error.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} {label}".PadRight(90));
        }

        public void Done()
        {
            if (_enabled)
            {
                Console.Error.Write($"\r[{new string('#', 30)}] {total}/{total}".PadRight(90) + "\n");
            }
        }
    }
}
