using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Core.Sync;
using Werkbon.Server.Data;
using Werkbon.Server.People;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Reports;

/// <summary>
/// The price a customer signs on the phone is the price the office receives: for generated companies
/// (customers with and without contracts, contracts limited to sites, starting or ending around the
/// visit, archived, technicians serving many customers), every work order a technician pulls is priced
/// on the device with exactly the pulled data and on the server on arrival, and both agree line by line.
/// </summary>
public class DevicePriceTests
{
    private static readonly TimeSpan Brussels = TimeSpan.FromHours(1); // March 2026, before summer time

    private static readonly JsonSerializerOptions Wire = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly DateOnly Today = new(2026, 3, 10);

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Every_pulled_work_order_is_priced_on_the_device_as_the_server_prices_it_on_arrival(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var compared = 0;
        var underContract = 0;
        var withoutContract = 0;
        foreach (var seed in new[] { 11, 23, 37 })
        {
            var random = new Random(seed);
            var world = await GenerateAsync(app, $"Firma{seed}", random);
            foreach (var technician in world.Technicians)
            {
                var client = await app.ClientForAsync(technician.Email!);
                var first = await PullAsync(client);
                Assert.NotEmpty(first.WorkOrders);
                foreach (var pulledOrder in first.WorkOrders)
                {
                    // The device syncs before each visit: what it prices with is the latest pull.
                    var pull = await PullAsync(client);
                    var order = Assert.Single(pull.WorkOrders, w => w.Id == pulledOrder.Id);
                    var pricing = pull.Pricing!;
                    Assert.Equal(world.CustomerOf[order.Id], order.CustomerId);
                    if (order.Contract is { } named)
                    {
                        Assert.Equal(order.CustomerId, pricing.Contracts.Single(c => c.Id == named.Id).Coverage!.CustomerId);
                    }

                    var document = Visit(order, technician, random);
                    var catalog = new ArticleCatalog(pull.Articles.Select(a => a.ToArticle()));
                    var onDevice = pricing.Price(document, order, catalog);
                    var deviceContract = pricing.ContractFor(order, document.VisitDate)?.Id;

                    var hash = ReportHash.Compute(document);
                    var pushed = await client.PushAsync(document, hash);
                    Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
                    var stored = await app.InCompany(world.CompanyId, (db, _) => db.Reports.AsNoTracking().SingleAsync(r => r.Id == document.ReportId, TestContext.Current.CancellationToken));

                    var context = $"seed {seed}, {order.Number} for {order.CustomerName} visited {document.VisitDate:yyyy-MM-dd} (planned {order.ScheduledStartUtc:yyyy-MM-dd})";
                    Assert.True(deviceContract == stored.ContractId, $"{context}: device contract {deviceContract}, server {stored.ContractId}");
                    Assert.True(
                        onDevice.Lines.SequenceEqual(stored.Pricing!.Lines),
                        $"{context}:\n device {string.Join(" | ", onDevice.Lines.Select(Line))}\n server {string.Join(" | ", stored.Pricing.Lines.Select(Line))}");
                    Assert.Equal(onDevice.VatBreakdown, stored.Pricing.VatBreakdown);
                    Assert.Equal((onDevice.Net, onDevice.Vat, onDevice.Total), (stored.Pricing.Net, stored.Pricing.Vat, stored.Pricing.Total));
                    compared++;
                    if (stored.ContractId is null)
                    {
                        withoutContract++;
                    }
                    else
                    {
                        underContract++;
                    }
                }
            }
        }

        // The generated companies really put both kinds of visit to the test.
        Assert.True(compared >= 30, $"{compared} visits compared");
        Assert.True(underContract >= 5 && withoutContract >= 5, $"{underContract} under contract, {withoutContract} without");
    }

    private sealed record World(Guid CompanyId, IReadOnlyList<AppUser> Technicians, IReadOnlyDictionary<Guid, Guid> CustomerOf);

    /// <summary>
    /// A company of private and business customers with one to three sites; about two thirds have one to
    /// three contracts: for every site or some, starting and ending around the visits, some archived; two
    /// or three technicians, each with work orders of many customers.
    /// </summary>
    private static async Task<World> GenerateAsync(WerkbonApp app, string name, Random random)
    {
        var company = await app.CreateCompanyAsync(name);
        var office = await company.OfficeAsync();
        var technicians = new List<AppUser> { company.Technician };
        for (var i = 1; i < random.Next(2, 4); i++)
        {
            technicians.Add(await TechnicianAsync(app, company, $"tech{i}@{name.ToLowerInvariant()}.test", i % 2 == 0 ? "senior" : "technician"));
        }

        var articles = new[] { ("HOSE", 8.40m, "parts"), ("VALVE", 14.95m, "fittings"), ("TAPE", 2.10m, "parts") };
        foreach (var (code, price, category) in articles)
        {
            await Created(office.PostJsonAsync("/api/articles", new { code, nameNl = code, nameFr = code, nameEn = code, unit = "C62", listPrice = price, vatRate = 21m, kind = "Part", category }));
        }

        var address = new { street = "Straat 1", postalCode = "2800", city = "Mechelen", country = "BE" };
        var customerOf = new Dictionary<Guid, Guid>();
        var customers = random.Next(6, 9);
        for (var c = 0; c < customers; c++)
        {
            var business = random.Next(3) == 0;
            var customer = await Created(office.PostJsonAsync("/api/customers", business
                ? new { kind = "Business", name = $"{name} Bedrijf {c}", enterpriseNumber = EnterpriseNumber(random), filesPeriodicVatReturns = random.Next(2) == 0, language = "nl", billingAddress = address, paymentTermDays = 30 }
                : (object)new { kind = "Private", name = $"{name} Klant {c}", language = random.Next(2) == 0 ? "nl" : "fr", billingAddress = address, paymentTermDays = 14 }));
            var sites = new List<Guid>();
            for (var s = 0; s < random.Next(1, 4); s++)
            {
                sites.Add(await Created(office.PostJsonAsync("/api/sites", new
                {
                    customerId = customer,
                    name = $"Site {s}",
                    address,
                    distanceKm = random.Next(0, 60) + 0.5m,
                    isPrivateHome = !business,
                    firstOccupiedYear = business ? (int?)null : random.Next(2) == 0 ? 1985 : 2022,
                })));
            }

            if (random.Next(3) != 0)
            {
                for (var k = 0; k < random.Next(1, 4); k++)
                {
                    await ContractAsync(office, customer, sites, random);
                }
            }

            foreach (var site in sites)
            {
                for (var w = 0; w < random.Next(1, 3); w++)
                {
                    var day = Today.AddDays(random.Next(-1, 8));
                    var start = new DateTimeOffset(day.ToDateTime(new TimeOnly(random.Next(7, 17), 0)), Brussels);
                    var (response, body) = await office.PostJsonAsync("/api/work-orders", new
                    {
                        customerId = customer,
                        siteId = site,
                        description = $"Interventie {c}.{w}",
                        scheduledStart = start,
                        scheduledEnd = start.AddHours(2),
                        technicianIds = new[] { technicians[random.Next(technicians.Count)].Id },
                    });
                    Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
                    customerOf[body.GetProperty("id").GetGuid()] = customer;
                }
            }
        }

        return new World(company.Id, technicians, customerOf);
    }

    private static async Task ContractAsync(HttpClient office, Guid customer, IReadOnlyList<Guid> sites, Random random)
    {
        // Periods around the visits (8 March to 18 March): started long ago, starting or ending on a visit day, open-ended.
        var startsOn = random.Next(3) == 0 ? new DateOnly(2025, 1, 1) : Today.AddDays(random.Next(-2, 9));
        DateOnly? endsOn = random.Next(2) == 0 ? null : startsOn.AddDays(random.Next(0, 10));
        var covered = random.Next(2) == 0 ? Array.Empty<Guid>() : sites.Where(_ => random.Next(2) == 0).DefaultIfEmpty(sites[0]).ToArray();
        var terms = new Dictionary<string, object?>
        {
            ["name"] = "",
            ["hourlyRates"] = new Dictionary<string, decimal> { ["technician"] = new[] { 50m, 55m, 58.5m, 65m }[random.Next(4)] },
            ["partsDiscountPercent"] = new[] { 0m, 5m, 10m, 12.5m }[random.Next(4)],
            ["minimumMinutes"] = new int?[] { null, 0, 60 }[random.Next(3)],
            ["roundingMinutes"] = new int?[] { null, 1, 5, 30 }[random.Next(4)],
            ["coveredCategories"] = random.Next(4) == 0 ? new[] { "fittings" } : Array.Empty<string>(),
        };
        if (random.Next(3) == 0)
        {
            terms["travel"] = new { kind = "Flat", flatFee = 25.00m, zones = Array.Empty<object>(), beyondPerKm = 0m, billTravelTime = false };
        }

        if (random.Next(3) == 0)
        {
            terms["includedHours"] = new { minutesPerContractYear = 90, contractStart = startsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        }

        var id = await Created(office.PostJsonAsync("/api/contracts", new
        {
            customerId = customer,
            name = $"Contract {random.Next(1000)}",
            kind = "TimeAndMaterial",
            startsOn = startsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            endsOn = endsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            coveredSiteIds = covered,
            terms,
        }));
        if (random.Next(5) == 0)
        {
            var archived = await office.PostAsync($"/api/contracts/{id}/archive", null, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NoContent, archived.StatusCode);
        }
    }

    /// <summary>A visit as the device records it: on the planned day or a day before or after, some of it in the evening.</summary>
    private static ReportDocument Visit(FieldWorkOrder order, AppUser technician, Random random)
    {
        var planned = DateOnly.FromDateTime(order.ScheduledStartUtc.ToOffset(Brussels).DateTime);
        var day = planned.AddDays(random.Next(-1, 2));
        var arrive = new DateTimeOffset(day.ToDateTime(new TimeOnly(random.Next(7, 20), random.Next(0, 60))), Brussels);
        var time = new List<ReportTimeEntry>
        {
            new(Guid.CreateVersion7(), arrive.AddMinutes(-20), arrive, TimeEntryKind.Travel, false, null),
            new(Guid.CreateVersion7(), arrive, arrive.AddMinutes(random.Next(1, 150)), TimeEntryKind.Work, false, "Werk"),
        };
        var codes = new[] { "HOSE", "VALVE", "TAPE" };
        var materials = Enumerable.Range(0, random.Next(0, 3))
            .Select(i => new ReportMaterial(Guid.CreateVersion7(), codes[(i + random.Next(3)) % 3], codes[i % 3], random.Next(1, 4), "C62", false, null, false))
            .DistinctBy(m => m.ArticleCode)
            .ToList();
        var signedAt = time[^1].End.AddMinutes(3);
        return new ReportDocument(
            ReportDocument.CurrentVersion,
            Guid.CreateVersion7(),
            order.Id,
            technician.Id,
            technician.RateClass,
            DateOnly.FromDateTime(time[0].Start.DateTime),
            time,
            random.Next(2) == 0 ? null : random.Next(1, 50),
            materials,
            "Nagekeken",
            "",
            [],
            [],
            false,
            null,
            order.Site.IsPrivateHome && random.Next(2) == 0,
            new ReportSignature("Klant", signedAt, new string('a', 64), false, null));
    }

    private static string Line(PricedLine l) => $"{l.Kind} {l.Description} {l.Quantity} × {l.UnitPrice} = {l.Amount} ({l.VatCategory} {l.VatPercent}) {l.Explanation}";

    private static async Task<PullResponse> PullAsync(HttpClient technician)
    {
        var response = await technician.GetAsync("/api/sync/changes", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonSerializer.Deserialize<PullResponse>(text, Wire)!;
    }

    private static async Task<AppUser> TechnicianAsync(WerkbonApp app, TestCompany company, string email, string rateClass) =>
        await app.InCompany(company.Id, async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { CompanyId = company.Id, Email = email, UserName = email, DisplayName = email, RateClass = rateClass };
            Assert.True((await users.CreateAsync(user, WerkbonApp.Password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Technician);
            return user;
        });

    /// <summary>A valid Belgian enterprise number: 0 and 7 digits, then 97 minus their remainder by 97.</summary>
    private static string EnterpriseNumber(Random random)
    {
        var body = random.Next(2_000_000, 9_999_999);
        return string.Create(CultureInfo.InvariantCulture, $"0{body:0000000}{97 - (body % 97):00}");
    }

    private static async Task<Guid> Created(Task<(HttpResponseMessage Response, JsonElement Body)> call)
    {
        var (response, body) = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.RequestMessage?.RequestUri}: {body}");
        return body.GetProperty("id").GetGuid();
    }
}
