using System.Net;
using System.Text.Json;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Contracts;

/// <summary>The price preview prices a visit under the contract the arrival and the invoice will use, by the same rule.</summary>
public class ContractCoverageApiTests
{
    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task The_preview_names_the_contract_covering_the_visit_day_and_refuses_one_that_does_not(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var office = await company.OfficeAsync();
        var address = new { street = "Kerkstraat 5", postalCode = "2800", city = "Mechelen", country = "BE" };
        var goossens = await Created(office.PostJsonAsync("/api/customers", new { kind = "Private", name = "Luc Goossens", language = "nl", billingAddress = address, paymentTermDays = 14 }));
        var home = await Created(office.PostJsonAsync("/api/sites", new { customerId = goossens, name = "Woning", address, distanceKm = 8.5m, isPrivateHome = true, firstOccupiedYear = 2021 }));
        // The dentist's contract for every one of its sites, and a short one of Alpha's for March only.
        var dentist = await Created(office.PostJsonAsync("/api/customers", new { kind = "Private", name = "Tandarts Claes", language = "nl", billingAddress = address, paymentTermDays = 14 }));
        var dentistContract = await Created(office.PostJsonAsync("/api/contracts", new { customerId = dentist, name = "Praktijk", kind = "TimeAndMaterial", startsOn = "2025-01-01", coveredSiteIds = Array.Empty<Guid>(), terms = new { name = "", partsDiscountPercent = 10m } }));
        var march = await Created(office.PostJsonAsync("/api/contracts", new { customerId = data.CustomerId, name = "Alpha Maart", kind = "TimeAndMaterial", startsOn = "2026-03-12", endsOn = "2026-03-13", coveredSiteIds = new[] { data.SiteId }, terms = new { name = "", partsDiscountPercent = 50m } }));

        async Task<(HttpStatusCode Status, JsonElement Body)> Preview(Guid customer, Guid site, string day, Guid? contractId = null)
        {
            var (response, body) = await office.PostJsonAsync("/api/price-preview", new
            {
                customerId = customer, siteId = site, contractId,
                timeEntries = new[] { new { start = $"{day}T09:00:00+01:00", end = $"{day}T10:00:00+01:00", technicianClass = "technician" } },
                materials = new[] { new { articleCode = data.ArticleCode, quantity = 1 } },
            });
            return (response.StatusCode, body);
        }

        var privateVisit = await Preview(goossens, home, "2026-03-10");
        var beforeMarch = await Preview(data.CustomerId, data.SiteId, "2026-03-11");
        var inMarch = await Preview(data.CustomerId, data.SiteId, "2026-03-13");
        var afterMarch = await Preview(data.CustomerId, data.SiteId, "2026-03-14");
        var askedEnded = await Preview(data.CustomerId, data.SiteId, "2026-03-14", march);
        var askedOthers = await Preview(goossens, home, "2026-03-10", dentistContract);

        Assert.Equal(HttpStatusCode.OK, privateVisit.Status);
        Assert.Equal(JsonValueKind.Null, privateVisit.Body.GetProperty("contractId").ValueKind);
        Assert.Equal(8.40m, PartsAmount(privateVisit.Body));
        Assert.Equal(data.ContractId, beforeMarch.Body.GetProperty("contractId").GetGuid());
        Assert.Equal(march, inMarch.Body.GetProperty("contractId").GetGuid());
        Assert.Equal(4.20m, PartsAmount(inMarch.Body));
        Assert.Equal(data.ContractId, afterMarch.Body.GetProperty("contractId").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, askedEnded.Status);
        Assert.Contains("valt niet onder dit contract", askedEnded.Body.GetProperty("errors").GetProperty("contractId")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, askedOthers.Status);
        Assert.Contains("bestaat niet voor deze klant", askedOthers.Body.GetProperty("errors").GetProperty("contractId")[0].GetString(), StringComparison.Ordinal);
    }

    private static decimal PartsAmount(JsonElement preview) =>
        preview.GetProperty("pricing").GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("kind").GetString() == "Material").GetProperty("amount").GetDecimal();

    private static async Task<Guid> Created(Task<(HttpResponseMessage Response, JsonElement Body)> call)
    {
        var (response, body) = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.RequestMessage?.RequestUri}: {body}");
        return body.GetProperty("id").GetGuid();
    }
}
