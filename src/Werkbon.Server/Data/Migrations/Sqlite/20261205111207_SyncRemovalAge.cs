using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Werkbon.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SyncRemovalAge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite adds no column with an expression as its default (see ChangeSequence).
            migrationBuilder.Sql(ChangeSequence.SqliteRemovalAgeUp());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ChangeSequence.SqliteRemovalAgeDown());
        }
    }
}
