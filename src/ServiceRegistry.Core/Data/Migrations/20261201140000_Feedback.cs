using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>The public's reports on a service page, for the card's agency (issue 14), and the queue of e-mails waiting
/// to be sent (kept in the database so that a crash loses none and several nodes send each once).</summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261201140000_Feedback")]
public sealed class Feedback : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Feedback",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AsIdentity(),
                CardId = table.Column<int>(nullable: false),
                AgencyId = table.Column<int>(nullable: false),
                CardTitle = table.Column<string>(nullable: false),
                Text = table.Column<string>(maxLength: 2000, nullable: false),
                Contact = table.Column<string>(maxLength: 200, nullable: true),
                Client = table.Column<string>(maxLength: 64, nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<string>(nullable: false),
                Answer = table.Column<string>(nullable: true),
                AnsweredAt = table.Column<DateTime>(nullable: true),
                AnsweredBy = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Feedback", x => x.Id);
                table.ForeignKey("FK_Feedback_Cards_CardId", x => x.CardId, "Cards", "Id", onDelete: ReferentialAction.Restrict);
                table.ForeignKey("FK_Feedback_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_Feedback_AgencyId_CreatedAt", "Feedback", ["AgencyId", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_Feedback_Client_CreatedAt", "Feedback", ["Client", "CreatedAt"]);
        migrationBuilder.CreateIndex("IX_Feedback_CardId", "Feedback", "CardId");

        migrationBuilder.CreateTable(
            name: "OutgoingMails",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AsIdentity(),
                To = table.Column<string>(nullable: false),
                Subject = table.Column<string>(nullable: false),
                Body = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                SentAt = table.Column<DateTime>(nullable: true),
                Attempts = table.Column<int>(nullable: false),
                LastError = table.Column<string>(nullable: true),
                LeaseUntil = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_OutgoingMails", x => x.Id));
        migrationBuilder.CreateIndex("IX_OutgoingMails_SentAt", "OutgoingMails", "SentAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("OutgoingMails");
        migrationBuilder.DropTable("Feedback");
    }
}
