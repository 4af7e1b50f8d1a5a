using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>Review comments as threads: a reply names the comment it answers; the agency marks a comment resolved.</summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261130140000_CommentThreads")]
public sealed class CommentThreads : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<long>("ReplyToId", "ReviewComments", nullable: true);
        migrationBuilder.AddColumn<DateTime>("ResolvedAt", "ReviewComments", nullable: true);
        migrationBuilder.AddColumn<string>("ResolvedBy", "ReviewComments", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn("ReplyToId", "ReviewComments");
        migrationBuilder.DropColumn("ResolvedAt", "ReviewComments");
        migrationBuilder.DropColumn("ResolvedBy", "ReviewComments");
    }
}
