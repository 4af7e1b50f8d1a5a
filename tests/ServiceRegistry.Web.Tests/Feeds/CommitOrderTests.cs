using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Core.Cards;
using ServiceRegistry.Core.Data;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.Feeds;

/// <summary>The change log's numbers are handed out in commit order: a second writer's change waits until the first
/// writer's transaction ends, so no reader can see a later number while an earlier one is still to commit.</summary>
public sealed class CommitOrderTests : IAsyncLifetime
{
    private readonly RegistryApp _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PublicChange_SecondWriterWhileFirstIsOpen_WaitsAndGetsTheLaterNumber()
    {
        // Arrange: one published card; writer A has recorded a change and not committed yet
        var card = (await _app.SeedAsync(new CardBuilder().Titled("خدمت ترتیب").InStatus(CardStatus.Published, "10000000777")))[0];
        await using var scopeA = _app.Services.CreateAsyncScope();
        await using var scopeB = _app.Services.CreateAsyncScope();
        await using var scopeReader = _app.Services.CreateAsyncScope();
        var dbA = scopeA.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var dbB = scopeB.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var reader = scopeReader.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var before = await reader.PublicChanges.MaxAsync(c => c.Seq, Ct);
        await using var transactionA = await dbA.Database.BeginTransactionAsync(Ct);
        var seqA = await InsertChangeAsync(dbA, card);

        // Act: writer B records a change meanwhile
        var writerB = Task.Run(async () =>
        {
            await using var transactionB = await dbB.Database.BeginTransactionAsync(Ct);
            var seq = await InsertChangeAsync(dbB, card);
            await transactionB.CommitAsync(Ct);
            return seq;
        }, Ct);
        await Task.WhenAny(writerB, Task.Delay(TimeSpan.FromSeconds(1), Ct));
        var bWaited = !writerB.IsCompleted;
        var seenWhileAOpen = await reader.PublicChanges.CountAsync(c => c.Seq > before, Ct);
        await transactionA.CommitAsync(Ct);
        var seqB = await writerB;

        // Assert
        Assert.True(bWaited, "the second writer got its number while the first transaction was still open");
        Assert.Equal(0, seenWhileAOpen);
        Assert.True(seqB > seqA, $"{seqB} after {seqA}");
    }

    private static async Task<long> InsertChangeAsync(RegistryDbContext db, ServiceCard card) =>
        (await db.Database.SqlQuery<long>($"""
            INSERT INTO "PublicChanges" ("Kind", "CardId", "ServiceId", "AgencyId", "Title", "Version", "At")
            VALUES ('Revised', {card.Id}, {card.ServiceId}, {card.AgencyId}, {card.Title}, {card.Version}, {card.UpdatedAt})
            RETURNING "Seq" AS "Value"
            """).ToListAsync(Ct)).Single();
}
