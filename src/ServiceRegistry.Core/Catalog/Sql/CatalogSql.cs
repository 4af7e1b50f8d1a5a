using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Catalog;

/// <summary>
/// The catalog's raw SQL, the only place that has any: the full-text match (SQLite FTS5 or PostgreSQL's
/// <c>card_search_ids</c>), the planner settings a query needs on one database, the read transaction of a snapshot
/// refresh, and the catalog stamp and change log (plain SQL both read, here so that no other class writes SQL). Every
/// other condition is LINQ (<see cref="CatalogFilters.Apply"/>). One subclass per database, chosen in <see cref="For"/>.
/// </summary>
public abstract class CatalogSql
{
    private protected CatalogSql(RegistryDbContext db) => Db = db;

    private protected RegistryDbContext Db { get; }

    /// <summary>The dialect of this context's database (the one place that asks which database it is).</summary>
    public static CatalogSql For(RegistryDbContext db) => db.Database.IsNpgsql() ? new PostgresCatalogSql(db) : new SqliteCatalogSql(db);

    /// <summary>The cards whose text has every word as a word prefix, as a condition the rest of the query composes with.</summary>
    public abstract IQueryable<ServiceCard> Matching(IQueryable<ServiceCard> cards, IReadOnlyList<string> words);

    /// <summary>Calls <paramref name="mark"/> with the id of every card whose text has every word, read as one value
    /// (a common prefix matches half the registry: one aggregated value, not a row per card).</summary>
    internal abstract Task MarkMatchesAsync(IReadOnlyList<string> words, Action<int> mark, CancellationToken ct);

    /// <summary>Runs an aggregate over the cards (the dashboard's figures) with the planner settings it needs when
    /// the filter has words.</summary>
    internal abstract Task<T> AggregateAsync<T>(bool words, Func<Task<T>> query, CancellationToken ct);

    /// <summary>A read-only transaction that sees one state of the database throughout.</summary>
    internal abstract Task<IDbContextTransaction> ReadTransactionAsync(CancellationToken ct);

    /// <summary>The catalog stamp (a plain command: every list asks it first).</summary>
    public async Task<long> StampAsync(CancellationToken ct)
    {
        await using var command = await CommandAsync("""SELECT "Stamp" FROM "CatalogState" WHERE "Id" = 1""", ct);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    /// <summary>The stamp through EF (inside the refresh's transaction).</summary>
    internal Task<long> StampInTransactionAsync(CancellationToken ct) =>
        Db.Database.SqlQueryRaw<long>("""SELECT "Stamp" AS "Value" FROM "CatalogState" WHERE "Id" = 1""").SingleAsync(ct);

    /// <summary>The card ids logged after stamp <paramref name="from"/> up to <paramref name="to"/> (at most <paramref name="take"/>).</summary>
    internal Task<List<int>> ChangedIdsAsync(long from, long to, int take, CancellationToken ct) =>
        Db.Database.SqlQueryRaw<int>("""SELECT "CardId" AS "Value" FROM "CatalogChanges" WHERE "Stamp" > {0} AND "Stamp" <= {1}""", from, to)
            .Take(take).ToListAsync(ct);

    /// <summary>The oldest logged stamp after <paramref name="from"/> (a gap means entries were pruned).</summary>
    internal Task<long?> FirstChangeAfterAsync(long from, CancellationToken ct) =>
        Db.Database.SqlQueryRaw<long?>("""SELECT MIN("Stamp") AS "Value" FROM "CatalogChanges" WHERE "Stamp" > {0}""", from).SingleAsync(ct);

    /// <summary>Drops change-log entries older than the newest <paramref name="kept"/>.</summary>
    internal Task<int> PruneChangesAsync(int kept, CancellationToken ct) =>
        Db.Database.ExecuteSqlRawAsync(
            """DELETE FROM "CatalogChanges" WHERE "Stamp" < (SELECT "Stamp" FROM "CatalogState" WHERE "Id" = 1) - {0}""", [kept], ct);

    private protected async Task<DbCommand> CommandAsync(string sql, CancellationToken ct, string? parameter = null)
    {
        var connection = Db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await Db.Database.OpenConnectionAsync(ct);
        }

        var command = connection.CreateCommand();
        command.CommandText = sql;
        if (parameter is not null)
        {
            var p = command.CreateParameter();
            p.ParameterName = "q";
            p.Value = parameter;
            command.Parameters.Add(p);
        }

        return command;
    }
}
