using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>
/// The dashboard's covering index also carries the catalog's filter columns (types, levels, life events, nature,
/// free) and the id, so figures filtered by them or by words read the index alone: at a million cards a type filter read every matching row
/// of the wide table (9 s for /dashboard?type=G2B on SQLite), the index alone takes a fraction of a second.
/// </summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261122030000_StatisticsFilters")]
public sealed class StatisticsFilters : Migration
{
    private static readonly string[] Figures =
        ["Status", "AgencyId", "Province", "Maturity", "VisitsPerYear", "InquiriesByHandPerYear", "RecipientsPerYear", "FeesPerYear", "FieldsFilled", "FieldsExpected"];

    // and the id last, so a text match (a list of ids) joins the index alone (PostgreSQL; SQLite has the rowid anyway)
    private static readonly string[] Filters = ["Types", "Levels", "LifeEvents", "Nature", "IsFree", "Id"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Cards_Statistics", "Cards");
        migrationBuilder.CreateIndex("IX_Cards_Statistics", "Cards", [.. Figures, .. Filters]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Cards_Statistics", "Cards");
        migrationBuilder.CreateIndex("IX_Cards_Statistics", "Cards", Figures);
    }
}
