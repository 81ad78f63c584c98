using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Org9RectificationReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Report",
                table: "Rectifications",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportReturnReason",
                table: "Rectifications",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReportStatus",
                table: "Rectifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReportedByName",
                table: "Rectifications",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedByUserId",
                table: "Rectifications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ReportedOn",
                table: "Rectifications",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RectificationAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UploadedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UploadedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RectificationId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RectificationAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RectificationAttachments_Rectifications_RectificationId",
                        column: x => x.RectificationId,
                        principalTable: "Rectifications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RectificationAttachments_RectificationId",
                table: "RectificationAttachments",
                column: "RectificationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RectificationAttachments");

            migrationBuilder.DropColumn(
                name: "Report",
                table: "Rectifications");

            migrationBuilder.DropColumn(
                name: "ReportReturnReason",
                table: "Rectifications");

            migrationBuilder.DropColumn(
                name: "ReportStatus",
                table: "Rectifications");

            migrationBuilder.DropColumn(
                name: "ReportedByName",
                table: "Rectifications");

            migrationBuilder.DropColumn(
                name: "ReportedByUserId",
                table: "Rectifications");

            migrationBuilder.DropColumn(
                name: "ReportedOn",
                table: "Rectifications");
        }
    }
}
