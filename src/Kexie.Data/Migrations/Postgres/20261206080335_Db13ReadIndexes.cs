using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <summary>
    /// Read indexes at province scale (issue 16, db13): a partial covering index of the synthetic facts (演示数据) by region
    /// and day (the dashboard's "of which demo data" sums: index-only scans); a day-first index of the day rollups of
    /// province, city and county levels (a ranking's day segments); the workers' region index carries the public flag
    /// (the signed-in front page's count of visible workers); an index of the accounts' organization (the notifier).
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
                name: "IX_IndicatorRollups_Days",
                table: "IndicatorRollups",
                columns: new[] { "Grain", "Level", "Day", "RegionCode" },
                filter: "\"Grain\" = 1 AND \"Level\" <= 6")
                .Annotation("Npgsql:IndexInclude", new[] { "Kind", "Count", "AmountFen" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorFacts_Synthetic",
                table: "IndicatorFacts",
                columns: new[] { "RegionCode", "Day" },
                filter: "\"Source\" = 0")
                .Annotation("Npgsql:IndexInclude", new[] { "Kind", "Count", "AmountFen" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_OrganizationId",
                table: "AspNetUsers",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScienceWorkers_RegionCode",
                table: "ScienceWorkers");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorRollups_Days",
                table: "IndicatorRollups");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorFacts_Synthetic",
                table: "IndicatorFacts");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_OrganizationId",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_ScienceWorkers_RegionCode",
                table: "ScienceWorkers",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });
        }
    }
}
