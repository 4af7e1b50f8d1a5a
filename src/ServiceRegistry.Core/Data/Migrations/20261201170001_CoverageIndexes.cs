using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>
/// The coverage matrix from indexes alone: a page of published templates by title is read in order from
/// (IsTemplate, Status, RevisionOfId, TitleKey, Id), and the instances of the page's templates, with what deciding who
/// sees them needs, from (TemplateId, Province, Status, RevisionOfId, AgencyId, Id); neither reads the wide card rows.
/// They replace the narrower indexes of 20261130170000_Templates and 20261130190000_TemplateIndex.
/// </summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261201170001_CoverageIndexes")]
public sealed class CoverageIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Cards_TemplateId_Province_Status", "Cards");
        migrationBuilder.DropIndex("IX_Cards_IsTemplate_Status", "Cards");
        migrationBuilder.CreateIndex("IX_Cards_Instances", "Cards", ["TemplateId", "Province", "Status", "RevisionOfId", "AgencyId", "Id"]);
        migrationBuilder.CreateIndex("IX_Cards_Templates", "Cards", ["IsTemplate", "Status", "RevisionOfId", "TitleKey", "Id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Cards_Templates", "Cards");
        migrationBuilder.DropIndex("IX_Cards_Instances", "Cards");
        migrationBuilder.CreateIndex("IX_Cards_TemplateId_Province_Status", "Cards", ["TemplateId", "Province", "Status"]);
        migrationBuilder.CreateIndex("IX_Cards_IsTemplate_Status", "Cards", ["IsTemplate", "Status"]);
    }
}
