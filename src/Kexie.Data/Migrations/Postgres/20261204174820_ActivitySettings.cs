using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ActivitySettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Setting",
                table: "PopularizationActivities",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TargetGroup",
                table: "PopularizationActivities",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Setting",
                table: "PopularizationActivities");

            migrationBuilder.DropColumn(
                name: "TargetGroup",
                table: "PopularizationActivities");
        }
    }
}
