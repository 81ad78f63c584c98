using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlanCandidateJudgements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DropNote",
                table: "PlanCandidates",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DropReason",
                table: "PlanCandidates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DroppedAt",
                table: "PlanCandidates",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DroppedByName",
                table: "PlanCandidates",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DroppedByUserId",
                table: "PlanCandidates",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsWeak",
                table: "PlanCandidates",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ProposedByName",
                table: "PlanCandidates",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PlanCandidateJudgements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    CandidateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Label = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    FromMatching = table.Column<bool>(type: "INTEGER", nullable: false),
                    Score = table.Column<double>(type: "REAL", nullable: true),
                    Rank = table.Column<int>(type: "INTEGER", nullable: true),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanCandidateJudgements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanCandidateJudgements_ResponsePlans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "ResponsePlans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlanCandidateJudgements_At",
                table: "PlanCandidateJudgements",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_PlanCandidateJudgements_PlanId",
                table: "PlanCandidateJudgements",
                column: "PlanId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlanCandidateJudgements");

            migrationBuilder.DropColumn(
                name: "DropNote",
                table: "PlanCandidates");

            migrationBuilder.DropColumn(
                name: "DropReason",
                table: "PlanCandidates");

            migrationBuilder.DropColumn(
                name: "DroppedAt",
                table: "PlanCandidates");

            migrationBuilder.DropColumn(
                name: "DroppedByName",
                table: "PlanCandidates");

            migrationBuilder.DropColumn(
                name: "DroppedByUserId",
                table: "PlanCandidates");

            migrationBuilder.DropColumn(
                name: "IsWeak",
                table: "PlanCandidates");

            migrationBuilder.DropColumn(
                name: "ProposedByName",
                table: "PlanCandidates");
        }
    }
}
