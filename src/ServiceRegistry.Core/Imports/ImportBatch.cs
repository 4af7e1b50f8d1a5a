using System.Text.Json;
using System.Text.Json.Serialization;
using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Imports;

/// <summary>
/// Files one person uploaded together in the browser. Its items are converted in the background
/// (<see cref="ImportWorker"/>) and stay here, draft and source text included, until the person saves each
/// as a card draft. Only the uploader (and the national office) sees a batch.
/// </summary>
public sealed class ImportBatch
{
    public int Id { get; private set; }

    /// <summary>The uploader's user id.</summary>
    public int OwnerId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public List<ImportItem> Items { get; private set; } = [];

    private ImportBatch()
    {
    }

    public static ImportBatch Start(int ownerId, DateTimeOffset now) => new() { OwnerId = ownerId, CreatedAt = now.UtcDateTime };

    /// <summary>A file waiting to be converted (its bytes are kept until then).</summary>
    public ImportItem Queue(string fileName, byte[] bytes) => Add(new ImportItem(Items.Count + 1, fileName) { Payload = bytes });

    /// <summary>A file refused on arrival (too big, wrong kind, unreadable archive entry), with the reason.</summary>
    public ImportItem Refuse(string fileName, string reason, DateTimeOffset now)
    {
        var item = Add(new ImportItem(Items.Count + 1, fileName));
        item.Fail(reason, now);
        return item;
    }

    public bool IsFinished => Items.All(i => i.IsFinished);

    public ImportSummary Summary() => ImportSummary.Of(Items.Where(i => i.Outcome is not null).Select(i => (i.Outcome!.Value, i.UnsureCount)));

    private ImportItem Add(ImportItem item)
    {
        Items.Add(item);
        return item;
    }
}

/// <summary>Where one file of a batch is: waiting, being read, or done with its outcome.</summary>
public enum ImportItemStatus
{
    Queued,
    Running,
    Done,
}

/// <summary>
/// One file of an <see cref="ImportBatch"/>: its outcome, its reason when it failed, the importer's draft with where
/// each field came from, the source text (what the review page shows beside the form) and, once saved, the card.
/// </summary>
public sealed class ImportItem
{
    /// <summary>How many times a file is started before it is given up (a crash while reading it restarts it once).</summary>
    public const int MaxAttempts = 2;

    public int Id { get; private set; }
    public int BatchId { get; private set; }

    /// <summary>1-based position in the batch (the review page's address).</summary>
    public int Position { get; private set; }

    public string FileName { get; private set; } = "";
    public ImportItemStatus Status { get; private set; }
    public ImportOutcome? Outcome { get; private set; }
    public string? Error { get; private set; }
    public int UnsureCount { get; private set; }
    public int UnmappedCount { get; private set; }
    public string? Title { get; private set; }

    /// <summary>The importer's draft (the spec's JSON, with unmapped text).</summary>
    public CardContent? Draft { get; private set; }

    /// <summary>Where each field came from (JSON list of <see cref="FieldSource"/>).</summary>
    public string? SourcesJson { get; private set; }

    /// <summary>The text the importer read (decoded text, or the paragraphs and rows of a .docx).</summary>
    public string? SourceText { get; private set; }

    /// <summary>The uploaded bytes, kept only until the file is converted.</summary>
    public byte[]? Payload { get; set; }

    public int Attempts { get; private set; }
    public DateTime? FinishedAt { get; private set; }

    /// <summary>The node reading the file (while Running).</summary>
    public string? LeaseOwner { get; private set; }

    /// <summary>Until when that node may read it; after that another node puts it back in the queue.</summary>
    public DateTime? LeaseExpiresAt { get; private set; }

    /// <summary>The draft card saved from this file.</summary>
    public int? CardId { get; private set; }

    public bool IsFinished => Status == ImportItemStatus.Done;

    private ImportItem()
    {
    }

    internal ImportItem(int position, string fileName)
    {
        Position = position;
        FileName = fileName.Length > 300 ? "…" + fileName[^299..] : fileName;
        Status = ImportItemStatus.Queued;
    }

    public IReadOnlyList<FieldSource> Sources() =>
        SourcesJson is null ? [] : JsonSerializer.Deserialize<List<FieldSource>>(SourcesJson, SourcesOptions) ?? [];

    /// <summary>The input the converter reads (the payload, named as uploaded).</summary>
    public ImportInput ToInput()
    {
        var bytes = Payload;
        return new ImportInput(FileName, Path.GetFileNameWithoutExtension(FileName), Path.GetExtension(FileName),
            bytes is null ? null : _ => bytes, bytes is null ? "فایل بارگذاری‌شده در دسترس نیست." : null);
    }

    /// <summary>A node takes the file to read it, leased until <paramref name="leaseUntil"/>.</summary>
    public void Start(string node, DateTimeOffset leaseUntil)
    {
        Status = ImportItemStatus.Running;
        Attempts++;
        LeaseOwner = node;
        LeaseExpiresAt = leaseUntil.UtcDateTime;
    }

    /// <summary>Being read, by a node that should have finished by now (it stopped, or was stopped, while reading).</summary>
    public bool LeaseExpired(DateTimeOffset now) => Status == ImportItemStatus.Running && (LeaseExpiresAt is null || LeaseExpiresAt <= now.UtcDateTime);

    /// <summary>The lease ran out: the file is read again, unless it already was (it may be what stopped the node).</summary>
    public void Interrupted(DateTimeOffset now)
    {
        LeaseOwner = null;
        LeaseExpiresAt = null;
        if (Attempts >= MaxAttempts)
        {
            Fail("خواندن این فایل کار سامانه را متوقف کرد و کنار گذاشته شد.", now);
        }
        else
        {
            Status = ImportItemStatus.Queued;
        }
    }

    public void Finish(ConvertedFile converted, DateTimeOffset now)
    {
        if (converted.Outcome == ImportOutcome.Failed)
        {
            Fail(converted.Error ?? "خوانده نشد.", now);
            return;
        }

        Status = ImportItemStatus.Done;
        LeaseExpiresAt = null;
        Outcome = converted.Outcome;
        Draft = converted.Content;
        Title = converted.Content?.Title;
        UnsureCount = converted.UnsureCount;
        UnmappedCount = converted.Content?.Unmapped.Count ?? 0;
        SourcesJson = JsonSerializer.Serialize(converted.Result?.Sources ?? [], SourcesOptions);
        SourceText = converted.SourceText;
        Payload = null;
        FinishedAt = now.UtcDateTime;
    }

    public void Fail(string reason, DateTimeOffset now)
    {
        Status = ImportItemStatus.Done;
        LeaseExpiresAt = null;
        Outcome = ImportOutcome.Failed;
        Error = reason;
        Payload = null;
        FinishedAt = now.UtcDateTime;
    }

    /// <summary>The draft card made from this file has been stored.</summary>
    public void Saved(int cardId) => CardId = cardId;

    private static readonly JsonSerializerOptions SourcesOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
