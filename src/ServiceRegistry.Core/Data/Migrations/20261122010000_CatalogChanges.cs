using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>
/// The catalog change log: every change to Cards writes (stamp, card id) to CatalogChanges from the same trigger that
/// bumps the stamp, so the in-memory catalog index (CatalogIndex) reloads only the cards that changed. PostgreSQL's
/// search moves from the generated column on the wide Cards rows to a narrow CardSearch table (as SQLite's FTS5 table
/// is named), kept by the same trigger.
/// </summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261122010000_CatalogChanges")]
public sealed class CatalogChanges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "CatalogChanges" ("Stamp" bigint NOT NULL, "CardId" integer NOT NULL);
            CREATE INDEX "IX_CatalogChanges_Stamp" ON "CatalogChanges" ("Stamp");
            """);
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.Sql("""DROP TRIGGER "Cards_stamp" ON "Cards"; DROP FUNCTION catalog_bump_stamp();""");
            migrationBuilder.Sql(PostgresSearchTable);
            migrationBuilder.Sql(PostgresFillSearch);
            migrationBuilder.Sql(PostgresSearchIndex);
            migrationBuilder.Sql("""ALTER TABLE "Cards" DROP COLUMN "SearchVector";""");
            migrationBuilder.Sql(PostgresTriggers);
        }
        else
        {
            migrationBuilder.Sql(SqliteDropTriggers);
            foreach (var trigger in SqliteTriggers)
            {
                migrationBuilder.Sql(trigger);
            }
        }

        // the catalog index loads every card from this index alone (UpdatedAt added), never from the wide rows
        migrationBuilder.DropIndex("IX_Cards_Catalog", "Cards");
        migrationBuilder.CreateIndex("IX_Cards_Catalog", "Cards", CatalogIndexColumns);
        migrationBuilder.Sql(LogFullReload);
    }

    internal static readonly string[] CatalogIndexColumns =
        ["Status", "TitleKey", "Types", "Levels", "LifeEvents", "Nature", "Maturity", "IsFree", "AgencyId", "Province", "UpdatedAt"];

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Cards_changes" ON "Cards"; DROP TRIGGER "Cards_truncate" ON "Cards"; DROP FUNCTION catalog_log_change();
                DROP FUNCTION card_search_ids(tsquery); DROP TABLE "CardSearch"; DROP FUNCTION card_search_words(text, text);
                ALTER TABLE "Cards" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple'::regconfig, "TitleKey"), 'A') ||
                    setweight(to_tsvector('simple'::regconfig, "SearchText"), 'B')) STORED;
                CREATE INDEX "IX_Cards_SearchVector" ON "Cards" USING GIN ("SearchVector");
                CREATE FUNCTION catalog_bump_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE "CatalogState" SET "Stamp" = "Stamp" + 1 WHERE "Id" = 1; RETURN NULL; END $$;
                CREATE TRIGGER "Cards_stamp" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Cards"
                    FOR EACH STATEMENT EXECUTE FUNCTION catalog_bump_stamp();
                """);
        }
        else
        {
            migrationBuilder.Sql(SqliteDropTriggers);
            foreach (var trigger in Catalog.SqliteTriggers)
            {
                migrationBuilder.Sql(trigger);
            }
        }

        migrationBuilder.DropIndex("IX_Cards_Catalog", "Cards");
        migrationBuilder.CreateIndex("IX_Cards_Catalog", "Cards", CatalogIndexColumns[..^1]);
        migrationBuilder.Sql("""DROP TABLE "CatalogChanges";""");
    }

    // The SQL this migration ran, as it was written (a migration never calls live code whose text may change later;
    // Catalog/SearchIndexSql.cs keeps the live copies for the synthetic bulk load).
    private const string SqliteDropTriggers =
        "DROP TRIGGER IF EXISTS Cards_search_ai; DROP TRIGGER IF EXISTS Cards_search_ad; DROP TRIGGER IF EXISTS Cards_search_au;";

    private static readonly string[] SqliteTriggers =
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

    private const string PostgresSearchTable = """
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

    private const string PostgresSearchIndex = """CREATE INDEX "IX_CardSearch_Words" ON "CardSearch" USING GIN ("Words");""";

    private const string PostgresFillSearch = """
        INSERT INTO "CardSearch" ("Id", "Words") SELECT "Id", card_search_words("TitleKey", "SearchText") FROM "Cards" WHERE "Id" >= 0
        ON CONFLICT ("Id") DO UPDATE SET "Words" = EXCLUDED."Words";
        """;

    private const string PostgresTriggers = """
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

    private const string LogFullReload = """
        UPDATE "CatalogState" SET "Stamp" = "Stamp" + 1 WHERE "Id" = 1;
        INSERT INTO "CatalogChanges" ("Stamp", "CardId") SELECT "Stamp", 0 FROM "CatalogState" WHERE "Id" = 1;
        """;
}
