using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <summary>
    /// 网上知识竞赛: the quizzes a region publishes on the website (WebQuizzes); an attempt is a kiosk's (StationId, DeviceId) or a
    /// website quiz's (WebQuizId, and UserId when signed in), so the station and device become optional.
    /// </summary>
    public partial class Lit11WebQuizzes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "StationId",
                table: "QuizAttempts",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AlterColumn<Guid>(
                name: "DeviceId",
                table: "QuizAttempts",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");

            migrationBuilder.AddColumn<string>(
                name: "UserId",
                table: "QuizAttempts",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "WebQuizId",
                table: "QuizAttempts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WebQuizzes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Tag = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    OpensOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PublishedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebQuizzes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuizAttempts_WebQuizId",
                table: "QuizAttempts",
                column: "WebQuizId");

            migrationBuilder.CreateIndex(
                name: "IX_WebQuizzes_RegionCode_OpensOn",
                table: "WebQuizzes",
                columns: new[] { "RegionCode", "OpensOn" });

            migrationBuilder.AddForeignKey(
                name: "FK_QuizAttempts_WebQuizzes_WebQuizId",
                table: "QuizAttempts",
                column: "WebQuizId",
                principalTable: "WebQuizzes",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_QuizAttempts_WebQuizzes_WebQuizId",
                table: "QuizAttempts");

            migrationBuilder.DropTable(
                name: "WebQuizzes");

            migrationBuilder.DropIndex(
                name: "IX_QuizAttempts_WebQuizId",
                table: "QuizAttempts");

            migrationBuilder.DropColumn(
                name: "UserId",
                table: "QuizAttempts");

            migrationBuilder.DropColumn(
                name: "WebQuizId",
                table: "QuizAttempts");

            migrationBuilder.AlterColumn<Guid>(
                name: "StationId",
                table: "QuizAttempts",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "DeviceId",
                table: "QuizAttempts",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);
        }
    }
}
