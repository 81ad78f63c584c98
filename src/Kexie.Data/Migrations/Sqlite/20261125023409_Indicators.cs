using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Indicators : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "IndicatorFacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorFacts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorOutbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorRefreshState",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastRefreshedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorRefreshState", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IndicatorRollups",
                columns: table => new
                {
                    Grain = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IndicatorRollups", x => new { x.Grain, x.Level, x.RegionCode, x.Day, x.Kind });
                });

            migrationBuilder.CreateTable(
                name: "LinkageTasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IndicatorCode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    AssignedByRegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    AssignedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AssignedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Target = table.Column<long>(type: "INTEGER", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkageTasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WeightSets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WeightSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LinkageComments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ByRegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkageComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LinkageComments_LinkageTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "LinkageTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WeightSetEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Weight = table.Column<long>(type: "INTEGER", nullable: false),
                    WeightSetId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WeightSetEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WeightSetEntries_WeightSets_WeightSetId",
                        column: x => x.WeightSetId,
                        principalTable: "WeightSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorFacts_Day",
                table: "IndicatorFacts",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorFacts_RegionCode_Kind_Day",
                table: "IndicatorFacts",
                columns: new[] { "RegionCode", "Kind", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_IndicatorFacts_SourceId",
                table: "IndicatorFacts",
                column: "SourceId");

            migrationBuilder.CreateIndex(
                name: "IX_LinkageComments_TaskId",
                table: "LinkageComments",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_LinkageTasks_AssignedByRegionCode",
                table: "LinkageTasks",
                column: "AssignedByRegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_LinkageTasks_RegionCode",
                table: "LinkageTasks",
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_WeightSetEntries_WeightSetId",
                table: "WeightSetEntries",
                column: "WeightSetId");

            migrationBuilder.CreateIndex(
                name: "IX_WeightSets_Version",
                table: "WeightSets",
                column: "Version",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IndicatorFacts");

            migrationBuilder.DropTable(
                name: "IndicatorOutbox");

            migrationBuilder.DropTable(
                name: "IndicatorRefreshState");

            migrationBuilder.DropTable(
                name: "IndicatorRollups");

            migrationBuilder.DropTable(
                name: "LinkageComments");

            migrationBuilder.DropTable(
                name: "WeightSetEntries");

            migrationBuilder.DropTable(
                name: "LinkageTasks");

            migrationBuilder.DropTable(
                name: "WeightSets");
        }
    }
}
