using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <summary>
    /// The public lists' reads at province scale (issue 16, db14): the needs' and offers' region indexes carry the id, status,
    /// visibility or kind and both times, so a region's page selects its keys (KeysetPaging.PageAsync, rowsById) and counts
    /// its rows by an index-only scan, then reads the page's rows by id. The tables are analysed so the planner sees the new
    /// indexes' sizes at once. PostgreSQL model only (SQLite: no change).
    /// </summary>
    public partial class Db14ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Offers_RegionCode",
                table: "Offers");

            migrationBuilder.DropIndex(
                name: "IX_Needs_RegionCode",
                table: "Needs");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_RegionCode",
                table: "Offers",
                column: "RegionCode")
                .Annotation("Npgsql:IndexInclude", new[] { "Id", "Status", "Kind", "PublishedAt", "CreatedAt" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Needs_RegionCode",
                table: "Needs",
                column: "RegionCode")
                .Annotation("Npgsql:IndexInclude", new[] { "Id", "Status", "Visibility", "PublishedAt", "CreatedAt" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.Sql("""ANALYZE "Needs", "Offers";""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Offers_RegionCode",
                table: "Offers");

            migrationBuilder.DropIndex(
                name: "IX_Needs_RegionCode",
                table: "Needs");

            migrationBuilder.CreateIndex(
                name: "IX_Offers_RegionCode",
                table: "Offers",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Needs_RegionCode",
                table: "Needs",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });
        }
    }
}
