using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>Accounts (ASP.NET Core Identity), the review workflow (revisions, versions, comments),
/// the append-only audit log and the service ID counter.</summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261121020000_Workflow")]
public sealed class Workflow : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var pg = migrationBuilder.IsPostgres();

        // "Province" (added by the Catalog migration) becomes the owning agency's province: it decides who reviews.
        migrationBuilder.AddColumn<DateTime>("PublishedAt", "Cards", nullable: true);
        if (pg)
        {
            migrationBuilder.AddColumn<int>("RevisionOfId", "Cards", nullable: true);
            migrationBuilder.AddForeignKey("FK_Cards_Cards_RevisionOfId", "Cards", "RevisionOfId", "Cards", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
        }
        else
        {
            // SQLite cannot add a foreign key to an existing table, but a new column may carry one (EF would need a
            // model snapshot to rebuild the table, and these migrations are hand-written without one).
            migrationBuilder.Sql("""ALTER TABLE "Cards" ADD COLUMN "RevisionOfId" INTEGER NULL REFERENCES "Cards" ("Id") ON DELETE RESTRICT;""");
        }

        migrationBuilder.CreateIndex("IX_Cards_Province", "Cards", "Province");
        migrationBuilder.CreateIndex("IX_Cards_RevisionOfId", "Cards", "RevisionOfId");
        migrationBuilder.Sql("""
            UPDATE "Cards" SET "Province" = (SELECT "Province" FROM "Agencies" WHERE "Agencies"."Id" = "Cards"."AgencyId");
            UPDATE "Cards" SET "PublishedAt" = "UpdatedAt" WHERE "Status" = 'Published';
            """);

        migrationBuilder.CreateTable(
            name: "AspNetRoles",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).AsIdentity(),
                Name = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedName = table.Column<string>(maxLength: 256, nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_AspNetRoles", x => x.Id));

        migrationBuilder.CreateTable(
            name: "AspNetUsers",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).AsIdentity(),
                DisplayName = table.Column<string>(nullable: false),
                AgencyId = table.Column<int>(nullable: true),
                Province = table.Column<string>(nullable: true),
                UserName = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = table.Column<string>(maxLength: 256, nullable: true),
                Email = table.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = table.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = table.Column<bool>(nullable: false),
                PasswordHash = table.Column<string>(nullable: true),
                SecurityStamp = table.Column<string>(nullable: true),
                ConcurrencyStamp = table.Column<string>(nullable: true),
                PhoneNumber = table.Column<string>(nullable: true),
                PhoneNumberConfirmed = table.Column<bool>(nullable: false),
                TwoFactorEnabled = table.Column<bool>(nullable: false),
                LockoutEnd = table.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = table.Column<bool>(nullable: false),
                AccessFailedCount = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                table.ForeignKey("FK_AspNetUsers_Agencies_AgencyId", x => x.AgencyId, "Agencies", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "AspNetRoleClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).AsIdentity(),
                RoleId = table.Column<int>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                table.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false).AsIdentity(),
                UserId = table.Column<int>(nullable: false),
                ClaimType = table.Column<string>(nullable: true),
                ClaimValue = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                table.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserLogins",
            columns: table => new
            {
                LoginProvider = table.Column<string>(nullable: false),
                ProviderKey = table.Column<string>(nullable: false),
                ProviderDisplayName = table.Column<string>(nullable: true),
                UserId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                table.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserRoles",
            columns: table => new
            {
                UserId = table.Column<int>(nullable: false),
                RoleId = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                table.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AspNetUserTokens",
            columns: table => new
            {
                UserId = table.Column<int>(nullable: false),
                LoginProvider = table.Column<string>(nullable: false),
                Name = table.Column<string>(nullable: false),
                Value = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                table.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "AuditEntries",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AsIdentity(),
                At = table.Column<DateTime>(nullable: false),
                UserId = table.Column<int>(nullable: true),
                UserName = table.Column<string>(nullable: false),
                CardId = table.Column<int>(nullable: true),
                Action = table.Column<string>(nullable: false),
                Detail = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditEntries", x => x.Id);
                table.ForeignKey("FK_AuditEntries_Cards_CardId", x => x.CardId, "Cards", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CardVersions",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AsIdentity(),
                CardId = table.Column<int>(nullable: false),
                Version = table.Column<int>(nullable: false),
                Content = table.Column<string>(type: pg ? "jsonb" : null, nullable: false),
                Status = table.Column<string>(nullable: false),
                SavedAt = table.Column<DateTime>(nullable: false),
                SavedBy = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CardVersions", x => x.Id);
                table.ForeignKey("FK_CardVersions_Cards_CardId", x => x.CardId, "Cards", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "ReviewComments",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AsIdentity(),
                CardId = table.Column<int>(nullable: false),
                CardVersion = table.Column<int>(nullable: false),
                FieldPath = table.Column<string>(nullable: true),
                Text = table.Column<string>(nullable: false),
                Author = table.Column<string>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ReviewComments", x => x.Id);
                table.ForeignKey("FK_ReviewComments_Cards_CardId", x => x.CardId, "Cards", "Id", onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "Counters",
            columns: table => new
            {
                Name = table.Column<string>(nullable: false),
                Value = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_Counters", x => x.Name));

        migrationBuilder.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        migrationBuilder.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);
        migrationBuilder.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        migrationBuilder.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
        migrationBuilder.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        migrationBuilder.CreateIndex("IX_AspNetUsers_AgencyId", "AspNetUsers", "AgencyId");
        migrationBuilder.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        migrationBuilder.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");
        migrationBuilder.CreateIndex("IX_AuditEntries_CardId", "AuditEntries", "CardId");
        migrationBuilder.CreateIndex("IX_CardVersions_CardId_Version", "CardVersions", ["CardId", "Version"]);
        migrationBuilder.CreateIndex("IX_ReviewComments_CardId", "ReviewComments", "CardId");

        // Every card so far gets its first kept version.
        migrationBuilder.Sql("""
            INSERT INTO "CardVersions" ("CardId", "Version", "Content", "Status", "SavedAt", "SavedBy")
            SELECT "Id", "Version", "Content", "Status", "UpdatedAt", 'سامانه' FROM "Cards";
            """);

        // The audit log is append-only: the database itself refuses updates and deletes.
        if (pg)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'AuditEntries is append-only'; END $$;
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE OR DELETE ON "AuditEntries"
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
                """);
        }
        else
        {
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON "AuditEntries"
                BEGIN SELECT RAISE(ABORT, 'AuditEntries is append-only'); END;
                """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "AspNetRoleClaims", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserRoles", "AspNetUserTokens", "AuditEntries", "CardVersions", "ReviewComments", "Counters", "AspNetRoles", "AspNetUsers" })
        {
            migrationBuilder.DropTable(table);
        }

        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.DropForeignKey("FK_Cards_Cards_RevisionOfId", "Cards");
        }

        migrationBuilder.DropIndex("IX_Cards_Province", "Cards");
        migrationBuilder.DropIndex("IX_Cards_RevisionOfId", "Cards");
        foreach (var column in new[] { "RevisionOfId", "PublishedAt" })
        {
            migrationBuilder.DropColumn(column, "Cards");
        }
    }

}
