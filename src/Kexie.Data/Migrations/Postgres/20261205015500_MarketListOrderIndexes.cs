using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <summary>
    /// The needs and offers lists' order (publication time, newest first, then id) as an index, so the first page and a
    /// keyset page after a cursor (issue 16) read 21 index entries instead of sorting every published row. An expression
    /// index, which the model cannot describe: raw SQL, no model change.
    /// </summary>
    [DbContext(typeof(PostgresKexieDbContext))]
    [Migration("20261205015500_MarketListOrderIndexes")]
    public partial class MarketListOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Needs_ListOrder" ON "Needs" ((COALESCE("PublishedAt", "CreatedAt")) DESC, "Id");""");
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Offers_ListOrder" ON "Offers" ((COALESCE("PublishedAt", "CreatedAt")) DESC, "Id");""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Needs_ListOrder";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Offers_ListOrder";""");
        }
    }
}
