using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <summary>
    /// The read indexes of issue 16 (db13) are PostgreSQL's (<c>INCLUDE</c> columns, a pattern operator class); this
    /// migration does nothing here and keeps the two histories in step.
    /// </summary>
    public partial class Db13ReadIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
