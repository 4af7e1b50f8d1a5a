using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;

namespace ServiceRegistry.Core.Catalog;

/// <summary>PostgreSQL: the words are matched through <c>card_search_ids(tsquery) → int[]</c> (the narrow, toasted
/// <c>CardSearch</c> table with its GIN index; docs/decisions.md says why the function turns sequential scans off).</summary>
internal sealed class PostgresCatalogSql(RegistryDbContext db) : CatalogSql(db)
{
    private const string MatchIds = """SELECT unnest(card_search_ids(to_tsquery('simple', {0}))) AS "Value" """;

    public override IQueryable<ServiceCard> Matching(IQueryable<ServiceCard> cards, IReadOnlyList<string> words)
    {
        var ids = Db.Database.SqlQueryRaw<int>(MatchIds, SearchTerms.TsQuery(words));
        return cards.Where(c => ids.Contains(c.Id));
    }

    internal override async Task MarkMatchesAsync(IReadOnlyList<string> words, Action<int> mark, CancellationToken ct)
    {
        // the ids as one int[], read in binary
        await using var command = await CommandAsync("SELECT card_search_ids(to_tsquery('simple', @q))", ct, SearchTerms.TsQuery(words));
        if (await command.ExecuteScalarAsync(ct) is int[] ids)
        {
            foreach (var id in ids)
            {
                mark(id);
            }
        }
    }

    /// <summary>
    /// With words, in a transaction with nested loops (and JIT) off. The planner guesses 200 ids for any text match and
    /// fetches each matching card's heap row by id: 5.2 s for a word every card has at a million cards, where a hash
    /// join with the covering IX_Cards_Statistics takes 1.5 s (EXPLAIN ANALYZE).
    /// </summary>
    internal override async Task<T> AggregateAsync<T>(bool words, Func<Task<T>> query, CancellationToken ct)
    {
        if (!words)
        {
            return await query();
        }

        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        await Db.Database.ExecuteSqlRawAsync("SET LOCAL enable_nestloop = off; SET LOCAL jit = off", ct);
        var result = await query();
        await transaction.CommitAsync(ct);
        return result;
    }

    internal override async Task<IDbContextTransaction> ReadTransactionAsync(CancellationToken ct) =>
        await Db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
}
