using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using ServiceRegistry.Core.Catalog;

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
            migrationBuilder.Sql(SearchIndexSql.PostgresSearchTable);
            migrationBuilder.Sql(SearchIndexSql.PostgresFillSearch.Replace("{0}", "0", StringComparison.Ordinal));
            migrationBuilder.Sql(SearchIndexSql.PostgresSearchIndex);
            migrationBuilder.Sql("""ALTER TABLE "Cards" DROP COLUMN "SearchVector";""");
            migrationBuilder.Sql(SearchIndexSql.PostgresTriggers);
        }
        else
        {
            migrationBuilder.Sql(SearchIndexSql.SqliteDropTriggers);
            foreach (var trigger in SearchIndexSql.SqliteTriggers)
            {
                migrationBuilder.Sql(trigger);
            }
        }

        // the catalog index loads every card from this index alone (UpdatedAt added), never from the wide rows
        migrationBuilder.DropIndex("IX_Cards_Catalog", "Cards");
        migrationBuilder.CreateIndex("IX_Cards_Catalog", "Cards", CatalogIndexColumns);
        migrationBuilder.Sql(SearchIndexSql.LogFullReload);
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
            migrationBuilder.Sql(SearchIndexSql.SqliteDropTriggers);
            foreach (var trigger in Catalog.SqliteTriggers)
            {
                migrationBuilder.Sql(trigger);
            }
        }

        migrationBuilder.DropIndex("IX_Cards_Catalog", "Cards");
        migrationBuilder.CreateIndex("IX_Cards_Catalog", "Cards", CatalogIndexColumns[..^1]);
        migrationBuilder.Sql("""DROP TABLE "CatalogChanges";""");
    }
}
