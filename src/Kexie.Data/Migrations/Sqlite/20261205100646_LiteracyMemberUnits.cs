using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    JoinedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LeftOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Result = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AssessedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AssessedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EvidenceFileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EvidenceContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EvidenceSizeBytes = table.Column<long>(type: "INTEGER", nullable: true),
                    EvidenceStorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MemberUnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Target = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                columns: new[] { "RegionCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_LiteracyMemberTasks_MemberUnitId_Year",
                table: "LiteracyMemberTasks",
                columns: new[] { "MemberUnitId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_LiteracyMemberTasks_RegionCode_Year",
                table: "LiteracyMemberTasks",
                columns: new[] { "RegionCode", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_LiteracyMemberUnits_OrganizationId",
                table: "LiteracyMemberUnits",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_LiteracyMemberUnits_RegionCode_Name",
                table: "LiteracyMemberUnits",
                columns: new[] { "RegionCode", "Name" });
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
