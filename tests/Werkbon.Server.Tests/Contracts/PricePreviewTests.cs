using System.Net;
using System.Text.Json;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Contracts;

/// <summary>The pricing scenarios of pricing.md through the API: customers, sites, catalog, rate card and contracts as stored.</summary>
public class PricePreviewTests
{
    private sealed record World(TestCompany Company, HttpClient Office, Guid Business, Guid BusinessSite, Guid Contractor, Guid ContractorSite, Guid Home, Guid HomeSite);

    private static async Task<World> BuildAsync(WerkbonApp app)
    {
        var company = await app.CreateCompanyAsync("Alpha");
        var office = await company.OfficeAsync();
        foreach (var (code, name, price) in new[] { ("HOSE", "Slang", 8.40m), ("BALL", "Kogelkraan", 14.95m), ("RADV", "Radiatorkraan", 42.50m), ("BOIL", "Ketel", 1850.00m), ("PTFE", "PTFE-tape", 2.10m) })
        {
            await Created(office.PostJsonAsync("/api/articles", new { code, nameNl = name, nameEn = name, unit = "C62", listPrice = price, vatRate = 21m, kind = "Part", category = "parts" }));
        }

        async Task<(Guid Customer, Guid Site)> Customer(object customer, bool privateHome, int? builtIn, decimal km)
        {
            var id = await Created(office.PostJsonAsync("/api/customers", customer));
            var site = await Created(office.PostJsonAsync("/api/sites", new
            {
                customerId = id, name = "Site", distanceKm = km, isPrivateHome = privateHome, firstOccupiedYear = builtIn,
                address = new { street = "Straat 1", postalCode = "2800", city = "Mechelen", country = "BE" },
            }));
            return (id, site);
        }

        var address = new { street = "Straat 1", postalCode = "2800", city = "Mechelen", country = "BE" };
        var business = await Customer(new { kind = "Business", name = "Winkel NV", enterpriseNumber = "0403170701", language = "en", billingAddress = address, paymentTermDays = 30 }, false, null, 12m);
        var contractor = await Customer(new { kind = "Business", name = "Bouw BV", enterpriseNumber = "0123456749", filesPeriodicVatReturns = true, language = "nl", billingAddress = address, paymentTermDays = 30 }, false, null, 18m);
        var home = await Customer(new { kind = "Private", name = "Familie Peeters", language = "nl", billingAddress = address, paymentTermDays = 14 }, true, 1985, 5m);
        return new World(company, office, business.Customer, business.Site, contractor.Customer, contractor.Site, home.Customer, home.Site);
    }

    private static async Task<Guid> Created(Task<(HttpResponseMessage Response, JsonElement Body)> call)
    {
        var (response, body) = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> Preview(HttpClient office, object request)
    {
        var (response, body) = await office.PostJsonAsync("/api/price-preview", request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return body.GetProperty("pricing");
    }

    private static decimal[] Amounts(JsonElement pricing) => [.. pricing.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("amount").GetDecimal())];

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task V1_a_weekday_repair_is_priced_with_the_rate_card(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var world = await BuildAsync(app);

        var pricing = await Preview(world.Office, new
        {
            customerId = world.Business, siteId = world.BusinessSite,
            timeEntries = new[] { new { start = "2026-03-10T09:12:00+01:00", end = "2026-03-10T10:05:00+01:00", technicianClass = "technician" } },
            distanceKm = 12,
            materials = new[] { new { articleCode = "HOSE", quantity = 2 }, new { articleCode = "BALL", quantity = 1 } },
        });

        Assert.Equal([60.00m, 30.00m, 16.80m, 14.95m], Amounts(pricing));
        Assert.Equal(121.75m, pricing.GetProperty("net").GetDecimal());
        Assert.Equal(25.57m, pricing.GetProperty("vat").GetDecimal());
        Assert.Equal(147.32m, pricing.GetProperty("total").GetDecimal());
        Assert.All(pricing.GetProperty("lines").EnumerateArray(), l => Assert.False(string.IsNullOrWhiteSpace(l.GetProperty("explanation").GetString())));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task V4_a_private_home_older_than_ten_years_with_the_statement_gets_six_percent(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var world = await BuildAsync(app);

        var pricing = await Preview(world.Office, new
        {
            customerId = world.Home, siteId = world.HomeSite, sixPercentStatementConfirmed = true,
            timeEntries = new[] { new { start = "2026-03-11T13:00:00+01:00", end = "2026-03-11T15:40:00+01:00", technicianClass = "technician" } },
            distanceKm = 5,
            materials = new[] { new { articleCode = "RADV", quantity = 1 } },
        });

        Assert.Equal([165.00m, 30.00m, 42.50m], Amounts(pricing));
        Assert.Equal(14.25m, pricing.GetProperty("vat").GetDecimal());
        Assert.Equal(251.75m, pricing.GetProperty("total").GetDecimal());
        Assert.Contains("Btw-tarief", pricing.GetProperty("legalTexts")[0].GetProperty("text").GetString());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task V5_works_for_a_vat_filing_contractor_are_reverse_charged(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var world = await BuildAsync(app);

        var pricing = await Preview(world.Office, new
        {
            customerId = world.Contractor, siteId = world.ContractorSite,
            timeEntries = new[] { new { start = "2026-03-17T08:00:00+01:00", end = "2026-03-17T12:00:00+01:00", technicianClass = "technician" } },
            distanceKm = 18,
            materials = new[] { new { articleCode = "BOIL", quantity = 1 } },
        });

        Assert.Equal([240.00m, 45.00m, 1850.00m], Amounts(pricing));
        Assert.Equal(0m, pricing.GetProperty("vat").GetDecimal());
        Assert.Equal(2135.00m, pricing.GetProperty("total").GetDecimal());
        Assert.Equal("AE", pricing.GetProperty("vatBreakdown")[0].GetProperty("category").GetString());
        Assert.Contains("Verlegging van heffing", pricing.GetProperty("legalTexts")[0].GetProperty("text").GetString());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task V6_the_customers_gold_contract_overrides_the_rate_card(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var world = await BuildAsync(app);
        var contract = await Created(world.Office.PostJsonAsync("/api/contracts", new
        {
            customerId = world.Business, name = "Gold", kind = "MaintenanceSubscription", startsOn = "2026-01-01",
            terms = new
            {
                name = "Gold",
                hourlyRates = new Dictionary<string, decimal> { ["technician"] = 55.00m },
                minimumMinutes = 0,
                roundingMinutes = 15,
                travel = new { kind = "Flat", flatFee = 25.00m, zones = Array.Empty<object>(), beyondPerKm = 0m, billTravelTime = false },
                partsDiscountPercent = 10m,
            },
        }));

        var (response, body) = await world.Office.PostJsonAsync("/api/price-preview", new
        {
            customerId = world.Business, siteId = world.BusinessSite,
            timeEntries = new[] { new { start = "2026-03-13T14:05:00+01:00", end = "2026-03-13T14:50:00+01:00", technicianClass = "technician" } },
            distanceKm = 9,
            materials = new[] { new { articleCode = "PTFE", quantity = 3 } },
        });
        var pricing = body.GetProperty("pricing");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contract, body.GetProperty("contractId").GetGuid());
        Assert.Equal([41.25m, 25.00m, 5.67m], Amounts(pricing));
        Assert.Equal(71.92m, pricing.GetProperty("net").GetDecimal());
        Assert.Equal(87.02m, pricing.GetProperty("total").GetDecimal());
        Assert.Contains("Gold", pricing.GetProperty("lines")[0].GetProperty("explanation").GetString());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task An_admin_changes_the_rate_card_and_the_next_preview_uses_it(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var world = await BuildAsync(app);
        var admin = await world.Company.AdminAsync();
        var card = (await admin.GetJsonAsync("/api/rate-card"));
        var edited = JsonSerializer.Deserialize<Dictionary<string, object>>(card.GetProperty("card").GetRawText())!;
        edited["hourlyRates"] = new Dictionary<string, decimal> { ["technician"] = 66m, ["senior"] = 80m };

        var (byOffice, _) = await world.Office.PutJsonAsync("/api/rate-card", new { card = edited, version = 0 });
        var (bad, problem) = await admin.PutJsonAsync("/api/rate-card", new { card = new Dictionary<string, object>(edited) { ["roundingMinutes"] = 0 }, version = 0 });
        var (saved, _) = await admin.PutJsonAsync("/api/rate-card", new { card = edited, version = 0 });
        var pricing = await Preview(world.Office, new
        {
            customerId = world.Business, siteId = world.BusinessSite,
            timeEntries = new[] { new { start = "2026-03-10T09:00:00+01:00", end = "2026-03-10T10:00:00+01:00", technicianClass = "technician" } },
            distanceKm = 12,
        });

        Assert.Equal(HttpStatusCode.Forbidden, byOffice.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("card.roundingMinutes", out _));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(66.00m, Amounts(pricing)[0]);
        Assert.Contains(card.GetProperty("holidaysThisYear").EnumerateArray(), h => h.GetProperty("date").GetString() == "2026-04-06");
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_contract_summary_reads_in_the_customers_language_with_the_included_hours(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var world = await BuildAsync(app);
        var contract = await Created(world.Office.PostJsonAsync("/api/contracts", new
        {
            customerId = world.Home, name = "Comfort", kind = "MaintenanceSubscription", startsOn = "2026-01-01",
            terms = new { name = "Comfort", includedHours = new { minutesPerContractYear = 120, contractStart = "2026-01-01" }, coveredCategories = new[] { "parts" } },
        }));

        var details = await world.Office.GetJsonAsync($"/api/contracts/{contract}");
        var dutch = await world.Office.GetStringAsync($"/api/contracts/{contract}/summary", TestContext.Current.CancellationToken);
        var french = await world.Office.GetStringAsync($"/api/contracts/{contract}/summary?language=fr", TestContext.Current.CancellationToken);

        Assert.Equal(120, details.GetProperty("includedHours").GetProperty("minutesLeft").GetInt32());
        Assert.Contains("Inbegrepen uren per contractjaar", dutch);
        Assert.Contains("Familie Peeters", dutch);
        Assert.Contains("Heures comprises", french);
        Assert.Contains("60,00", french);
    }

    [Fact]
    public async Task A_preview_with_an_impossible_time_entry_names_the_field()
    {
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var world = await BuildAsync(app);

        var (response, problem) = await world.Office.PostJsonAsync("/api/price-preview", new
        {
            customerId = world.Business,
            timeEntries = new[] { new { start = "2026-03-10T10:00:00+01:00", end = "2026-03-10T09:00:00+01:00" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("timeEntries[0].end", out _));
    }
}
