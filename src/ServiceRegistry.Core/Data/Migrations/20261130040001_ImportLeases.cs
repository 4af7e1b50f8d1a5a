using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>A file being read is leased by one node until a time; only an expired lease puts it back in the queue
/// (a file left "being read" by an older version has no lease and counts as expired).</summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261130040001_ImportLeases")]
public sealed class ImportLeases : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("LeaseOwner", "ImportItems", nullable: true);
        migrationBuilder.AddColumn<DateTime>("LeaseExpiresAt", "ImportItems", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("LeaseExpiresAt", "ImportItems");
        migrationBuilder.DropColumn("LeaseOwner", "ImportItems");
    }
}
