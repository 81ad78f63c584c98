using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <summary>
    /// The anonymous public lists' own order indexes (issue 16, perf18): a page asked for by number from
    /// <c>KeysetPaging.SeekFromPage</c> on skips to the key of the row before it along the list order, an index-only scan.
    /// Over <c>IX_*_ListOrder</c> (every status, six included columns) that skip read 74k entries of 1,302 pages to reach
    /// the 60,000th published public need and dropped 13,782 drafts and submissions on the way; these partial indexes hold
    /// only what an anonymous visitor's list holds (published, and for a need public), with the time's two columns for the
    /// ordering expression: 613 pages, nothing to drop, half the buffers. Expression indexes, which the model cannot
    /// describe (raw SQL, as <c>MarketListOrderIndexes</c>). The two tables are also vacuumed sooner than the default (at 2 %
    /// of their rows changed or inserted instead of 20 %): an index-only scan reads the heap for every entry on a page the
    /// visibility map does not mark all-visible (29,031 heap fetches, 30,242 buffers for that skip on a province whose
    /// needs had not been vacuumed since the load's writes, 929 after a vacuum).
    /// </summary>
    [DbContext(typeof(PostgresKexieDbContext))]
    [Migration("20261206220000_Perf18PublicListOrder")]
    public partial class Perf18PublicListOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Needs_PublicListOrder" ON "Needs" ((COALESCE("PublishedAt", "CreatedAt")) DESC, "Id") INCLUDE ("PublishedAt", "CreatedAt") WHERE "Status" = 3 AND "Visibility" = 1;""");
            migrationBuilder.Sql("""CREATE INDEX IF NOT EXISTS "IX_Offers_PublicListOrder" ON "Offers" ((COALESCE("PublishedAt", "CreatedAt")) DESC, "Id") INCLUDE ("Kind", "PublishedAt", "CreatedAt") WHERE "Status" = 3;""");
            migrationBuilder.Sql("""ALTER TABLE "Needs" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);""");
            migrationBuilder.Sql("""ALTER TABLE "Offers" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.05);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""ALTER TABLE "Offers" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor, autovacuum_analyze_scale_factor);""");
            migrationBuilder.Sql("""ALTER TABLE "Needs" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor, autovacuum_analyze_scale_factor);""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Offers_PublicListOrder";""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Needs_PublicListOrder";""");
        }
    }
}
