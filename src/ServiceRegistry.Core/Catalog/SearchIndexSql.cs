namespace ServiceRegistry.Core.Catalog;

/// <summary>The SQLite triggers that keep the FTS5 table CardSearch and the catalog stamp in step with Cards
/// (migration 20261121010000_Catalog creates them; the synthetic bulk load drops and recreates them).</summary>
public static class SearchIndexSql
{
    public static readonly IReadOnlyList<string> SqliteTriggers =
    [
        """
        CREATE TRIGGER Cards_search_ai AFTER INSERT ON Cards BEGIN
            INSERT INTO CardSearch(rowid, TitleKey, SearchText) VALUES (new.Id, new.TitleKey, new.SearchText);
            UPDATE CatalogState SET Stamp = Stamp + 1 WHERE Id = 1;
        END;
        """,
        """
        CREATE TRIGGER Cards_search_ad AFTER DELETE ON Cards BEGIN
            INSERT INTO CardSearch(CardSearch, rowid, TitleKey, SearchText) VALUES ('delete', old.Id, old.TitleKey, old.SearchText);
            UPDATE CatalogState SET Stamp = Stamp + 1 WHERE Id = 1;
        END;
        """,
        """
        CREATE TRIGGER Cards_search_au AFTER UPDATE ON Cards BEGIN
            INSERT INTO CardSearch(CardSearch, rowid, TitleKey, SearchText) VALUES ('delete', old.Id, old.TitleKey, old.SearchText);
            INSERT INTO CardSearch(rowid, TitleKey, SearchText) VALUES (new.Id, new.TitleKey, new.SearchText);
            UPDATE CatalogState SET Stamp = Stamp + 1 WHERE Id = 1;
        END;
        """,
    ];

    public const string SqliteDropTriggers =
        "DROP TRIGGER IF EXISTS Cards_search_ai; DROP TRIGGER IF EXISTS Cards_search_ad; DROP TRIGGER IF EXISTS Cards_search_au;";
}
