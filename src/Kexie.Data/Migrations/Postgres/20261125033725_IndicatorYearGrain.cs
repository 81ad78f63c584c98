using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IndicatorYearGrain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_IndicatorRollups_Covering",
                table: "IndicatorRollups",
                columns: new[] { "Grain", "Level", "RegionCode", "Day", "Kind", "Count", "AmountFen" },
                filter: "\"Grain\" >= 2");

            // Year rollups (Grain 3, key yyyy0101) of the data already there, from the month rollups.
            migrationBuilder.Sql("""
                DELETE FROM "IndicatorRollups" WHERE "Grain" = 3;
                INSERT INTO "IndicatorRollups" ("Grain", "Level", "RegionCode", "Day", "Kind", "Count", "AmountFen")
                SELECT 3, "Level", "RegionCode", ("Day" / 10000) * 10000 + 101, "Kind", SUM("Count"), SUM("AmountFen")
                FROM "IndicatorRollups" WHERE "Grain" = 2
                GROUP BY "Level", "RegionCode", ("Day" / 10000) * 10000 + 101, "Kind";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DELETE FROM "IndicatorRollups" WHERE "Grain" = 3;""");

            migrationBuilder.DropIndex(
                name: "IX_IndicatorRollups_Covering",
                table: "IndicatorRollups");
        }
    }
}
