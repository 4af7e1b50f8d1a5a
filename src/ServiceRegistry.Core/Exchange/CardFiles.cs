using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Exchange;

/// <summary>What happened to one file of an import.</summary>
public sealed record FileImportResult(string File, int? CardId, IReadOnlyList<CardJsonError> Errors)
{
    public bool Ok => CardId is not null;
}

/// <summary>Cards to and from the spec's JSON files: one file a card, named by the card's id.</summary>
public sealed class CardFiles(RegistryDbContext db, TimeProvider time)
{
    /// <summary>Largest card file accepted (a real card is a few kilobytes).</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes DIR/&lt;id&gt;.json for every card, in id order. Returns the number of files written.</summary>
    public async Task<int> ExportJsonAsync(string directory, CancellationToken ct = default)
    {
        Directory.CreateDirectory(directory);
        var count = 0;
        await foreach (var card in db.Cards.AsNoTracking().OrderBy(c => c.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            var path = Path.Combine(directory, $"{card.Id}.json");
            var temp = path + ".tmp";
            await File.WriteAllTextAsync(temp, CardJson.Serialize(card.Content), Utf8, ct);
            File.Move(temp, path, overwrite: true);
            count++;
        }

        return count;
    }

    /// <summary>
    /// Stores each card file as a draft. Folders expand to their *.json files; all files are taken in natural
    /// name order (2.json before 10.json). A bad file is reported with its errors and stores nothing; the
    /// other files are still imported. Without <paramref name="agencyId"/> a card goes to the agency named in
    /// its provider (created when new).
    /// </summary>
    public async Task<IReadOnlyList<FileImportResult>> ImportJsonAsync(IEnumerable<string> paths, int? agencyId, CancellationToken ct = default)
    {
        if (agencyId is { } id && !await db.Agencies.AnyAsync(a => a.Id == id, ct))
        {
            throw new ArgumentException($"دستگاهی با شناسه {id} وجود ندارد.", nameof(agencyId));
        }

        var results = new List<FileImportResult>();
        foreach (var file in ExpandPaths(paths, "*.json"))
        {
            results.Add(await ImportOneAsync(file, agencyId, ct));
        }

        return results;
    }

    private async Task<FileImportResult> ImportOneAsync(string file, int? agencyId, CancellationToken ct)
    {
        FileImportResult Fail(string message) => new(file, null, [new CardJsonError("$", null, null, message)]);

        if (!File.Exists(file))
        {
            return Fail("فایل پیدا نشد.");
        }

        if (new FileInfo(file).Length > MaxFileBytes)
        {
            return Fail($"فایل بزرگ‌تر از {MaxFileBytes / 1024 / 1024} مگابایت است؛ یک شناسنامه چنین حجمی ندارد.");
        }

        var read = CardJson.Read(await File.ReadAllBytesAsync(file, ct));
        if (!read.Ok)
        {
            return new FileImportResult(file, null, read.Errors);
        }

        var content = read.Content!;
        var agency = agencyId ?? await AgencyFor(content.Provider, ct);
        var card = ServiceCard.FromFile(agency, content, CardStatus.Draft, time.GetUtcNow());
        if (card.ServiceId is { } serviceId && await db.Cards.AnyAsync(c => c.ServiceId == serviceId, ct))
        {
            return Fail($"شناسه خدمت {serviceId} پیش از این به کارت دیگری داده شده است.");
        }

        db.Cards.Add(card);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new FileImportResult(file, card.Id, []);
    }

    private async Task<int> AgencyFor(Provider provider, CancellationToken ct)
    {
        var name = string.IsNullOrWhiteSpace(provider.Agency) ? "دستگاه نامشخص" : provider.Agency.Trim();
        var existing = await db.Agencies.Where(a => a.Name == name).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id)
        {
            return id;
        }

        var agency = new Agency(name, provider.Province);
        db.Agencies.Add(agency);
        await db.SaveChangesAsync(ct);
        return agency.Id;
    }

    /// <summary>Files as given, folders expanded to their matching files, all in natural name order.</summary>
    public static IReadOnlyList<string> ExpandPaths(IEnumerable<string> paths, string pattern) =>
        paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, pattern) : [p])
            .Order(NaturalOrder.Instance)
            .ToList();
}

/// <summary>Compares names so that embedded numbers sort by value: 2.json before 10.json.</summary>
public sealed class NaturalOrder : IComparer<string>
{
    public static readonly NaturalOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return string.CompareOrdinal(x, y);
        }

        int i = 0, j = 0;
        while (i < x.Length && j < y.Length)
        {
            if (char.IsAsciiDigit(x[i]) && char.IsAsciiDigit(y[j]))
            {
                var si = i;
                var sj = j;
                while (i < x.Length && char.IsAsciiDigit(x[i]))
                {
                    i++;
                }

                while (j < y.Length && char.IsAsciiDigit(y[j]))
                {
                    j++;
                }

                var a = x[si..i].TrimStart('0');
                var b = y[sj..j].TrimStart('0');
                var byValue = a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b);
                if (byValue != 0)
                {
                    return byValue;
                }
            }
            else
            {
                var c = x[i].CompareTo(y[j]);
                if (c != 0)
                {
                    return c;
                }

                i++;
                j++;
            }
        }

        return (x.Length - i).CompareTo(y.Length - j);
    }
}
