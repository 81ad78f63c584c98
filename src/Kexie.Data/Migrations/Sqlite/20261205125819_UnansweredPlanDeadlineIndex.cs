using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class UnansweredPlanDeadlineIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ResponsePlans_Unanswered_ResponseDueAt",
                table: "ResponsePlans",
                column: "ResponseDueAt",
                filter: "\"FirstRespondedAt\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ResponsePlans_Unanswered_ResponseDueAt",
                table: "ResponsePlans");
        }
    }
}
