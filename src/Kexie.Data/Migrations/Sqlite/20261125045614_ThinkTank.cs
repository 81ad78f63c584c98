using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ThinkTank : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Proposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ProposerName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ProposerOrganization = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    SubmittedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    AdoptionLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    AdoptedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Proposals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ThinkTankCalls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThinkTankCalls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ThinkTankTopics",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallRegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    LeaderName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    LeaderOrganization = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    ApplicantUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ConcludedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Result = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThinkTankTopics", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThinkTankTopics_ThinkTankCalls_CallId",
                        column: x => x.CallId,
                        principalTable: "ThinkTankCalls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ThinkTankExpertReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExpertName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Opinion = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TopicId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ThinkTankExpertReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ThinkTankExpertReviews_ThinkTankTopics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "ThinkTankTopics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_RegionCode_Status",
                table: "Proposals",
                columns: new[] { "RegionCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Proposals_SubmittedByUserId",
                table: "Proposals",
                column: "SubmittedByUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankCalls_RegionCode",
                table: "ThinkTankCalls",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankExpertReviews_TopicId",
                table: "ThinkTankExpertReviews",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankTopics_CallId",
                table: "ThinkTankTopics",
                column: "CallId");

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankTopics_CallRegionCode",
                table: "ThinkTankTopics",
                column: "CallRegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_ThinkTankTopics_RegionCode",
                table: "ThinkTankTopics",
                column: "RegionCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Proposals");

            migrationBuilder.DropTable(
                name: "ThinkTankExpertReviews");

            migrationBuilder.DropTable(
                name: "ThinkTankTopics");

            migrationBuilder.DropTable(
                name: "ThinkTankCalls");
        }
    }
}
