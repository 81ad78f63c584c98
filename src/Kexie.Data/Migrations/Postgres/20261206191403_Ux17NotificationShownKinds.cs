using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Ux17NotificationShownKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ShownKinds",
                table: "NotificationPreference",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Existing rows: the kinds their settings page showed, from when they saved (nobody's explicit choice changes).
            // timestamp with time zone.
            migrationBuilder.Sql(ShownKindsBackfill.Sql(instant => "TIMESTAMPTZ '" + instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "+00'"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ShownKinds",
                table: "NotificationPreference");
        }
    }
}
