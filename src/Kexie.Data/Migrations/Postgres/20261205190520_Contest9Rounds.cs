using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <summary>
    /// Contest review rounds (初评 → 终评): the edition's rounds, current round and whether it is closed; each work's and each expert sheet's
    /// round (one sheet per expert, work and round); the 晋级 decisions. Contest kinds: an existing 市长奖评选 is marked as one by its name.
    /// </summary>
    public partial class Contest9Rounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ContestAssignments_EntryId_ExpertId",
                table: "ContestAssignments");

            migrationBuilder.AddColumn<int>(
                name: "CurrentRound",
                table: "Contests",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "Contests",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<bool>(
                name: "RoundClosed",
                table: "Contests",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string[]>(
                name: "RoundNames",
                table: "Contests",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<int>(
                name: "Round",
                table: "ContestEntries",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "Round",
                table: "ContestAssignments",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "ContestRoundDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContestId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    RoundName = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    NextRoundName = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Rule = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Advanced = table.Column<int>(type: "integer", nullable: false),
                    NotAdvanced = table.Column<int>(type: "integer", nullable: false),
                    DecidedByName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestRoundDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContestRoundDecisions_Contests_ContestId",
                        column: x => x.ContestId,
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContestAssignments_EntryId_ExpertId_Round",
                table: "ContestAssignments",
                columns: new[] { "EntryId", "ExpertId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContestRoundDecisions_ContestId_Round",
                table: "ContestRoundDecisions",
                columns: new[] { "ContestId", "Round" },
                unique: true);

            // The 市长奖评选 seeded before contests had kinds.
            migrationBuilder.Sql("UPDATE \"Contests\" SET \"Kind\" = 2 WHERE \"Name\" LIKE '%市长奖%';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContestRoundDecisions");

            migrationBuilder.DropIndex(
                name: "IX_ContestAssignments_EntryId_ExpertId_Round",
                table: "ContestAssignments");

            migrationBuilder.DropColumn(
                name: "CurrentRound",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "RoundClosed",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "RoundNames",
                table: "Contests");

            migrationBuilder.DropColumn(
                name: "Round",
                table: "ContestEntries");

            migrationBuilder.DropColumn(
                name: "Round",
                table: "ContestAssignments");

            migrationBuilder.CreateIndex(
                name: "IX_ContestAssignments_EntryId_ExpertId",
                table: "ContestAssignments",
                columns: new[] { "EntryId", "ExpertId" },
                unique: true);
        }
    }
}
