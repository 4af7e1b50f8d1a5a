using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ServiceRegistry.Core.Data.Migrations;

/// <summary>
/// Search folds آ into ا (PersianText.Normalize) from now on: the stored search words of existing cards (TitleKey,
/// SearchText) are recomputed the same way here, in SQL of its own, so «اموزش» finds cards saved before. The search
/// index and the catalog's change log follow through the existing triggers on Cards.
/// </summary>
[DbContext(typeof(RegistryDbContext))]
[Migration("20261130140001_FoldAlefMadda")]
public sealed class FoldAlefMadda : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(migrationBuilder.IsPostgres()
            ? """UPDATE "Cards" SET "TitleKey" = replace("TitleKey", 'آ', 'ا'), "SearchText" = replace("SearchText", 'آ', 'ا') WHERE strpos("TitleKey", 'آ') > 0 OR strpos("SearchText", 'آ') > 0;"""
            : "UPDATE Cards SET TitleKey = replace(TitleKey, 'آ', 'ا'), SearchText = replace(SearchText, 'آ', 'ا') WHERE instr(TitleKey, 'آ') > 0 OR instr(SearchText, 'آ') > 0;");

    // The old stored form cannot be told apart from text written with ا: nothing to undo.
    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}
