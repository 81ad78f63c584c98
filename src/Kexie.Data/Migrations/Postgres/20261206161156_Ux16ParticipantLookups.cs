using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Ux16ParticipantLookups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ActivityParticipants_Phone",
                table: "ActivityParticipants",
                column: "Phone");

            migrationBuilder.CreateIndex(
                name: "IX_ActivityParticipants_RegisteredByUserId",
                table: "ActivityParticipants",
                column: "RegisteredByUserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActivityParticipants_Phone",
                table: "ActivityParticipants");

            migrationBuilder.DropIndex(
                name: "IX_ActivityParticipants_RegisteredByUserId",
                table: "ActivityParticipants");
        }
    }
}
