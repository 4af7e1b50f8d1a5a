using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>
/// The dashboard's figures as promoted columns on Cards (yearly recipients, visits, inquiries carried by hand, fees;
/// fields filled and expected), the revision of the rules that derived a row (rows below the current one are derived
/// again at start-up, which also recomputes Maturity under the refined rule), and a covering index for the rankings.
/// </summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261122000000_Statistics")]
public sealed class Statistics : Migration
{
    private static readonly string[] Figures = ["RecipientsPerYear", "VisitsPerYear", "InquiriesByHandPerYear", "FeesPerYear"];
    private static readonly string[] Counts = ["FieldsFilled", "FieldsExpected", "DerivedRevision"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var column in Figures)
        {
            migrationBuilder.AddColumn<long>(column, "Cards", nullable: true);
        }

        foreach (var column in Counts)
        {
            migrationBuilder.AddColumn<int>(column, "Cards", nullable: false, defaultValue: 0);
        }

        // Rankings and completeness read only this index (GROUP BY agency and province over the figures).
        migrationBuilder.CreateIndex("IX_Cards_Statistics", "Cards",
            ["Status", "AgencyId", "Province", "Maturity", "VisitsPerYear", "InquiriesByHandPerYear", "RecipientsPerYear", "FeesPerYear", "FieldsFilled", "FieldsExpected"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("IX_Cards_Statistics", "Cards");
        foreach (var column in Figures.Concat(Counts))
        {
            migrationBuilder.DropColumn(column, "Cards");
        }
    }
}
