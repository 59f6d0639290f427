using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Werkbon.Server.Data.Migrations.Postgres
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
                UPDATE "Companies" c
                SET "TimeZone" = r."Card"::jsonb ->> 'timeZoneId'
                FROM "RateCards" r
                WHERE r."CompanyId" = c."Id" AND coalesce(r."Card"::jsonb ->> 'timeZoneId', '') <> '';
                """);
            migrationBuilder.Sql("""
                UPDATE "RateCards" SET "Card" = ("Card"::jsonb - 'timeZoneId')::text WHERE ("Card"::jsonb -> 'timeZoneId') IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE "RateCards" r
                SET "Card" = jsonb_set(r."Card"::jsonb, '{timeZoneId}', to_jsonb(c."TimeZone"))::text
                FROM "Companies" c
                WHERE c."Id" = r."CompanyId";
                """);
        }
    }
}
