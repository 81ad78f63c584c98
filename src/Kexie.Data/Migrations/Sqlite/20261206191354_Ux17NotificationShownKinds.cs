using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing rows: the kinds their settings page showed, from when they saved (nobody's explicit choice changes).
            // Stored as DateTimeOffsetToBinaryConverter writes it (ticks and offset in one integer; UpdatedAt is UTC).
            migrationBuilder.Sql(ShownKindsBackfill.Sql(instant => ((long)new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(instant)!).ToString(System.Globalization.CultureInfo.InvariantCulture)));
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
