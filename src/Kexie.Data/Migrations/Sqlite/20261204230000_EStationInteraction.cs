using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EStationInteraction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Tags",
                table: "ScienceContents",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "EStationQuestions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    AskerName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    AskerPhone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    AccessKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    SubscriberKind = table.Column<int>(type: "INTEGER", nullable: false),
                    SubscriberName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    TargetGroup = table.Column<int>(type: "INTEGER", nullable: true),
                    Tags = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    StationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RegionCode = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    PlaceKind = table.Column<int>(type: "INTEGER", nullable: false),
                    Place = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    InstalledOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    FromStaff = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    QuestionId = table.Column<Guid>(type: "TEXT", nullable: false)
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
                column: "RegionCode");

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
                column: "RegionCode");

            migrationBuilder.CreateIndex(
                name: "IX_EStationSubscriptions_StationId",
                table: "EStationSubscriptions",
                column: "StationId");

            migrationBuilder.CreateIndex(
                name: "IX_EStationTerminals_RegionCode",
                table: "EStationTerminals",
                column: "RegionCode");

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
