using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContestEligibility : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MaxStudentsPerEntry",
                table: "Contests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "OneEntryPerStudent",
                table: "Contests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "StageMask",
                table: "Contests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "TeacherRequired",
                table: "Contests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Stage",
                table: "ContestEntries",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MaxStudentsPerEntry",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "OneEntryPerStudent",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "StageMask",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "TeacherRequired",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "Stage",
                table: "ContestEntries");
        }
    }
}
