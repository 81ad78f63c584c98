using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
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
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DropReason",
                table: "PlanCandidates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DroppedAt",
                table: "PlanCandidates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DroppedByName",
                table: "PlanCandidates",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DroppedByUserId",
                table: "PlanCandidates",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsWeak",
                table: "PlanCandidates",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ProposedByName",
                table: "PlanCandidates",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PlanCandidateJudgements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CandidateId = table.Column<Guid>(type: "uuid", nullable: true),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    TargetId = table.Column<Guid>(type: "uuid", nullable: false),
                    Label = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FromMatching = table.Column<bool>(type: "boolean", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: true),
                    Rank = table.Column<int>(type: "integer", nullable: true),
                    ByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false)
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
