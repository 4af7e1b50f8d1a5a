using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Imports;

/// <summary>What became of one file of a batch.</summary>
public enum ImportOutcome
{
    /// <summary>Read with every field sure.</summary>
    Imported,

    /// <summary>Read, but a person should check it: unsure fields, or no title.</summary>
    NeedsReview,

    /// <summary>Not a card that can be read (the reason says why).</summary>
    Failed,
}

/// <summary>One file converted (or not): the draft, the importer's result and the text it was read from, or
/// the reason it failed. Nothing is stored yet.</summary>
public sealed record ConvertedFile(ImportInput Input, CardContent? Content, ImportResult? Result, string? SourceText, string? Error)
{
    public ImportOutcome Outcome => Error is not null || Content is null ? ImportOutcome.Failed
        : Result is { NeedsReview: true } ? ImportOutcome.NeedsReview
        : ImportOutcome.Imported;

    /// <summary>True when the draft has no title (counted as one unsure field).</summary>
    public bool TitleMissing => Content is not null && string.IsNullOrWhiteSpace(Content.Title);

    /// <summary>The JSON paths of the fields the importer was unsure of.</summary>
    public IReadOnlyList<string> UnsurePaths => Result?.Unsure.Select(s => s.Path).ToList() ?? [];

    /// <summary>How many fields a person should check (a missing title counts as one).</summary>
    public int UnsureCount => Outcome == ImportOutcome.NeedsReview ? UnsurePaths.Count + (TitleMissing ? 1 : 0) : 0;
}

/// <summary>The counts a batch ends with: imported, needs review (with its unsure fields), failed.</summary>
public sealed record ImportSummary(int Imported, int NeedsReview, int UnsureFields, int Failed)
{
    public int Total => Imported + NeedsReview + Failed;

    public static ImportSummary Of(IEnumerable<(ImportOutcome Outcome, int Unsure)> files)
    {
        int imported = 0, review = 0, unsure = 0, failed = 0;
        foreach (var (outcome, count) in files)
        {
            switch (outcome)
            {
                case ImportOutcome.Imported:
                    imported++;
                    break;
                case ImportOutcome.NeedsReview:
                    review++;
                    unsure += count;
                    break;
                default:
                    failed++;
                    break;
            }
        }

        return new ImportSummary(imported, review, unsure, failed);
    }
}

/// <summary>
/// Converts the files of a batch one at a time, the same way for the import command and the web upload: card
/// files (.json) through <see cref="CardJson"/>, legacy forms through <see cref="LegacyFormImporter"/>. Each file
/// has a time limit (the importer checks the token; <c>WaitAsync</c> stops waiting even for one that does not),
/// and any error becomes that file's reason: one bad file never stops the batch.
/// </summary>
public static class ImportConverter
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<ConvertedFile> ConvertAsync(ImportInput input, TimeSpan timeout, CancellationToken ct)
    {
        if (input.Error is { } error || input.Load is null)
        {
            return Failed(input, input.Error ?? "خوانده نشد.");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var token = limit.Token;
        try
        {
            return await Task.Run(() => Convert(input, token), token).WaitAsync(timeout, ct);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException && !ct.IsCancellationRequested)
        {
            return Failed(input, $"بیش از {timeout.TotalSeconds:N0} ثانیه طول کشید؛ کنار گذاشته شد.");
        }
        catch (FormImportException ex)
        {
            return Failed(input, ex.Message);
        }
#pragma warning disable CA1031 // one bad file must not stop the batch: any other error is reported for that file
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Failed(input, $"خطای پیش‌بینی‌نشده هنگام خواندن فایل ({ex.GetType().Name}: {ex.Message})");
        }
#pragma warning restore CA1031
    }

    private static ConvertedFile Failed(ImportInput input, string reason) => new(input, null, null, null, reason);

    private static ConvertedFile Convert(ImportInput input, CancellationToken ct)
    {
        var bytes = input.Load!(ct);
        if (input.IsJson)
        {
            var read = CardJson.Read(bytes);
            return read.Ok
                ? new ConvertedFile(input, read.Content, null, null, null)
                : Failed(input, string.Join("; ", read.Errors));
        }

        var (text, markdown) = LegacyFormImporter.ReadText(input.DisplayName, bytes, ct);
        var result = LegacyFormImporter.ImportText(text, markdown, ct);
        return new ConvertedFile(input, result.Draft, result, text, null);
    }
}
