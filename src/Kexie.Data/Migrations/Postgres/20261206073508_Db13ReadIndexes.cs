using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <summary>
    /// Read indexes at province scale (issue 16, db13): a partial covering index of the synthetic facts (演示数据) by region
    /// and day, so the dashboard's "of which demo data" sums are index-only scans; the workers' region index carries the
    /// public flag, so the signed-in front page's count of visible workers in a region reads no heap.
    /// </summary>
    public partial class Db13ReadIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScienceWorkers_RegionCode",
                table: "ScienceWorkers");

            migrationBuilder.CreateIndex(
                name: "IX_ScienceWorkers_RegionCode",
                table: "ScienceWorkers",
                column: "RegionCode")
                .Annotation("Npgsql:IndexInclude", new[] { "IsPublicProfile" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorFacts_Synthetic",
                table: "IndicatorFacts",
                columns: new[] { "RegionCode", "Day" },
                filter: "\"Source\" = 0")
                .Annotation("Npgsql:IndexInclude", new[] { "Kind", "Count", "AmountFen" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScienceWorkers_RegionCode",
                table: "ScienceWorkers");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorFacts_Synthetic",
                table: "IndicatorFacts");

            migrationBuilder.CreateIndex(
                name: "IX_ScienceWorkers_RegionCode",
                table: "ScienceWorkers",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });
        }
    }
}
