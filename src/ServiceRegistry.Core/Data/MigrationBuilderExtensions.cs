using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data;

internal static class MigrationBuilderExtensions
{
    public static bool IsPostgres(this MigrationBuilder migrationBuilder) =>
        migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
}
