using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>
/// Webhooks (Core/Feeds): subscriptions, each with its position in the change feed, and the delivery queue (one row per
/// change and subscriber, with a lease: node and expiry). Also the changed template parts of a "template changed" change.
/// </summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261201160000_Webhooks")]
public sealed class Webhooks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>("Detail", "PublicChanges", nullable: true);

        migrationBuilder.CreateTable(
            name: "WebhookSubscriptions",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).AsIdentity(),
                Name = table.Column<string>(nullable: false),
                Url = table.Column<string>(nullable: false),
                Secret = table.Column<string>(nullable: false),
                Kinds = table.Column<string>(nullable: false),
                AgencyId = table.Column<int>(nullable: true),
                Active = table.Column<bool>(nullable: false),
                Cursor = table.Column<long>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WebhookSubscriptions", x => x.Id);
                table.ForeignKey("FK_WebhookSubscriptions_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_WebhookSubscriptions_AgencyId", "WebhookSubscriptions", "AgencyId");

        migrationBuilder.CreateTable(
            name: "WebhookDeliveries",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AsIdentity(),
                SubscriptionId = table.Column<int>(nullable: false),
                ChangeSeq = table.Column<long>(nullable: false),
                CardId = table.Column<int>(nullable: false),
                Status = table.Column<string>(nullable: false),
                Attempts = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                NextAttemptAt = table.Column<DateTime>(nullable: false),
                LeaseOwner = table.Column<string>(nullable: true),
                LeaseExpiresAt = table.Column<DateTime>(nullable: true),
                LastAttemptAt = table.Column<DateTime>(nullable: true),
                LastStatusCode = table.Column<int>(nullable: true),
                LastError = table.Column<string>(nullable: true),
                DeliveredAt = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                table.ForeignKey("FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId", x => x.SubscriptionId, "WebhookSubscriptions", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_WebhookDeliveries_PublicChanges_ChangeSeq", x => x.ChangeSeq, "PublicChanges", "Seq", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_SubscriptionId_ChangeSeq", "WebhookDeliveries", ["SubscriptionId", "ChangeSeq"], unique: true);
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_Status_NextAttemptAt", "WebhookDeliveries", ["Status", "NextAttemptAt"]);
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_SubscriptionId_CardId_Status_ChangeSeq", "WebhookDeliveries", ["SubscriptionId", "CardId", "Status", "ChangeSeq"]);
        migrationBuilder.CreateIndex("IX_WebhookDeliveries_ChangeSeq", "WebhookDeliveries", "ChangeSeq");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("WebhookDeliveries");
        migrationBuilder.DropTable("WebhookSubscriptions");
        migrationBuilder.DropColumn("Detail", "PublicChanges");
    }
}
