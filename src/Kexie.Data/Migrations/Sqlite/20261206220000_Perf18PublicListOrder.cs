using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kexie.Data.Migrations.Sqlite
{
    /// <summary>
    /// The anonymous public lists' partial order indexes and the tables' vacuum settings are PostgreSQL's (see its migration
    /// of the same name); this migration does nothing here and exists to keep the two histories in step.
    /// </summary>
    [DbContext(typeof(SqliteKexieDbContext))]
    [Migration("20261206220000_Perf18PublicListOrder")]
    public partial class Perf18PublicListOrder : Migration
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
