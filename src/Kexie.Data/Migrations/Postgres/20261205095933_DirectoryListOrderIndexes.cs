using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DirectoryListOrderIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ScienceWorkers_ListOrder",
                table: "ScienceWorkers",
                columns: new[] { "RegionCode", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_ListOrder",
                table: "Organizations",
                columns: new[] { "RegionCode", "Name", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScienceWorkers_ListOrder",
                table: "ScienceWorkers");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_ListOrder",
                table: "Organizations");
        }
    }
}
