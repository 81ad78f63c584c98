using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SurveySuggestionTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string[]>(
                name: "ExtraTopics",
                table: "Surveys",
                type: "text[]",
                nullable: false,
                defaultValue: new string[0]);

            migrationBuilder.AddColumn<Guid>(
                name: "ProposalId",
                table: "SurveyResponses",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SuggestionState",
                table: "SurveyResponses",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SuggestionTopic",
                table: "SurveyResponses",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExtraTopics",
                table: "Surveys");

            migrationBuilder.DropColumn(
                name: "ProposalId",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "SuggestionState",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "SuggestionTopic",
                table: "SurveyResponses");
        }
    }
}
