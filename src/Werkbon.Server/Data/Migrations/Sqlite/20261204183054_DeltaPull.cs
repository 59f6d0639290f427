using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Werkbon.Server.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeltaPull : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ChangeSeq",
                table: "WorkOrders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ChangeSeq",
                table: "Sites",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ChangeSeq",
                table: "Reports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ChangeSeq",
                table: "RateCards",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ChangeSeq",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ChangeSeq",
                table: "Contracts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ChangeSeq",
                table: "ContractHoursUses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ChangeSeq",
                table: "Assets",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "ChangeSeq",
                table: "Articles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "SyncRemovals",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChangeSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    TechnicianId = table.Column<Guid>(type: "TEXT", nullable: true),
                    WorkOrderId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ArticleCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SyncRemovals", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_CompanyId_ChangeSeq",
                table: "Reports",
                columns: new[] { "CompanyId", "ChangeSeq" });

            migrationBuilder.CreateIndex(
                name: "IX_Articles_CompanyId_ChangeSeq",
                table: "Articles",
                columns: new[] { "CompanyId", "ChangeSeq" });

            migrationBuilder.CreateIndex(
                name: "IX_SyncRemovals_CompanyId_ChangeSeq",
                table: "SyncRemovals",
                columns: new[] { "CompanyId", "ChangeSeq" });

            // The database numbers every change of a synced row itself (see ChangeSequence).
            migrationBuilder.Sql(ChangeSequence.SqliteUp());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ChangeSequence.SqliteDown());

            migrationBuilder.DropTable(
                name: "SyncRemovals");

            migrationBuilder.DropIndex(
                name: "IX_Reports_CompanyId_ChangeSeq",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Articles_CompanyId_ChangeSeq",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "ChangeSeq",
                table: "WorkOrders");

            migrationBuilder.DropColumn(
                name: "ChangeSeq",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "ChangeSeq",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "ChangeSeq",
                table: "RateCards");

            migrationBuilder.DropColumn(
                name: "ChangeSeq",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ChangeSeq",
                table: "Contracts");

            migrationBuilder.DropColumn(
                name: "ChangeSeq",
                table: "ContractHoursUses");

            migrationBuilder.DropColumn(
                name: "ChangeSeq",
                table: "Assets");

            migrationBuilder.DropColumn(
                name: "ChangeSeq",
                table: "Articles");
        }
    }
}
