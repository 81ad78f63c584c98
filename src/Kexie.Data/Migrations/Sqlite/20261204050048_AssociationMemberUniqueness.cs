using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AssociationMemberUniqueness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AssociationMember_AssociationId_ScienceWorkerId_OrganizationId",
                table: "AssociationMember");

            // Duplicates that concurrent adds left behind: keep the earliest row (ids are time-ordered UUIDv7) of each member.
            foreach (var column in new[] { "ScienceWorkerId", "OrganizationId" })
            {
                migrationBuilder.Sql($"""
                    DELETE FROM "AssociationMember"
                    WHERE "{column}" IS NOT NULL AND EXISTS (
                        SELECT 1 FROM "AssociationMember" AS earlier
                        WHERE earlier."AssociationId" = "AssociationMember"."AssociationId"
                          AND earlier."{column}" = "AssociationMember"."{column}"
                          AND earlier."Id" < "AssociationMember"."Id")
                    """);
            }

            migrationBuilder.CreateIndex(
                name: "IX_AssociationMember_AssociationId_OrganizationId",
                table: "AssociationMember",
                columns: new[] { "AssociationId", "OrganizationId" },
                unique: true,
                filter: "\"OrganizationId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AssociationMember_AssociationId_ScienceWorkerId",
                table: "AssociationMember",
                columns: new[] { "AssociationId", "ScienceWorkerId" },
                unique: true,
                filter: "\"ScienceWorkerId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_AssociationMember_AssociationId_OrganizationId",
                table: "AssociationMember");

            migrationBuilder.DropIndex(
                name: "IX_AssociationMember_AssociationId_ScienceWorkerId",
                table: "AssociationMember");

            migrationBuilder.CreateIndex(
                name: "IX_AssociationMember_AssociationId_ScienceWorkerId_OrganizationId",
                table: "AssociationMember",
                columns: new[] { "AssociationId", "ScienceWorkerId", "OrganizationId" },
                unique: true);
        }
    }
}
