using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>
/// The public change log behind the change feed (Core/Feeds): one row per change to public data, numbered in commit
/// order. On PostgreSQL a row's number is drawn under a transaction-scoped advisory lock taken by a BEFORE INSERT
/// trigger, so numbers are handed out one transaction at a time and a later number never commits before an earlier
/// one (an identity alone can: the later transaction commits first and a reader passes over the earlier number).
/// SQLite serialises writers anyway. Every card already published gets a "Published" row, oldest first.
/// </summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261130160000_PublicChanges")]
public sealed class PublicChanges : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var postgres = migrationBuilder.IsPostgres();
        migrationBuilder.CreateTable(
            name: "PublicChanges",
            columns: table => new
            {
                Seq = table.Column<long>(nullable: false).AsIdentity(),
                Kind = table.Column<string>(nullable: false),
                CardId = table.Column<int>(nullable: false),
                ServiceId = table.Column<string>(nullable: true),
                AgencyId = table.Column<int>(nullable: false),
                Title = table.Column<string>(nullable: false),
                Version = table.Column<int>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Content = table.Column<string>(type: postgres ? "jsonb" : null, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_PublicChanges", x => x.Seq);
                table.ForeignKey("FK_PublicChanges_Cards_CardId", x => x.CardId, "Cards", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_PublicChanges_CardId", "PublicChanges", "CardId");

        if (postgres)
        {
            // "SRFEEDS1" as ASCII: held from the row's insert to the transaction's end.
            migrationBuilder.Sql("""
                CREATE FUNCTION public_changes_seq() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock(6003938516567085873);
                    NEW."Seq" := nextval(pg_get_serial_sequence('"PublicChanges"', 'Seq'));
                    RETURN NEW;
                END $$;
                CREATE TRIGGER "PublicChanges_seq" BEFORE INSERT ON "PublicChanges" FOR EACH ROW EXECUTE FUNCTION public_changes_seq();
                """);
        }

        migrationBuilder.Sql("""
            INSERT INTO "PublicChanges" ("Kind", "CardId", "ServiceId", "AgencyId", "Title", "Version", "At", "Content")
            SELECT 'Published', "Id", "ServiceId", "AgencyId", "Title", "Version", COALESCE("PublishedAt", "UpdatedAt"), "Content"
            FROM "Cards" WHERE "Status" = 'Published'
            ORDER BY COALESCE("PublishedAt", "UpdatedAt"), "Id";
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("PublicChanges");
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.Sql("DROP FUNCTION public_changes_seq();");
        }
    }
}
