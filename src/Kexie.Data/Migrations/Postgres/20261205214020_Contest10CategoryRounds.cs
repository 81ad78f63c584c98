using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <summary>
    /// Review rounds per category: the categories running their own round, their round numbers and which are closed (the others follow
    /// the edition's round); a 晋级 decision names the category it was taken for (null: the edition's round), so the (contest, round)
    /// index is no longer unique.
    /// </summary>
    public partial class Contest10CategoryRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContestRoundDecisions_ContestId_Round",
                table: "ContestRoundDecisions");

            migrationBuilder.AddColumn<int[]>(
                name: "CategoryRoundNumbers",
                table: "Contests",
                type: "integer[]",
                nullable: false,
                defaultValue: new int[0]);

            migrationBuilder.AddColumn<string[]>(
                name: "ClosedRoundCategories",
                table: "Contests",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string[]>(
                name: "RoundCategories",
                table: "Contests",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "ContestRoundDecisions",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContestRoundDecisions_ContestId_Category_Round",
                table: "ContestRoundDecisions",
                columns: new[] { "ContestId", "Category", "Round" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContestRoundDecisions_ContestId_Category_Round",
                table: "ContestRoundDecisions");

            migrationBuilder.DropColumn(
                name: "CategoryRoundNumbers",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "ClosedRoundCategories",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "RoundCategories",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "ContestRoundDecisions");

            migrationBuilder.CreateIndex(
                name: "IX_ContestRoundDecisions_ContestId_Round",
                table: "ContestRoundDecisions",
                columns: new[] { "ContestId", "Round" },
                unique: true);
        }
    }
}
