using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Honour12Review : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "ReviewClosed",
                table: "HonourCalls",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "HonourReviewCriteria",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Weight = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxScore = table.Column<int>(type: "INTEGER", nullable: false),
                    HonourCallId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HonourReviewCriteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HonourReviewCriteria_HonourCalls_HonourCallId",
                        column: x => x.HonourCallId,
                        principalTable: "HonourCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NominationAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NominationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ExpertId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExpertWorkerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExpertName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    AssignedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", precision: 5, scale: 1, nullable: true),
                    Opinion = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ScoredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NominationAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NominationAssignments_Experts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "Experts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NominationAssignments_HonourCalls_CallId",
                        column: x => x.CallId,
                        principalTable: "HonourCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NominationAssignments_Nominations_NominationId",
                        column: x => x.NominationId,
                        principalTable: "Nominations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NominationDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    NominationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    NomineeName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Selected = table.Column<bool>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true),
                    MeanScore = table.Column<long>(type: "INTEGER", precision: 5, scale: 1, nullable: true),
                    AgainstRanking = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NominationDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NominationDecisions_HonourCalls_CallId",
                        column: x => x.CallId,
                        principalTable: "HonourCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_NominationDecisions_Nominations_NominationId",
                        column: x => x.NominationId,
                        principalTable: "Nominations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NominationCriterionScores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Weight = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxScore = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<long>(type: "INTEGER", precision: 5, scale: 1, nullable: true),
                    AssignmentId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NominationCriterionScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NominationCriterionScores_NominationAssignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "NominationAssignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HonourReviewCriteria_HonourCallId",
                table: "HonourReviewCriteria",
                column: "HonourCallId");

            migrationBuilder.CreateIndex(
                name: "IX_NominationAssignments_CallId",
                table: "NominationAssignments",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_NominationAssignments_ExpertId",
                table: "NominationAssignments",
                column: "ExpertId");

            migrationBuilder.CreateIndex(
                name: "IX_NominationAssignments_ExpertWorkerId",
                table: "NominationAssignments",
                column: "ExpertWorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_NominationAssignments_NominationId_ExpertId",
                table: "NominationAssignments",
                columns: new[] { "NominationId", "ExpertId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NominationAssignments_RegionCode",
                table: "NominationAssignments",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_NominationCriterionScores_AssignmentId",
                table: "NominationCriterionScores",
                column: "AssignmentId");

            migrationBuilder.CreateIndex(
                name: "IX_NominationDecisions_CallId_CreatedAt",
                table: "NominationDecisions",
                columns: new[] { "CallId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NominationDecisions_NominationId",
                table: "NominationDecisions",
                column: "NominationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HonourReviewCriteria");

            migrationBuilder.DropTable(
                name: "NominationCriterionScores");

            migrationBuilder.DropTable(
                name: "NominationDecisions");

            migrationBuilder.DropTable(
                name: "NominationAssignments");

            migrationBuilder.DropColumn(
                name: "ReviewClosed",
                table: "HonourCalls");
        }
    }
}
