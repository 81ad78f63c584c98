using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <summary>
    /// Keyword search with an index (issue 16): the function <c>kexie_bigrams</c> and GIN indexes of the bigrams of the
    /// searched columns of needs, offers and science workers (<see cref="TextSearch"/>). Expression indexes, which the
    /// model cannot describe: raw SQL, no model change. The tables are analysed so the planner knows the bigrams'
    /// frequencies at once.
    /// </summary>
    [DbContext(typeof(PostgresKexieDbContext))]
    [Migration("20261205043000_KeywordSearchIndexes")]
    public partial class KeywordSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(TextSearch.CreateFunctionSql);
            migrationBuilder.Sql(TextSearch.CreateMatchFunctionsSql);
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Needs_SearchBigrams" ON "Needs" USING gin (kexie_bigrams("Title", "Problem"));""");
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Offers_SearchBigrams" ON "Offers" USING gin (kexie_bigrams("Title", "Description"));""");
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_ScienceWorkers_SearchBigrams" ON "ScienceWorkers" USING gin (kexie_bigrams("Name", "Employer", "Title"));""");
            migrationBuilder.Sql("""ANALYZE "Needs", "Offers", "ScienceWorkers";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Needs_SearchBigrams";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Offers_SearchBigrams";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_ScienceWorkers_SearchBigrams";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS kexie_has_bigrams(text, text, text[]);""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS kexie_has_bigrams(text, text, text, text[]);""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS kexie_bigrams(VARIADIC text[]);""");
        }
    }
}
