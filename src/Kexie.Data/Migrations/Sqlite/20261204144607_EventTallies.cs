using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EventTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EventTallies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActivityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Sessions = table.Column<int>(type: "INTEGER", nullable: false),
                    Participants = table.Column<int>(type: "INTEGER", nullable: false),
                    Consultations = table.Column<int>(type: "INTEGER", nullable: false),
                    Boards = table.Column<int>(type: "INTEGER", nullable: false),
                    Materials = table.Column<int>(type: "INTEGER", nullable: false),
                    Books = table.Column<int>(type: "INTEGER", nullable: false),
                    Items = table.Column<int>(type: "INTEGER", nullable: false),
                    Setting = table.Column<int>(type: "INTEGER", nullable: true),
                    TargetGroup = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventTallies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EventTallies_PopularizationActivities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "PopularizationActivities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EventTallies_ActivityId_Day",
                table: "EventTallies",
                columns: new[] { "ActivityId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_EventTallies_RegionCode_Day",
                table: "EventTallies",
                columns: new[] { "RegionCode", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EventTallies");
        }
    }
}
