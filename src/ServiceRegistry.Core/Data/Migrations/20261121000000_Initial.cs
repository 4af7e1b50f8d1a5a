using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>Agencies and cards. Hand-written (EF's design-time package does not restore here); one migration
/// serves both providers, with the few provider-specific column types chosen below.</summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261121000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var pg = migrationBuilder.IsPostgres();

        migrationBuilder.CreateTable(
            name: "Agencies",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).AsIdentity(),
                Name = table.Column<string>(nullable: false),
                Province = table.Column<string>(nullable: true),
                ParentId = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Agencies", x => x.Id);
                table.ForeignKey("FK_Agencies_Agencies_ParentId", x => x.ParentId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Cards",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).AsIdentity(),
                Status = table.Column<string>(nullable: false),
                AgencyId = table.Column<int>(nullable: false),
                ServiceId = table.Column<string>(nullable: true),
                Version = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Content = table.Column<string>(type: pg ? "jsonb" : null, nullable: false),
                Title = table.Column<string>(nullable: false),
                SearchText = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Cards", x => x.Id);
                table.ForeignKey("FK_Cards_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_Agencies_Name", "Agencies", "Name");
        migrationBuilder.CreateIndex("IX_Agencies_ParentId", "Agencies", "ParentId");
        migrationBuilder.CreateIndex("IX_Cards_AgencyId", "Cards", "AgencyId");
        migrationBuilder.CreateIndex("IX_Cards_ServiceId", "Cards", "ServiceId", unique: true);
        migrationBuilder.CreateIndex("IX_Cards_Status", "Cards", "Status");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("Cards");
        migrationBuilder.DropTable("Agencies");
    }
}
