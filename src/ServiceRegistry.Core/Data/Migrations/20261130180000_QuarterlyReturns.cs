using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>Quarterly figures per service (issue 18): one return per card and Jalali quarter (<c>1404-Q3</c>), every figure a
/// nullable column, with its kept versions (the figures as JSON text).</summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261130180000_QuarterlyReturns")]
public sealed class QuarterlyReturns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "QuarterlyReturns",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AsIdentity(),
                CardId = table.Column<int>(nullable: false),
                Period = table.Column<string>(maxLength: 7, nullable: false),
                Status = table.Column<string>(nullable: false),
                Version = table.Column<int>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                UpdatedBy = table.Column<string>(nullable: false),
                LockedAt = table.Column<DateTime>(nullable: true),
                LockedBy = table.Column<string>(nullable: true),
                RequestsWebsite = table.Column<long>(nullable: true),
                RequestsMobileApp = table.Column<long>(nullable: true),
                RequestsEmail = table.Column<long>(nullable: true),
                RequestsSms = table.Column<long>(nullable: true),
                RequestsCallCenter = table.Column<long>(nullable: true),
                RequestsCounterOffice = table.Column<long>(nullable: true),
                RequestsPost = table.Column<long>(nullable: true),
                RequestsOther = table.Column<long>(nullable: true),
                RequestsInPerson = table.Column<long>(nullable: true),
                Completed = table.Column<long>(nullable: true),
                Rejected = table.Column<long>(nullable: true),
                ProcessingDaysAverage = table.Column<double>(nullable: true),
                ProcessingDaysP90 = table.Column<double>(nullable: true),
                InPersonVisits = table.Column<long>(nullable: true),
                InquiriesOnline = table.Column<long>(nullable: true),
                InquiriesByHand = table.Column<long>(nullable: true),
                FeesCollectedRials = table.Column<long>(nullable: true),
                SatisfiedShare = table.Column<double>(nullable: true),
                SatisfactionAnswers = table.Column<long>(nullable: true),
                Complaints = table.Column<long>(nullable: true),
                ElectronicRequests = table.Column<long>(nullable: true),
                AssistedRequests = table.Column<long>(nullable: true),
                AllRequests = table.Column<long>(nullable: true),
                TakeUp = table.Column<double>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_QuarterlyReturns", x => x.Id);
                table.ForeignKey("FK_QuarterlyReturns_Cards_CardId", x => x.CardId, "Cards", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_QuarterlyReturns_CardId_Period", "QuarterlyReturns", ["CardId", "Period"], unique: true);
        migrationBuilder.CreateIndex("IX_QuarterlyReturns_Period_Status", "QuarterlyReturns", ["Period", "Status"]);

        migrationBuilder.CreateTable(
            name: "ReturnVersions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AsIdentity(),
                ReturnId = table.Column<long>(nullable: false),
                Version = table.Column<int>(nullable: false),
                Status = table.Column<string>(nullable: false),
                Figures = table.Column<string>(nullable: false),
                SavedAt = table.Column<DateTime>(nullable: false),
                SavedBy = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReturnVersions", x => x.Id);
                table.ForeignKey("FK_ReturnVersions_QuarterlyReturns_ReturnId", x => x.ReturnId, "QuarterlyReturns", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex("IX_ReturnVersions_ReturnId_Version", "ReturnVersions", ["ReturnId", "Version"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ReturnVersions");
        migrationBuilder.DropTable("QuarterlyReturns");
    }
}
