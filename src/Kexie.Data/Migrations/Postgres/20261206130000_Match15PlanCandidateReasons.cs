using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <summary>
    /// Issue 12, match15: a plan's matched candidate keeps the engine's reason without a rank (the plan's list leads it with
    /// "排第N位（综合得分…）：" from the place it shows the candidate at), so the stored lead of older candidates goes. No model change.
    /// </summary>
    public partial class Match15PlanCandidateReasons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "PlanCandidates" SET "Explanation" = substr("Explanation", strpos("Explanation", '）：') + 2)
                WHERE "ProposedByUserId" IS NULL AND "Explanation" LIKE '排第%位（综合得分%）：%'
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The ranks were the list's places when the candidates were stored; the list composes them again.
        }
    }
}
