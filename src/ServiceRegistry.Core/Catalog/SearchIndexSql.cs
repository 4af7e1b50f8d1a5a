namespace ServiceRegistry.Core.Catalog;

/// <summary>
/// The SQL that keeps the search index, the catalog stamp and the change log in step with Cards. Every change to a
/// card bumps <c>CatalogState.Stamp</c> and writes (new stamp, card id) to <c>CatalogChanges</c> in the same trigger,
/// so the log read up to a stamp names every card changed up to it (<see cref="CatalogIndex"/> refreshes from it).
/// A card id of 0 means "reload everything" (bulk loads, TRUNCATE). Migration 20261122010000_CatalogChanges creates
/// these; the synthetic bulk load drops and recreates the SQLite triggers and disables the PostgreSQL one while loading.
/// </summary>
public static class SearchIndexSql
{
    public static readonly IReadOnlyList<string> SqliteTriggers =
    [
        """
        CREATE TRIGGER Cards_search_ai AFTER INSERT ON Cards BEGIN
            INSERT INTO CardSearch(rowid, TitleKey, SearchText) VALUES (new.Id, new.TitleKey, new.SearchText);
            UPDATE CatalogState SET Stamp = Stamp + 1 WHERE Id = 1;
            INSERT INTO CatalogChanges(Stamp, CardId) SELECT Stamp, new.Id FROM CatalogState WHERE Id = 1;
        END;
        """,
        """
        CREATE TRIGGER Cards_search_ad AFTER DELETE ON Cards BEGIN
            INSERT INTO CardSearch(CardSearch, rowid, TitleKey, SearchText) VALUES ('delete', old.Id, old.TitleKey, old.SearchText);
            UPDATE CatalogState SET Stamp = Stamp + 1 WHERE Id = 1;
            INSERT INTO CatalogChanges(Stamp, CardId) SELECT Stamp, old.Id FROM CatalogState WHERE Id = 1;
        END;
        """,
        """
        CREATE TRIGGER Cards_search_au AFTER UPDATE ON Cards BEGIN
            INSERT INTO CardSearch(CardSearch, rowid, TitleKey, SearchText) VALUES ('delete', old.Id, old.TitleKey, old.SearchText);
            INSERT INTO CardSearch(rowid, TitleKey, SearchText) VALUES (new.Id, new.TitleKey, new.SearchText);
            UPDATE CatalogState SET Stamp = Stamp + 1 WHERE Id = 1;
            INSERT INTO CatalogChanges(Stamp, CardId) SELECT Stamp, new.Id FROM CatalogState WHERE Id = 1;
        END;
        """,
    ];

    public const string SqliteDropTriggers =
        "DROP TRIGGER IF EXISTS Cards_search_ai; DROP TRIGGER IF EXISTS Cards_search_ad; DROP TRIGGER IF EXISTS Cards_search_au;";

    /// <summary>
    /// PostgreSQL's search table: the words of each card (stripped tsvector of the normalised title and text, 'simple'
    /// configuration) in a table of their own, so a match reads narrow rows, not the wide Cards rows. A GIN match still
    /// visits the heap row of every matching card, so the rows are kept tiny: "Pad" (2 KB of spaces, compressed to a few
    /// bytes) lifts each row over PostgreSQL's 2 KB TOAST threshold, and with toast_tuple_target = 128 the words then
    /// move out of line: ~90 bytes a row, ~90 rows a page instead of ~9. The words are read from TOAST only when a row is
    /// rechecked, which prefix matches without weights never need. Every match goes through card_search_ids, which turns
    /// sequential scans off for its own query: the planner does not see that a scan of the small heap would de-toast
    /// every row. docs/benchmarks.md has the figures.
    /// </summary>
    public const string PostgresSearchTable = """
        CREATE FUNCTION card_search_words(title text, body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
            AS $$ SELECT strip(to_tsvector('simple'::regconfig, coalesce(title, '') || ' ' || coalesce(body, ''))) $$;
        CREATE TABLE "CardSearch" (
            "Id" integer PRIMARY KEY,
            "Words" tsvector NOT NULL,
            "Pad" text NOT NULL DEFAULT repeat(' ', 2048)
        ) WITH (toast_tuple_target = 128);
        CREATE FUNCTION card_search_ids(q tsquery) RETURNS integer[] LANGUAGE sql STABLE SET enable_seqscan = off
            AS $$ SELECT coalesce(array_agg("Id"), '{}') FROM "CardSearch" WHERE "Words" @@ q $$;
        """;

    public const string PostgresSearchIndex = """CREATE INDEX "IX_CardSearch_Words" ON "CardSearch" USING GIN ("Words");""";

    /// <summary>Fills the search table for cards from an id on (bulk loads and the migration).</summary>
    public const string PostgresFillSearch = """
        INSERT INTO "CardSearch" ("Id", "Words") SELECT "Id", card_search_words("TitleKey", "SearchText") FROM "Cards" WHERE "Id" >= {0}
        ON CONFLICT ("Id") DO UPDATE SET "Words" = EXCLUDED."Words";
        """;

    /// <summary>PostgreSQL: one row trigger keeps the search table, bumps the stamp and logs the card (the UPDATE of the
    /// single CatalogState row also orders concurrent writers, so stamps are logged in commit order); TRUNCATE empties
    /// the search table and logs a full reload.</summary>
    public const string PostgresTriggers = """
        CREATE FUNCTION catalog_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE s bigint;
        BEGIN
            UPDATE "CatalogState" SET "Stamp" = "Stamp" + 1 WHERE "Id" = 1 RETURNING "Stamp" INTO s;
            IF TG_OP = 'TRUNCATE' THEN
                DELETE FROM "CardSearch";
                INSERT INTO "CatalogChanges" ("Stamp", "CardId") VALUES (s, 0);
            ELSIF TG_OP = 'DELETE' THEN
                DELETE FROM "CardSearch" WHERE "Id" = OLD."Id";
                INSERT INTO "CatalogChanges" ("Stamp", "CardId") VALUES (s, OLD."Id");
            ELSE
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO "CardSearch" ("Id", "Words") VALUES (NEW."Id", card_search_words(NEW."TitleKey", NEW."SearchText"));
                ELSIF NEW."TitleKey" IS DISTINCT FROM OLD."TitleKey" OR NEW."SearchText" IS DISTINCT FROM OLD."SearchText" THEN
                    UPDATE "CardSearch" SET "Words" = card_search_words(NEW."TitleKey", NEW."SearchText") WHERE "Id" = NEW."Id";
                END IF;
                INSERT INTO "CatalogChanges" ("Stamp", "CardId") VALUES (s, NEW."Id");
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER "Cards_changes" AFTER INSERT OR UPDATE OR DELETE ON "Cards" FOR EACH ROW EXECUTE FUNCTION catalog_log_change();
        CREATE TRIGGER "Cards_truncate" AFTER TRUNCATE ON "Cards" FOR EACH STATEMENT EXECUTE FUNCTION catalog_log_change();
        """;

    /// <summary>After a bulk load with the triggers off: one stamp and a "reload everything" entry (both databases).</summary>
    public const string LogFullReload = """
        UPDATE "CatalogState" SET "Stamp" = "Stamp" + 1 WHERE "Id" = 1;
        INSERT INTO "CatalogChanges" ("Stamp", "CardId") SELECT "Stamp", 0 FROM "CatalogState" WHERE "Id" = 1;
        """;
}
