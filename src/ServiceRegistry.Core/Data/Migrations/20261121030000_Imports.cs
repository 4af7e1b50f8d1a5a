using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>Uploads in the browser: a batch per upload (owned by the uploader) and an item per file with its
/// outcome, the importer's draft (jsonb on PostgreSQL), where each field came from, the source text, the uploaded
/// bytes until they are read, and the card saved from it.</summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261121030000_Imports")]
public sealed class Imports : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var pg = migrationBuilder.IsPostgres();

        migrationBuilder.CreateTable(
            name: "ImportBatches",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).AsIdentity(),
                OwnerId = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ImportBatches", x => x.Id);
                table.ForeignKey("FK_ImportBatches_AspNetUsers_OwnerId", x => x.OwnerId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ImportItems",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).AsIdentity(),
                BatchId = table.Column<int>(nullable: false),
                Position = table.Column<int>(nullable: false),
                FileName = table.Column<string>(nullable: false),
                Status = table.Column<string>(nullable: false),
                Outcome = table.Column<string>(nullable: true),
                Error = table.Column<string>(nullable: true),
                UnsureCount = table.Column<int>(nullable: false),
                UnmappedCount = table.Column<int>(nullable: false),
                Title = table.Column<string>(nullable: true),
                Draft = table.Column<string>(type: pg ? "jsonb" : null, nullable: true),
                SourcesJson = table.Column<string>(nullable: true),
                SourceText = table.Column<string>(nullable: true),
                Payload = table.Column<byte[]>(nullable: true),
                Attempts = table.Column<int>(nullable: false),
                FinishedAt = table.Column<DateTime>(nullable: true),
                CardId = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ImportItems", x => x.Id);
                table.ForeignKey("FK_ImportItems_ImportBatches_BatchId", x => x.BatchId, "ImportBatches", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ImportItems_Cards_CardId", x => x.CardId, "Cards", "Id", onDelete: ReferentialAction.SetNull);
            });

        migrationBuilder.CreateIndex("IX_ImportBatches_OwnerId", "ImportBatches", "OwnerId");
        migrationBuilder.CreateIndex("IX_ImportItems_BatchId_Position", "ImportItems", ["BatchId", "Position"], unique: true);
        migrationBuilder.CreateIndex("IX_ImportItems_Status", "ImportItems", "Status");
        migrationBuilder.CreateIndex("IX_ImportItems_CardId", "ImportItems", "CardId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("ImportItems");
        migrationBuilder.DropTable("ImportBatches");
    }

}
