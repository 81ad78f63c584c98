using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <summary>
    /// The list-order indexes carry the columns of the public lists' filters (issue 16), so the skip to a deep page by
    /// number (<c>KeysetPaging.SeekFromPage</c>: the key of the row before the page, then a keyset range) is an
    /// index-only scan instead of whole rows read and sorted. The needs' and offers' indexes are expression indexes, which
    /// the model cannot describe (raw SQL, as in <c>MarketListOrderIndexes</c>); their time's two columns are included so
    /// the expression can be computed from the index. The directories' come from the model (<c>INCLUDE</c>).
    /// </summary>
    public partial class ListOrderCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Needs_ListOrder";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Needs_ListOrder" ON "Needs" ((COALESCE("PublishedAt", "CreatedAt")) DESC, "Id") INCLUDE ("Status", "Visibility", "RegionCode", "OrganizationId", "PublishedAt", "CreatedAt");""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Offers_ListOrder";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Offers_ListOrder" ON "Offers" ((COALESCE("PublishedAt", "CreatedAt")) DESC, "Id") INCLUDE ("Status", "Kind", "RegionCode", "ProviderWorkerId", "PublishedAt", "CreatedAt");""");

            migrationBuilder.DropIndex(
                name: "IX_ScienceWorkers_ListOrder",
                table: "ScienceWorkers");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_ListOrder",
                table: "Organizations");

            migrationBuilder.CreateIndex(
                name: "IX_ScienceWorkers_ListOrder",
                table: "ScienceWorkers",
                columns: new[] { "RegionCode", "Name", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "IsPublicProfile" });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_ListOrder",
                table: "Organizations",
                columns: new[] { "RegionCode", "Name", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "IsVerified" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ScienceWorkers_ListOrder",
                table: "ScienceWorkers");

            migrationBuilder.DropIndex(
                name: "IX_Organizations_ListOrder",
                table: "Organizations");

            migrationBuilder.CreateIndex(
                name: "IX_ScienceWorkers_ListOrder",
                table: "ScienceWorkers",
                columns: new[] { "RegionCode", "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Organizations_ListOrder",
                table: "Organizations",
                columns: new[] { "RegionCode", "Name", "Id" });

            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Needs_ListOrder";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Needs_ListOrder" ON "Needs" ((COALESCE("PublishedAt", "CreatedAt")) DESC, "Id");""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Offers_ListOrder";""");
            migrationBuilder.Sql("""CREATE INDEX "IX_Offers_ListOrder" ON "Offers" ((COALESCE("PublishedAt", "CreatedAt")) DESC, "Id");""");
        }
    }
}
