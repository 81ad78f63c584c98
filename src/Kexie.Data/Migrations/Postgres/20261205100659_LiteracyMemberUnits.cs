using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LiteracyMemberUnits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LiteracyMemberUnits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    JoinedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LeftOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiteracyMemberUnits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LiteracyMemberUnits_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "LiteracyMemberAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Result = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AssessedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AssessedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    EvidenceFileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EvidenceContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    EvidenceSizeBytes = table.Column<long>(type: "bigint", nullable: true),
                    EvidenceStorageKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiteracyMemberAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LiteracyMemberAssessments_LiteracyMemberUnits_MemberUnitId",
                        column: x => x.MemberUnitId,
                        principalTable: "LiteracyMemberUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiteracyMemberTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Target = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiteracyMemberTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LiteracyMemberTasks_LiteracyMemberUnits_MemberUnitId",
                        column: x => x.MemberUnitId,
                        principalTable: "LiteracyMemberUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LiteracyMemberAssessments_MemberUnitId_Year",
                table: "LiteracyMemberAssessments",
                columns: new[] { "MemberUnitId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LiteracyMemberAssessments_RegionCode_Year",
                table: "LiteracyMemberAssessments",
                columns: new[] { "RegionCode", "Year" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_LiteracyMemberTasks_MemberUnitId_Year",
                table: "LiteracyMemberTasks",
                columns: new[] { "MemberUnitId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_LiteracyMemberTasks_RegionCode_Year",
                table: "LiteracyMemberTasks",
                columns: new[] { "RegionCode", "Year" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_LiteracyMemberUnits_OrganizationId",
                table: "LiteracyMemberUnits",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_LiteracyMemberUnits_RegionCode_Name",
                table: "LiteracyMemberUnits",
                columns: new[] { "RegionCode", "Name" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LiteracyMemberAssessments");

            migrationBuilder.DropTable(
                name: "LiteracyMemberTasks");

            migrationBuilder.DropTable(
                name: "LiteracyMemberUnits");
        }
    }
}
