using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContestExpertReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "ExpertScore",
                table: "ContestEntries",
                type: "numeric(5,1)",
                precision: 5,
                scale: 1,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TeacherOrganization",
                table: "ContestEntries",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ContestAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContestId = table.Column<Guid>(type: "uuid", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ExpertId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExpertWorkerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExpertName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    AssignedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: true),
                    Opinion = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ScoredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContestAssignments_ContestEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "ContestEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContestAssignments_Contests_ContestId",
                        column: x => x.ContestId,
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContestAssignments_Experts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "Experts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ContestReviewCriteria",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Weight = table.Column<int>(type: "integer", nullable: false),
                    MaxScore = table.Column<int>(type: "integer", nullable: false),
                    ContestId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestReviewCriteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContestReviewCriteria_Contests_ContestId",
                        column: x => x.ContestId,
                        principalTable: "Contests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContestCriterionScores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Weight = table.Column<int>(type: "integer", nullable: false),
                    MaxScore = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<decimal>(type: "numeric(5,1)", precision: 5, scale: 1, nullable: true),
                    AssignmentId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContestCriterionScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContestCriterionScores_ContestAssignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "ContestAssignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContestAssignments_ContestId",
                table: "ContestAssignments",
                column: "ContestId");

            migrationBuilder.CreateIndex(
                name: "IX_ContestAssignments_EntryId_ExpertId",
                table: "ContestAssignments",
                columns: new[] { "EntryId", "ExpertId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContestAssignments_ExpertId",
                table: "ContestAssignments",
                column: "ExpertId");

            migrationBuilder.CreateIndex(
                name: "IX_ContestAssignments_ExpertWorkerId",
                table: "ContestAssignments",
                column: "ExpertWorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_ContestAssignments_RegionCode",
                table: "ContestAssignments",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_ContestCriterionScores_AssignmentId",
                table: "ContestCriterionScores",
                column: "AssignmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ContestReviewCriteria_ContestId",
                table: "ContestReviewCriteria",
                column: "ContestId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContestCriterionScores");

            migrationBuilder.DropTable(
                name: "ContestReviewCriteria");

            migrationBuilder.DropTable(
                name: "ContestAssignments");

            migrationBuilder.DropColumn(
                name: "ExpertScore",
                table: "ContestEntries");

            migrationBuilder.DropColumn(
                name: "TeacherOrganization",
                table: "ContestEntries");
        }
    }
}
