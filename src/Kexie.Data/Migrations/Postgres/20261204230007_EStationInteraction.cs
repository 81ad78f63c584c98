using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class EStationInteraction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<string>>(
                name: "Tags",
                table: "ScienceContents",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'::text[]");

            migrationBuilder.CreateTable(
                name: "EStationQuestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    AskerName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    AskerPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Title = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    AccessKey = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EStationQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EStationQuestions_EStations_StationId",
                        column: x => x.StationId,
                        principalTable: "EStations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EStationSubscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    SubscriberKind = table.Column<int>(type: "integer", nullable: false),
                    SubscriberName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    TargetGroup = table.Column<int>(type: "integer", nullable: true),
                    Tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    AccessKey = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EStationSubscriptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EStationSubscriptions_EStations_StationId",
                        column: x => x.StationId,
                        principalTable: "EStations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EStationTerminals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    StationId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegionCode = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    PlaceKind = table.Column<int>(type: "integer", nullable: false),
                    Place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    InstalledOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EStationTerminals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EStationTerminals_EStations_StationId",
                        column: x => x.StationId,
                        principalTable: "EStations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EStationQuestionMessages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FromStaff = table.Column<bool>(type: "boolean", nullable: false),
                    AuthorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    QuestionId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EStationQuestionMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EStationQuestionMessages_EStationQuestions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "EStationQuestions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EStationQuestionMessages_QuestionId",
                table: "EStationQuestionMessages",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_EStationQuestions_AccessKey",
                table: "EStationQuestions",
                column: "AccessKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EStationQuestions_RegionCode",
                table: "EStationQuestions",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_EStationQuestions_StationId",
                table: "EStationQuestions",
                column: "StationId");

            migrationBuilder.CreateIndex(
                name: "IX_EStationSubscriptions_AccessKey",
                table: "EStationSubscriptions",
                column: "AccessKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EStationSubscriptions_RegionCode",
                table: "EStationSubscriptions",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_EStationSubscriptions_StationId",
                table: "EStationSubscriptions",
                column: "StationId");

            migrationBuilder.CreateIndex(
                name: "IX_EStationTerminals_RegionCode",
                table: "EStationTerminals",
                column: "RegionCode")
                .Annotation("Npgsql:IndexOperators", new[] { "varchar_pattern_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_EStationTerminals_StationId",
                table: "EStationTerminals",
                column: "StationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EStationQuestionMessages");

            migrationBuilder.DropTable(
                name: "EStationSubscriptions");

            migrationBuilder.DropTable(
                name: "EStationTerminals");

            migrationBuilder.DropTable(
                name: "EStationQuestions");

            migrationBuilder.DropColumn(
                name: "Tags",
                table: "ScienceContents");
        }
    }
}
