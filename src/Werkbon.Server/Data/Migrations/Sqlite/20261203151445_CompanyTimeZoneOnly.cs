using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Werkbon.Server.Data.Migrations.Sqlite
{
    /// <summary>
    /// The company's time zone has one place, <c>Companies.TimeZone</c>: the zone a rate card carried (the one
    /// pricing used) moves onto its company, and leaves the stored card.
    /// </summary>
    public partial class CompanyTimeZoneOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "Companies"
                SET "TimeZone" = (SELECT json_extract(r."Card", '$.timeZoneId') FROM "RateCards" r WHERE r."CompanyId" = "Companies"."Id")
                WHERE EXISTS (SELECT 1 FROM "RateCards" r WHERE r."CompanyId" = "Companies"."Id" AND coalesce(json_extract(r."Card", '$.timeZoneId'), '') <> '');
                """);
            migrationBuilder.Sql("""
                UPDATE "RateCards" SET "Card" = json_remove("Card", '$.timeZoneId') WHERE json_extract("Card", '$.timeZoneId') IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "RateCards"
                SET "Card" = json_set("Card", '$.timeZoneId', (SELECT c."TimeZone" FROM "Companies" c WHERE c."Id" = "RateCards"."CompanyId"));
                """);
        }
    }
}
