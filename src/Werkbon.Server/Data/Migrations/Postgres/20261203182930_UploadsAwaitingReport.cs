using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Werkbon.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class UploadsAwaitingReport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AwaitingReport",
                table: "Files",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "UploadedBy",
                table: "Files",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Files_CompanyId_AwaitingReport_UploadedBy",
                table: "Files",
                columns: new[] { "CompanyId", "AwaitingReport", "UploadedBy" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Files_CompanyId_AwaitingReport_UploadedBy",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "AwaitingReport",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "UploadedBy",
                table: "Files");
        }
    }
}
