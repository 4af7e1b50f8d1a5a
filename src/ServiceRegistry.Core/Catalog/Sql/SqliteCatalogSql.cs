using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Catalog;

/// <summary>SQLite: the words are matched by the FTS5 table <c>CardSearch</c> (prefix indexes 2 and 3).</summary>
internal sealed class SqliteCatalogSql(RegistryDbContext db) : CatalogSql(db)
{
    private const string MatchIds = """SELECT rowid AS "Value" FROM CardSearch WHERE CardSearch MATCH {0}""";

    public override IQueryable<ServiceCard> Matching(IQueryable<ServiceCard> cards, IReadOnlyList<string> words)
    {
        var ids = Db.Database.SqlQueryRaw<int>(MatchIds, SearchTerms.Fts5(words));

        // Id + 0 keeps SQLite on the covering index (checking ids against the match list) instead of fetching each
        // matching row by rowid.
        return cards.Where(c => ids.Contains(c.Id + 0));
    }

    internal override async Task MarkMatchesAsync(IReadOnlyList<string> words, Action<int> mark, CancellationToken ct)
    {
        // the ids joined into one text value
        await using var command = await CommandAsync("SELECT group_concat(rowid) FROM CardSearch WHERE CardSearch MATCH @q", ct, SearchTerms.Fts5(words));
        if (await command.ExecuteScalarAsync(ct) is not string list)
        {
            return;
        }

        var id = 0;
        foreach (var c in list)
        {
            if (c == ',')
            {
                mark(id);
                id = 0;
            }
            else
            {
                id = (id * 10) + (c - '0');
            }
        }

        mark(id);
    }

    internal override Task<T> AggregateAsync<T>(bool words, Func<Task<T>> query, CancellationToken ct) => query();

    /// <summary>Deferred: writers are not blocked in WAL mode, and the first read fixes the snapshot.</summary>
    internal override async Task<IDbContextTransaction> ReadTransactionAsync(CancellationToken ct)
    {
        await Db.Database.OpenConnectionAsync(ct);
        var connection = (SqliteConnection)Db.Database.GetDbConnection();
        return await Db.Database.UseTransactionAsync(connection.BeginTransaction(deferred: true), ct)
            ?? throw new InvalidOperationException("SQLite transaction not taken.");
    }
}
