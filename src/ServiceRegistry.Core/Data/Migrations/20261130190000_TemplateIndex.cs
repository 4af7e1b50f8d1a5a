using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>Published templates are found by an index on (IsTemplate, Status): counting them read every card
/// (about 0.6 s on each national dashboard view at 100,000 cards on SQLite).</summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261130190000_TemplateIndex")]
public sealed class TemplateIndex : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.CreateIndex("IX_Cards_IsTemplate_Status", "Cards", ["IsTemplate", "Status"]);

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropIndex("IX_Cards_IsTemplate_Status", "Cards");
}
