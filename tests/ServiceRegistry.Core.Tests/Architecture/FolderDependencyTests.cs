using ServiceRegistry.Core.Cards;

namespace ServiceRegistry.Core.Tests.Architecture;

/// <summary>
/// The folders of Core (its namespaces) use each other in one direction only: no two folders reach each other.
/// Data (the DbContext maps every folder's entities, and the rules query it directly) and the root namespace (the
/// composition root) are left out: they are the hub, not a folder of rules.
/// </summary>
public sealed class FolderDependencyTests
{
    /// <summary>Folders still in a cycle: none. The types every folder shares about a card (Actor and its permission rules,
    /// versions, review comments, the audit trail, the card's JSON, search terms and burden) live in Cards, which uses no
    /// other folder; a new cycle fails here with the edges that close it.</summary>
    private static readonly string[][] Remaining = [];

    private static readonly string[] Hub = ["", "Data"];

    [Fact]
    public void CoreFolders_UseEachOtherInOneDirection_ExceptTheCycleStillListed()
    {
        // Arrange
        var core = FolderDependencies.Of(typeof(CardContent).Assembly.Location).Without(Hub);

        // Act
        var cycles = core.Cycles();

        // Assert
        var edges = core.Edges.Where(e => cycles.Any(c => c.Contains(FolderDependencies.Folder(e.From)) && c.Contains(FolderDependencies.Folder(e.To))))
            .Select(e => $"{e.From} → {e.To}");
        Assert.True(
            cycles.Select(c => string.Join(", ", c)).SequenceEqual(Remaining.Select(c => string.Join(", ", c))),
            "folders in cycles: " + string.Join(" | ", cycles.Select(c => string.Join(", ", c))) + "\n" + string.Join("\n", edges));
    }

    [Fact]
    public void Cycles_FolderThatUsesAnotherAndBack_IsFound()
    {
        // Arrange: Imports uses Cards; Cards using Imports back would close a cycle
        var core = FolderDependencies.Of(typeof(CardContent).Assembly.Location).Without(Hub);
        var withBackEdge = core.With(("ServiceRegistry.Core.Cards.CardContent", "ServiceRegistry.Core.Imports.ImportResult"));

        // Act
        var cycles = withBackEdge.Cycles();

        // Assert
        Assert.Contains(cycles, c => c.Contains("Imports") && c.Contains("Cards"));
        Assert.DoesNotContain(core.Cycles(), c => c.Contains("Imports"));
    }
}
