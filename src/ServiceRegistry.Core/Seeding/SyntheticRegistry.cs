using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Catalog;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Seeding;

/// <summary>
/// Makes a realistic registry for scale tests: the 31 provinces with their directorates and national ministries,
/// and N cards with every kind of field filled with plausible Persian text (deterministic for a given seed).
/// Cards are streamed into the database in batches (SQLite: one transaction, one prepared command; PostgreSQL:
/// binary COPY), so memory stays flat; the search index is built once at the end (FTS5 rebuild; PostgreSQL search table).
/// </summary>
public sealed class SyntheticRegistry(RegistryDbContext db, TimeProvider time)
{
    public sealed record Progress(long Done, long Total, TimeSpan Elapsed);

    /// <summary>Adds the agencies (when missing) and <paramref name="count"/> cards. Returns the number of cards written.</summary>
    public async Task<long> GenerateAsync(long count, int seed, IProgress<Progress>? progress = null, CancellationToken ct = default)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1)); // index builds over millions of rows
        var agencies = await AgenciesAsync(ct);
        var firstId = (await db.Cards.MaxAsync(c => (int?)c.Id, ct) ?? 0) + 1;
        var clock = Stopwatch.StartNew();
        var cards = Cards(count, firstId, agencies, seed);
        var written = db.Database.IsNpgsql()
            ? await CopyPostgresAsync(cards, firstId, count, progress, clock, ct)
            : await InsertSqliteAsync(cards, count, progress, clock, ct);
        await Figures.SyntheticFigures.GenerateAsync(db, firstId, time.GetUtcNow(), ct);
        if (db.Database.IsNpgsql())
        {
            // VACUUM sets the visibility map, so the catalog index loads with an index-only scan
            await VacuumAsync("""VACUUM ANALYZE "Cards";""", "\"Cards\"", ct); // one statement a command: VACUUM refuses a batch
            await VacuumAsync("""VACUUM ANALYZE "CardSearch";""", "\"CardSearch\"", ct);
            await VacuumAsync("""VACUUM ANALYZE "QuarterlyReturns";""", "\"QuarterlyReturns\"", ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", ct);
        }

        return written;
    }

    /// <summary>PostgreSQL: VACUUM ANALYZE until the table's pages are all-visible (a few tries). An autovacuum ANALYZE
    /// of a freshly loaded table holds back the horizon while it runs, and a VACUUM then marks no page all-visible: every
    /// "index-only" scan reads the table too (the national ranking of the quarterly views took 120 ms instead of 46 ms
    /// at 100,000 cards). A live registry's autovacuum gets there on its own.</summary>
    private async Task VacuumAsync(string vacuum, string table, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 30; attempt++)
        {
            await db.Database.ExecuteSqlRawAsync(vacuum, ct);
            var visible = await db.Database.SqlQuery<bool>(
                    $"""SELECT relallvisible >= relpages * 0.99 AS "Value" FROM pg_class WHERE oid = {table}::regclass""")
                .SingleAsync(ct);
            if (visible)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    /// <summary>
    /// The cards, made in blocks of ten from a random generator seeded by the block number, so any block can be made on
    /// any thread and the registry is the same for a given seed. The first <see cref="SyntheticTemplates.Count"/> cards
    /// are national templates (published, of a ministry); after them, most cards are instances of one (a directorate
    /// of that ministry in some province, <see cref="SyntheticTemplates"/>). The first card of a block is a published
    /// service; some of the others are its sub-services (same agency, naming it as parent), the rest independent services.
    /// </summary>
    private ParallelQuery<ServiceCard> Cards(long count, int firstId, List<Agency> agencies, int seed)
    {
        var now = time.GetUtcNow();
        var templates = new SyntheticTemplates(count, firstId, agencies, seed);
        var blocks = (count + 9) / 10;
        return LongRange(blocks).AsParallel().AsOrdered().WithDegreeOfParallelism(Math.Max(1, Environment.ProcessorCount))
            .SelectMany(block =>
            {
                var r = new Random(HashCode.Combine(seed, block));
                var list = new List<ServiceCard>(10);
                string? parent = null;
                Agency? parentAgency = null;
                for (var k = 0; k < 10 && block * 10 + k < count; k++)
                {
                    var index = (block * 10) + k;
                    var id = (int)(firstId + index);
                    if (index < templates.Count)
                    {
                        list.Add(templates.Template(index, now));
                        continue;
                    }

                    var sub = k > 0 && parent is not null && r.Next(5) == 0;
                    var instanceOf = sub ? -1 : templates.InstanceOf(r);
                    var agency = sub ? parentAgency! : instanceOf >= 0 ? templates.AgencyFor(instanceOf, r) : agencies[r.Next(agencies.Count)];
                    var content = SyntheticCards.Content(r, agency, id);
                    var status = k == 0 || sub ? CardStatus.Published : r.Next(10) switch { < 8 => CardStatus.Published, 8 => CardStatus.Draft, _ => CardStatus.Submitted };
                    if (status == CardStatus.Published)
                    {
                        content.ServiceId = (10_000_000_000 + id).ToString(CultureInfo.InvariantCulture);
                    }

                    if (sub)
                    {
                        content.ParentServiceId = parent;
                        content.Title = $"{content.Title} (زیرخدمت)";
                    }
                    else if (k == 0)
                    {
                        parent = content.ServiceId;
                        parentAgency = agency;
                    }

                    list.Add(instanceOf >= 0
                        ? templates.Instance(instanceOf, agency.Id, content, status, now.AddMinutes(-r.Next(0, 500_000)), r)
                        : ServiceCard.FromFile(agency.Id, content, status, now.AddMinutes(-r.Next(0, 500_000))));
                }

                return list;
            });
    }

    private static IEnumerable<long> LongRange(long count)
    {
        for (long i = 0; i < count; i++)
        {
            yield return i;
        }
    }

    private async Task<List<Agency>> AgenciesAsync(CancellationToken ct)
    {
        if (await db.Agencies.CountAsync(ct) < SyntheticCards.Provinces.Length * SyntheticCards.Directorates.Length)
        {
            var existing = (await db.Agencies.Select(a => a.Name).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var ministries = new Dictionary<string, Agency>(StringComparer.Ordinal);
            foreach (var name in SyntheticCards.Ministries.Where(n => !existing.Contains(n)))
            {
                ministries[name] = new Agency(name);
                db.Agencies.Add(ministries[name]);
            }

            foreach (var province in SyntheticCards.Provinces)
            {
                foreach (var (directorate, i) in SyntheticCards.Directorates.Select((d, i) => (d, i)))
                {
                    var name = $"{directorate} استان {province}";
                    if (!existing.Contains(name))
                    {
                        var parent = ministries.Count > 0 ? ministries.Values.ElementAt(i % ministries.Count) : null;
                        db.Agencies.Add(new Agency(name, province, parent));
                    }
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return await db.Agencies.AsNoTracking().Include(a => a.Parent).ToListAsync(ct);
    }

    private static readonly string[] Columns =
    [
        "Status", "AgencyId", "ServiceId", "Version", "CreatedAt", "UpdatedAt", "Content", "Title", "SearchText", "TitleKey",
        "Province", "ParentServiceId", "Types", "Levels", "LifeEvents", "Nature", "Maturity", "IsFree",
        "RecipientsPerYear", "VisitsPerYear", "InquiriesByHandPerYear", "FeesPerYear", "FieldsFilled", "FieldsExpected", "DerivedRevision",
        "IsTemplate", "TemplateId", "TemplateVersion", "OverriddenParts",
    ];

    private static object?[] Values(ServiceCard c) =>
    [
        c.Status.ToString(), c.AgencyId, c.ServiceId, c.Version, c.CreatedAt, c.UpdatedAt, CardJson.ToCompact(c.Content), c.Title,
        c.SearchText, c.TitleKey, c.Province ?? c.Content.Provider.Province /* the agency's province, written into the content by Generate */, c.ParentServiceId, c.Types, c.Levels, c.LifeEvents, c.Nature?.ToString(), c.Maturity, c.IsFree,
        c.RecipientsPerYear, c.VisitsPerYear, c.InquiriesByHandPerYear, c.FeesPerYear, c.FieldsFilled, c.FieldsExpected, c.DerivedRevision,
        c.IsTemplate, c.TemplateId, c.TemplateVersion, c.OverriddenParts,
    ];

    private async Task<long> InsertSqliteAsync(IEnumerable<ServiceCard> cards, long total, IProgress<Progress>? progress, Stopwatch clock, CancellationToken ct)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;";
            await pragma.ExecuteNonQueryAsync(ct);
        }

        // Bulk load: the FTS5 triggers are dropped while loading and the index is rebuilt once at the end
        // (one pass instead of a million small merges); the triggers come back exactly as the migration made them.
        await db.Database.ExecuteSqlRawAsync(SearchIndexSql.SqliteDropTriggers, ct);
        long done = 0;
        var transaction = connection.BeginTransaction();
        var command = Prepare(connection, transaction);
        foreach (var card in cards)
        {
            var values = Values(card);
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            command.ExecuteNonQuery();
            if (++done % 20_000 == 0)
            {
                transaction.Commit();
                transaction.Dispose();
                transaction = connection.BeginTransaction();
                command.Transaction = transaction;
                progress?.Report(new Progress(done, total, clock.Elapsed));
                ct.ThrowIfCancellationRequested();
            }
        }

        transaction.Commit();
        transaction.Dispose();
        await command.DisposeAsync();
        progress?.Report(new Progress(done, total, clock.Elapsed));
        await db.Database.ExecuteSqlRawAsync("INSERT INTO CardSearch(CardSearch) VALUES ('rebuild'); " + SearchIndexSql.LogFullReload, ct);
        foreach (var trigger in SearchIndexSql.SqliteTriggers)
        {
            await db.Database.ExecuteSqlRawAsync(trigger, ct);
        }

        return done;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO Cards ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select((_, i) => "$p" + i))})";
        for (var i = 0; i < Columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i, null));
        }

        command.Prepare();
        return command;
    }

    private async Task<long> CopyPostgresAsync(IEnumerable<ServiceCard> cards, int firstId, long total, IProgress<Progress>? progress, Stopwatch clock, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        NpgsqlDbType[] types =
        [
            NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz,
            NpgsqlDbType.Jsonb, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
            NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Boolean,
            NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Bigint, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer,
            NpgsqlDbType.Boolean, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Text,
        ];
        long done = 0;
        var batch = new List<ServiceCard>(50_000);
        async Task FlushAsync()
        {
            await using var importer = await connection.BeginBinaryImportAsync(
                $"""COPY "Cards" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)""", ct);
            foreach (var card in batch)
            {
                await importer.StartRowAsync(ct);
                var values = Values(card);
                for (var i = 0; i < values.Length; i++)
                {
                    if (values[i] is null)
                    {
                        await importer.WriteNullAsync(ct);
                    }
                    else
                    {
                        await importer.WriteAsync(values[i], types[i], ct);
                    }
                }
            }

            await importer.CompleteAsync(ct);
            done += batch.Count;
            batch.Clear();
            progress?.Report(new Progress(done, total, clock.Elapsed));
        }

        // the change-log trigger would log every row: off while loading, then one "reload everything" entry
        await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Cards" DISABLE TRIGGER "Cards_changes";""", ct);
        try
        {
            foreach (var card in cards)
            {
                batch.Add(card);
                if (batch.Count == batch.Capacity)
                {
                    await FlushAsync();
                }
            }

            await FlushAsync();
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "Cards" ENABLE TRIGGER "Cards_changes";""" + SearchIndexSql.LogFullReload, CancellationToken.None);
        }

        // the search table in one pass, its index built once after it (as SQLite's FTS5 'rebuild')
        await db.Database.ExecuteSqlRawAsync("""DROP INDEX IF EXISTS "IX_CardSearch_Words";""", ct);
        await db.Database.ExecuteSqlRawAsync(SearchIndexSql.PostgresFillSearch, [firstId], ct);
        await db.Database.ExecuteSqlRawAsync(SearchIndexSql.PostgresSearchIndex, ct);

        return done;
    }

    /// <summary>A one-line progress bar for a terminal.</summary>
    public static string Bar(Progress p)
    {
        var fraction = p.Total == 0 ? 1 : (double)p.Done / p.Total;
        var filled = (int)(fraction * 30);
        var rate = p.Elapsed.TotalSeconds > 0 ? p.Done / p.Elapsed.TotalSeconds : 0;
        var eta = rate > 0 ? TimeSpan.FromSeconds((p.Total - p.Done) / rate) : TimeSpan.Zero;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', 30 - filled)}] {fraction:P0} {p.Done:N0}/{p.Total:N0} cards, {rate:N0}/s, elapsed {p.Elapsed:hh\\:mm\\:ss}, eta {eta:hh\\:mm\\:ss}");
    }
}
