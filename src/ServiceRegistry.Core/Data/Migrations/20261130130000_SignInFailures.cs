using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>Failed sign-ins while they count against the limits (per account, per address and account), shared by
/// every node; rows older than the window are deleted as new failures arrive.</summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261130130000_SignInFailures")]
public sealed class SignInFailures : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SignInFailures",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false).AsIdentity(),
                Account = table.Column<string>(nullable: false),
                Address = table.Column<string>(nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_SignInFailures", x => x.Id));

        migrationBuilder.CreateIndex("IX_SignInFailures_Account_At", "SignInFailures", ["Account", "At"]);
        migrationBuilder.CreateIndex("IX_SignInFailures_At", "SignInFailures", "At");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("SignInFailures");
}
