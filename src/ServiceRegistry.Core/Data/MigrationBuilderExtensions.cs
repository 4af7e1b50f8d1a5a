using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace ServiceRegistry.Core.Data;

/// <summary>What the hand-written migrations share: which provider runs them and how an identity column is declared.</summary>
internal static class MigrationBuilderExtensions
{
    public static bool IsPostgres(this MigrationBuilder migrationBuilder) =>
        migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>An auto-numbered key column on both providers (each ignores the other's annotation).</summary>
    public static OperationBuilder<AddColumnOperation> AsIdentity(this OperationBuilder<AddColumnOperation> column) =>
        column.Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
