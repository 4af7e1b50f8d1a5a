using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>
/// National templates and their instances: a card may be a template (IsTemplate) or follow one (TemplateId, a
/// foreign key to Cards, and the TemplateVersion it follows), with the shared parts it overrides and the parts
/// changed on the template since (comma-separated part keys). An index on (TemplateId, Province, Status) lists a
/// template's instances and counts coverage by province. Existing cards are standalone.
/// </summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261130170000_Templates")]
public sealed class Templates : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<bool>("IsTemplate", "Cards", nullable: false, defaultValue: false);
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.AddColumn<int>("TemplateId", "Cards", nullable: true);
            migrationBuilder.AddForeignKey("FK_Cards_Cards_TemplateId", "Cards", "TemplateId", "Cards", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        }
        else
        {
            // SQLite adds a column with its reference in place (a foreign key added later would rebuild the table and its triggers).
            migrationBuilder.Sql("""ALTER TABLE "Cards" ADD COLUMN "TemplateId" INTEGER NULL REFERENCES "Cards" ("Id") ON DELETE RESTRICT;""");
        }

        migrationBuilder.AddColumn<int>("TemplateVersion", "Cards", nullable: true);
        migrationBuilder.AddColumn<string>("OverriddenParts", "Cards", nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>("TemplateChanges", "Cards", nullable: true);
        migrationBuilder.CreateIndex("IX_Cards_TemplateId_Province_Status", "Cards", ["TemplateId", "Province", "Status"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Cards_TemplateId_Province_Status", "Cards");
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.DropForeignKey("FK_Cards_Cards_TemplateId", "Cards");
        }

        migrationBuilder.DropColumn("TemplateChanges", "Cards");
        migrationBuilder.DropColumn("OverriddenParts", "Cards");
        migrationBuilder.DropColumn("TemplateVersion", "Cards");
        migrationBuilder.DropColumn("TemplateId", "Cards");
        migrationBuilder.DropColumn("IsTemplate", "Cards");
    }
}
