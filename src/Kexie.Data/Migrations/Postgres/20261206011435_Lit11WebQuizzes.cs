using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
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
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AlterColumn<Guid>(
                name: "DeviceId",
                table: "QuizAttempts",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<string>(
                name: "UserId",
                table: "QuizAttempts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "WebQuizId",
                table: "QuizAttempts",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "WebQuizzes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Title = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Tag = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    OpensOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublishedByUserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                columns: new[] { "RegionCode", "OpensOn" })
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops", null });

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
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "DeviceId",
                table: "QuizAttempts",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
