using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <summary>
    /// Keyword search indexes (issue 16) are PostgreSQL's (<see cref="TextSearch"/>); SQLite keeps the plain substring
    /// test, so this migration does nothing here and exists to keep the two histories in step.
    /// </summary>
    [DbContext(typeof(SqliteKexieDbContext))]
    [Migration("20261205043000_KeywordSearchIndexes")]
    public partial class KeywordSearchIndexes : Migration
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
