using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Werkbon.Server.Companies;
using Werkbon.Server.Contracts;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Companies;

/// <summary>The company's time zone has one source: the company. Pricing, the device and every screen read it there.</summary>
public class CompanyClockTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_device_pulls_the_company_zone_and_the_rate_card_carries_none(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Lissabon");
        await MasterData.CreateAsync(company, "LX");
        await app.InCompany(company.Id, async (db, _) =>
        {
            var row = await db.Companies.SingleAsync(c => c.Id == company.Id, TestContext.Current.CancellationToken);
            row.TimeZone = "Europe/Lisbon";
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });

        var pull = await (await company.TechnicianAsync()).GetJsonAsync("/api/sync/changes");
        var rateCard = await (await company.OfficeAsync()).GetJsonAsync("/api/rate-card");

        Assert.Equal("Europe/Lisbon", pull.GetProperty("pricing").GetProperty("timeZoneId").GetString());
        Assert.False(pull.GetProperty("pricing").GetProperty("rateCard").TryGetProperty("timeZoneId", out _));
        Assert.False(rateCard.GetProperty("card").TryGetProperty("timeZoneId", out _));
        Assert.Equal("Europe/Lisbon", await app.InCompany(company.Id, async (db, _) => (await ReportPricing.RateCardAsync(db, TestContext.Current.CancellationToken)).Clock.ZoneId));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Upgrading_keeps_the_zone_a_company_priced_with(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Directory.CreateTempSubdirectory("werkbon-zone-").FullName;
        var connectionString = provider == DatabaseProvider.Postgres
            ? await PostgresServer.CreateDatabaseAsync(ct)
            : $"Data Source={Path.Combine(folder, "werkbon.db")}";
        var lisbon = NewCompany("Lissabon");
        var plain = NewCompany("Mechelen");
        var current = new CurrentCompany();
        current.Set(lisbon.Id);

        await using (var db = Open(provider, connectionString, current))
        {
            var migrations = db.Database.GetMigrations().ToList();
            var zoneMove = migrations.FindIndex(m => m.EndsWith("_CompanyTimeZoneOnly", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[zoneMove - 1], ct);
            db.Companies.AddRange(lisbon, plain);
            db.RateCards.Add(new RateCardSettings());
            await db.SaveChangesAsync(ct);

            // As stored before: the zone an admin chose with the rate card, the one pricing used.
            await db.Database.ExecuteSqlRawAsync(
                provider == DatabaseProvider.Postgres
                    ? """UPDATE "RateCards" SET "Card" = jsonb_set("Card"::jsonb, '{{timeZoneId}}', '"Europe/Lisbon"')::text"""
                    : """UPDATE "RateCards" SET "Card" = json_set("Card", '$.timeZoneId', 'Europe/Lisbon')""",
                ct);
            await migrator.MigrateAsync(null, ct);
        }

        await using (var db = Open(provider, connectionString, current))
        {
            var zones = await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.TimeZone, ct);
            var card = await db.Database.SqlQueryRaw<string>("""SELECT "Card" AS "Value" FROM "RateCards" """).SingleAsync(ct);

            Assert.Equal("Europe/Lisbon", zones[lisbon.Id]);
            Assert.Equal("Europe/Brussels", zones[plain.Id]);
            Assert.DoesNotContain("timeZoneId", card, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("Europe/Lisbon", (await CompanyClock.LoadAsync(db, ct)).ZoneId);
            Assert.Equal(60.00m, (await ReportPricing.RateCardAsync(db, ct)).Card.HourlyRates["technician"]);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static Company NewCompany(string name) => new()
    {
        Name = name,
        LegalName = name + " BV",
        EnterpriseNumber = "0403170701",
        VatNumber = "BE0403170701",
        Address = new Address("Bautersemstraat 1", "2800", "Mechelen"),
    };

    private static AppDb Open(DatabaseProvider provider, string connectionString, CurrentCompany current) => provider == DatabaseProvider.Postgres
        ? new PostgresAppDb(new DbContextOptionsBuilder<PostgresAppDb>().UseNpgsql(connectionString).Options, current)
        : new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite(connectionString).Options, current);
}
