using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>
/// The public catalog lists a national template and its instances as one service, so the catalog index reads each
/// card's template group (TemplateId, IsTemplate, RevisionOfId) with its other columns: they join the covering index
/// the index loads from, which keeps the load off the wide rows.
/// </summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261201170000_CatalogGroups")]
public sealed class CatalogGroups : Migration
{
    private static readonly string[] Before =
        ["Status", "TitleKey", "Types", "Levels", "LifeEvents", "Nature", "Maturity", "IsFree", "AgencyId", "Province", "UpdatedAt"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Cards_Catalog", "Cards");
        migrationBuilder.CreateIndex("IX_Cards_Catalog", "Cards", [.. Before, "TemplateId", "IsTemplate", "RevisionOfId"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Cards_Catalog", "Cards");
        migrationBuilder.CreateIndex("IX_Cards_Catalog", "Cards", Before);
    }
}
