using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>
/// The card's scope on each quarterly return (whether the card is published, its agency, province and e-readiness level),
/// so the quarterly views sum returns without joining every return to its card (docs/decisions.md, "figures (third
/// round)"). The database keeps them: a trigger fills a new return's scope from its card (unless the writer gave it), and a
/// trigger on Cards copies a change of status, agency, province or level to the card's returns. One covering index serves
/// the per-quarter sums, the largest services, the gap list and the agency ranking.
/// </summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261201180000_ReturnScope")]
public sealed class ReturnScope : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>("CardPublished", "QuarterlyReturns", nullable: false, defaultValue: false);
        migrationBuilder.AddColumn<int>("AgencyId", "QuarterlyReturns", nullable: true);
        migrationBuilder.AddColumn<string>("Province", "QuarterlyReturns", nullable: true);
        migrationBuilder.AddColumn<int>("Maturity", "QuarterlyReturns", nullable: true);
        migrationBuilder.Sql("""
            UPDATE "QuarterlyReturns" SET ("CardPublished", "AgencyId", "Province", "Maturity") =
                (SELECT c."Status" = 'Published', c."AgencyId", c."Province", c."Maturity" FROM "Cards" c WHERE c."Id" = "QuarterlyReturns"."CardId");
            """);
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION return_scope_fill() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW."AgencyId" IS NULL THEN
                        SELECT c."Status" = 'Published', c."AgencyId", c."Province", c."Maturity"
                            INTO NEW."CardPublished", NEW."AgencyId", NEW."Province", NEW."Maturity"
                            FROM "Cards" c WHERE c."Id" = NEW."CardId";
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER "QuarterlyReturns_scope" BEFORE INSERT ON "QuarterlyReturns" FOR EACH ROW EXECUTE FUNCTION return_scope_fill();
                CREATE FUNCTION return_scope_follow_card() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "QuarterlyReturns" SET "CardPublished" = NEW."Status" = 'Published', "AgencyId" = NEW."AgencyId",
                        "Province" = NEW."Province", "Maturity" = NEW."Maturity"
                        WHERE "CardId" = NEW."Id";
                    RETURN NULL;
                END $$;
                CREATE TRIGGER "Cards_return_scope" AFTER UPDATE OF "Status", "AgencyId", "Province", "Maturity" ON "Cards" FOR EACH ROW
                    WHEN (OLD."Status" IS DISTINCT FROM NEW."Status" OR OLD."AgencyId" IS DISTINCT FROM NEW."AgencyId"
                        OR OLD."Province" IS DISTINCT FROM NEW."Province" OR OLD."Maturity" IS DISTINCT FROM NEW."Maturity")
                    EXECUTE FUNCTION return_scope_follow_card();
                """);
        }
        else
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER "QuarterlyReturns_scope" AFTER INSERT ON "QuarterlyReturns" WHEN NEW."AgencyId" IS NULL BEGIN
                    UPDATE "QuarterlyReturns" SET ("CardPublished", "AgencyId", "Province", "Maturity") =
                        (SELECT c."Status" = 'Published', c."AgencyId", c."Province", c."Maturity" FROM "Cards" c WHERE c."Id" = NEW."CardId")
                        WHERE "Id" = NEW."Id";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Cards_return_scope" AFTER UPDATE OF "Status", "AgencyId", "Province", "Maturity" ON "Cards"
                    WHEN OLD."Status" IS NOT NEW."Status" OR OLD."AgencyId" IS NOT NEW."AgencyId"
                        OR OLD."Province" IS NOT NEW."Province" OR OLD."Maturity" IS NOT NEW."Maturity" BEGIN
                    UPDATE "QuarterlyReturns" SET "CardPublished" = NEW."Status" = 'Published', "AgencyId" = NEW."AgencyId",
                        "Province" = NEW."Province", "Maturity" = NEW."Maturity"
                        WHERE "CardId" = NEW."Id";
                END;
                """);
        }

        migrationBuilder.CreateIndex("IX_QuarterlyReturns_Scope", "QuarterlyReturns", ScopeIndexColumns);
    }

    internal static readonly string[] ScopeIndexColumns =
        ["Period", "CardPublished", "Status", "AgencyId", "Province", "Maturity", "AllRequests", "ElectronicRequests", "AssistedRequests", "TakeUp"];

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_QuarterlyReturns_Scope", "QuarterlyReturns");
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.Sql("""
                DROP TRIGGER "Cards_return_scope" ON "Cards"; DROP FUNCTION return_scope_follow_card();
                DROP TRIGGER "QuarterlyReturns_scope" ON "QuarterlyReturns"; DROP FUNCTION return_scope_fill();
                """);
        }
        else
        {
            migrationBuilder.Sql("""DROP TRIGGER "Cards_return_scope"; DROP TRIGGER "QuarterlyReturns_scope";""");
        }

        migrationBuilder.DropColumn("Maturity", "QuarterlyReturns");
        migrationBuilder.DropColumn("Province", "QuarterlyReturns");
        migrationBuilder.DropColumn("AgencyId", "QuarterlyReturns");
        migrationBuilder.DropColumn("CardPublished", "QuarterlyReturns");
    }
}
