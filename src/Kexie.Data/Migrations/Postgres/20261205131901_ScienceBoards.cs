using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ScienceBoards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScienceBoards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Panels = table.Column<int>(type: "integer", nullable: false),
                    BuiltOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RetiredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Theme = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Maintainer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    LastRefreshedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScienceBoards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScienceBoardRefreshes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    BoardId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Topic = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PhotoFileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PhotoContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PhotoSizeBytes = table.Column<long>(type: "bigint", nullable: true),
                    PhotoStorageKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScienceBoardRefreshes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScienceBoardRefreshes_ScienceBoards_BoardId",
                        column: x => x.BoardId,
                        principalTable: "ScienceBoards",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScienceBoardRefreshes_BoardId_Day",
                table: "ScienceBoardRefreshes",
                columns: new[] { "BoardId", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_ScienceBoardRefreshes_RegionCode_Day",
                table: "ScienceBoardRefreshes",
                columns: new[] { "RegionCode", "Day" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_ScienceBoards_RegionCode_Kind",
                table: "ScienceBoards",
                columns: new[] { "RegionCode", "Kind" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

            migrationBuilder.CreateIndex(
                name: "IX_ScienceBoards_RegionCode_Name",
                table: "ScienceBoards",
                columns: new[] { "RegionCode", "Name" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScienceBoardRefreshes");

            migrationBuilder.DropTable(
                name: "ScienceBoards");
        }
    }
}
