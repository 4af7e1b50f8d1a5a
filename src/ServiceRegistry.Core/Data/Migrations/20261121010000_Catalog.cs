using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>
/// The public catalog: promoted facet columns on Cards (filled by <c>ServiceCard.Derive</c>), their indexes,
/// full-text search (SQLite: an FTS5 table kept by triggers; PostgreSQL: a generated tsvector with a GIN index,
/// plus pg_trgm on the normalised title) and the catalog stamp, a counter every change to Cards bumps, which
/// keys the list ETag and the result cache.
/// </summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261121010000_Catalog")]
public sealed class Catalog : Migration
{
    /// <summary>The triggers as this migration made them (20261122010000_CatalogChanges replaces them).</summary>
    internal static readonly string[] SqliteTriggers =
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

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var pg = migrationBuilder.IsPostgres();

        migrationBuilder.AddColumn<string>("TitleKey", "Cards", nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>("Province", "Cards", nullable: true);
        migrationBuilder.AddColumn<string>("ParentServiceId", "Cards", nullable: true);
        migrationBuilder.AddColumn<int>("Types", "Cards", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>("Levels", "Cards", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<int>("LifeEvents", "Cards", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<string>("Nature", "Cards", nullable: true);
        migrationBuilder.AddColumn<int>("Maturity", "Cards", nullable: false, defaultValue: 0);
        migrationBuilder.AddColumn<bool>("IsFree", "Cards", nullable: false, defaultValue: false);

        // One covering index for lists and facets: searches, counts and the first page read only the index, never
        // the wide rows (the JSON content sits before these columns in SQLite's records, often on overflow pages).
        migrationBuilder.CreateIndex("IX_Cards_Catalog", "Cards",
            ["Status", "TitleKey", "Types", "Levels", "LifeEvents", "Nature", "Maturity", "IsFree", "AgencyId", "Province"]);
        migrationBuilder.CreateIndex("IX_Cards_ParentServiceId", "Cards", "ParentServiceId");

        if (pg)
        {
            migrationBuilder.Sql("""
                CREATE EXTENSION IF NOT EXISTS pg_trgm;
                ALTER TABLE "Cards" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple'::regconfig, "TitleKey"), 'A') ||
                    setweight(to_tsvector('simple'::regconfig, "SearchText"), 'B')) STORED;
                CREATE INDEX "IX_Cards_SearchVector" ON "Cards" USING GIN ("SearchVector");
                CREATE INDEX "IX_Cards_TitleKey_trgm" ON "Cards" USING GIN ("TitleKey" gin_trgm_ops);
                CREATE TABLE "CatalogState" ("Id" integer PRIMARY KEY, "Stamp" bigint NOT NULL);
                INSERT INTO "CatalogState" VALUES (1, 0);
                CREATE FUNCTION catalog_bump_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN UPDATE "CatalogState" SET "Stamp" = "Stamp" + 1 WHERE "Id" = 1; RETURN NULL; END $$;
                CREATE TRIGGER "Cards_stamp" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Cards"
                    FOR EACH STATEMENT EXECUTE FUNCTION catalog_bump_stamp();
                """);
        }
        else
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE CardSearch USING fts5(TitleKey, SearchText, content='Cards', content_rowid='Id',
                    tokenize='unicode61 remove_diacritics 0', prefix='2 3');
                """);
            foreach (var trigger in SqliteTriggers)
            {
                migrationBuilder.Sql(trigger);
            }

            migrationBuilder.Sql("CREATE TABLE CatalogState (Id INTEGER PRIMARY KEY, Stamp INTEGER NOT NULL); INSERT INTO CatalogState VALUES (1, 0);");
            migrationBuilder.Sql("INSERT INTO CardSearch(CardSearch) VALUES ('rebuild');");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Cards_stamp" ON "Cards"; DROP FUNCTION catalog_bump_stamp(); DROP TABLE "CatalogState";
                DROP INDEX "IX_Cards_TitleKey_trgm"; DROP INDEX "IX_Cards_SearchVector"; ALTER TABLE "Cards" DROP COLUMN "SearchVector";
                """);
        }
        else
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Cards_search_ai; DROP TRIGGER IF EXISTS Cards_search_ad; DROP TRIGGER IF EXISTS Cards_search_au; DROP TABLE CardSearch; DROP TABLE CatalogState;");
        }

        foreach (var index in new[] { "IX_Cards_Catalog", "IX_Cards_ParentServiceId" })
        {
            migrationBuilder.DropIndex(index, "Cards");
        }

        foreach (var column in new[] { "TitleKey", "Province", "ParentServiceId", "Types", "Levels", "LifeEvents", "Nature", "Maturity", "IsFree" })
        {
            migrationBuilder.DropColumn(column, "Cards");
        }
    }
}
