using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SocietyInspectionsAndExpertReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RecommendedAt",
                table: "ThinkTankTopics",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RecommendedTopicId",
                table: "ThinkTankTopics",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SourceTopicId",
                table: "ThinkTankTopics",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReturnReason",
                table: "Inspections",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmittedByName",
                table: "Inspections",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubmittedByUserId",
                table: "Inspections",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InspectionAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    InspectionId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InspectionAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InspectionAttachments_Inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "Inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ThinkTankExpertAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    TopicId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ExpertId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExpertWorkerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExpertName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    AssignedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", precision: 5, scale: 1, nullable: true),
                    Opinion = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ScoredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThinkTankExpertAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThinkTankExpertAssignments_Experts_ExpertId",
                        column: x => x.ExpertId,
                        principalTable: "Experts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ThinkTankExpertAssignments_ThinkTankTopics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "ThinkTankTopics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ThinkTankReviewCriteria",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Weight = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxScore = table.Column<int>(type: "INTEGER", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThinkTankReviewCriteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThinkTankReviewCriteria_ThinkTankCalls_CallId",
                        column: x => x.CallId,
                        principalTable: "ThinkTankCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ThinkTankCriterionScores",
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
                    table.PrimaryKey("PK_ThinkTankCriterionScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThinkTankCriterionScores_ThinkTankExpertAssignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "ThinkTankExpertAssignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankTopics_SourceTopicId",
                table: "ThinkTankTopics",
                column: "SourceTopicId");

            migrationBuilder.CreateIndex(
                name: "IX_InspectionAttachments_InspectionId",
                table: "InspectionAttachments",
                column: "InspectionId");

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankCriterionScores_AssignmentId",
                table: "ThinkTankCriterionScores",
                column: "AssignmentId");

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankExpertAssignments_ExpertId",
                table: "ThinkTankExpertAssignments",
                column: "ExpertId");

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankExpertAssignments_ExpertWorkerId",
                table: "ThinkTankExpertAssignments",
                column: "ExpertWorkerId");

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankExpertAssignments_RegionCode",
                table: "ThinkTankExpertAssignments",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankExpertAssignments_TopicId_ExpertId",
                table: "ThinkTankExpertAssignments",
                columns: new[] { "TopicId", "ExpertId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankReviewCriteria_CallId",
                table: "ThinkTankReviewCriteria",
                column: "CallId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InspectionAttachments");

            migrationBuilder.DropTable(
                name: "ThinkTankCriterionScores");

            migrationBuilder.DropTable(
                name: "ThinkTankReviewCriteria");

            migrationBuilder.DropTable(
                name: "ThinkTankExpertAssignments");

            migrationBuilder.DropIndex(
                name: "IX_ThinkTankTopics_SourceTopicId",
                table: "ThinkTankTopics");

            migrationBuilder.DropColumn(
                name: "RecommendedAt",
                table: "ThinkTankTopics");

            migrationBuilder.DropColumn(
                name: "RecommendedTopicId",
                table: "ThinkTankTopics");

            migrationBuilder.DropColumn(
                name: "SourceTopicId",
                table: "ThinkTankTopics");

            migrationBuilder.DropColumn(
                name: "ReturnReason",
                table: "Inspections");

            migrationBuilder.DropColumn(
                name: "SubmittedByName",
                table: "Inspections");

            migrationBuilder.DropColumn(
                name: "SubmittedByUserId",
                table: "Inspections");
        }
    }
}
