using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>
/// PostgreSQL: drops the pg_trgm index on Cards.TitleKey. It was made for a later "did you mean"; that now comes from
/// the published titles' words in memory (SearchSpelling), the same on both databases, so the index only cost every
/// write and bulk load. The pg_trgm extension stays installed. SQLite: nothing to do.
/// </summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261122020000_DropTitleTrigrams")]
public sealed class DropTitleTrigrams : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Cards_TitleKey_trgm";""");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.Sql("""CREATE INDEX "IX_Cards_TitleKey_trgm" ON "Cards" USING GIN ("TitleKey" gin_trgm_ops);""");
        }
    }
}
