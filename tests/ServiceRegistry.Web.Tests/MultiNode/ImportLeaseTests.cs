using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceRegistry.Core.Accounts;
using ServiceRegistry.Core.Imports;
using ServiceRegistry.Testing;

namespace ServiceRegistry.Web.Tests.MultiNode;

/// <summary>An uploaded file being read is leased by the node reading it; another node (or a restart) takes it up only
/// once the lease has expired. Two hosts on one database: PostgreSQL, or one SQLite file.</summary>
public sealed class ImportLeaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NodeStarts_WhileAnotherNodeReadsAFile_LeavesItUntilTheLeaseExpires()
    {
        // Arrange: a third node is reading a file, leased for ten minutes; node A runs beside it
        await using var nodeA = new RegistryApp();
        var owner = await nodeA.UserAsync(Roles.AgencyEditor, ServiceIdTests.Agency, "یزد");
        var itemId = await nodeA.WithDbAsync(async db =>
        {
            var ownerId = await db.Users.Where(u => u.Email == owner.Email).Select(u => u.Id).SingleAsync(Ct);
            var batch = ImportBatch.Start(ownerId, nodeA.Clock.GetUtcNow());
            var item = batch.Queue("فرم شناسنامه.txt", Encoding.UTF8.GetBytes("عنوان خدمت: صدور مجوز حفاری\n"));
            item.Start("node-c", nodeA.Clock.GetUtcNow().AddMinutes(10));
            db.ImportBatches.Add(batch);
            await db.SaveChangesAsync(Ct);
            return item.Id;
        });

        // Act: node B starts; its worker looks at the queue at once and again when told
        await using var nodeB = nodeA.AnotherNode("node-b");
        nodeB.CreateClient();
        var queue = nodeB.Services.GetRequiredService<ImportQueue>();
        for (var i = 0; i < 10; i++)
        {
            queue.Notify();
            await Task.Delay(200, Ct);
        }

        var whileLeased = await ItemAsync(nodeA, itemId);

        // node C stops without finishing: its lease runs out, and a live node takes the file up
        nodeA.Clock.Advance(TimeSpan.FromMinutes(11));
        var afterExpiry = await WaitAsync(nodeA, itemId, i => i.Status == ImportItemStatus.Done, queue);

        // Assert
        Assert.Equal((ImportItemStatus.Running, "node-c", 1), (whileLeased.Status, whileLeased.LeaseOwner, whileLeased.Attempts));
        Assert.Equal((ImportItemStatus.Done, 2), (afterExpiry.Status, afterExpiry.Attempts));
        Assert.NotEqual("node-c", afterExpiry.LeaseOwner);
    }

    private static Task<ImportItem> ItemAsync(RegistryApp app, int id) =>
        app.WithDbAsync(db => db.ImportItems.AsNoTracking().SingleAsync(i => i.Id == id, Ct));

    private static async Task<ImportItem> WaitAsync(RegistryApp app, int id, Func<ImportItem, bool> done, ImportQueue queue)
    {
        for (var i = 0; i < 300; i++)
        {
            var item = await ItemAsync(app, id);
            if (done(item))
            {
                return item;
            }

            queue.Notify();
            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"import item {id} did not get there within 30 s");
    }
}
