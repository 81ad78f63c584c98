using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <summary>
    /// 问卷校验规则: each survey question's validation rule (RuleKind 0 = none, so existing questions keep none) with its bounds
    /// and a number's decimal places.
    /// </summary>
    public partial class Survey12QuestionRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RuleDecimals",
                table: "SurveyQuestions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RuleKind",
                table: "SurveyQuestions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "RuleMax",
                table: "SurveyQuestions",
                type: "INTEGER",
                precision: 19,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RuleMin",
                table: "SurveyQuestions",
                type: "INTEGER",
                precision: 19,
                scale: 6,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RuleDecimals",
                table: "SurveyQuestions");

            migrationBuilder.DropColumn(
                name: "RuleKind",
                table: "SurveyQuestions");

            migrationBuilder.DropColumn(
                name: "RuleMax",
                table: "SurveyQuestions");

            migrationBuilder.DropColumn(
                name: "RuleMin",
                table: "SurveyQuestions");
        }
    }
}
