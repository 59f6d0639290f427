using System.Net;

namespace Werkbon.Server.Tests.Infrastructure;

/// <summary>One of each master-data row of a company, made through the API.</summary>
public sealed record MasterData(Guid CustomerId, string CustomerName, Guid SiteId, Guid AssetId, Guid ArticleId, string ArticleCode, Guid WorkOrderId, string WorkOrderNumber, Guid ContractId)
{
    public static async Task<MasterData> CreateAsync(TestCompany company, string prefix)
    {
        var office = await company.OfficeAsync();
        var customerName = $"{prefix} Vastgoed";
        var customer = await Created(office.PostJsonAsync("/api/customers", new
        {
            kind = "Business",
            name = customerName,
            enterpriseNumber = "0403170701",
            language = "nl",
            billingAddress = new { street = "Meir 1", postalCode = "2000", city = "Antwerpen", country = "BE" },
            paymentTermDays = 30,
        }));
        var site = await Created(office.PostJsonAsync("/api/sites", new
        {
            customerId = customer,
            name = $"{prefix} kantoor",
            address = new { street = "Meir 1", postalCode = "2000", city = "Antwerpen", country = "BE" },
            distanceKm = 22.5m,
            isPrivateHome = false,
        }));
        var asset = await Created(office.PostJsonAsync("/api/assets", new
        {
            siteId = site,
            type = "Gasketel",
            brand = "Vaillant",
            model = "ecoTEC plus",
            serialNumber = $"{prefix}-SN-1",
            installedOn = "2022-05-01",
            warrantyUntil = "2027-05-01",
        }));
        var articleCode = $"{prefix}-HOSE";
        var article = await Created(office.PostJsonAsync("/api/articles", new
        {
            code = articleCode,
            nameNl = "Flexibele slang",
            nameFr = "Flexible",
            nameEn = "Hose",
            unit = "C62",
            listPrice = 8.40m,
            vatRate = 21m,
            category = "fittings",
            ean = "5410000000019",
            kind = "Part",
        }));
        var (response, body) = await office.PostJsonAsync("/api/work-orders", new
        {
            customerId = customer,
            siteId = site,
            description = $"{prefix} onderhoud ketel",
            scheduledStart = "2026-03-10T08:00:00+01:00",
            scheduledEnd = "2026-03-10T10:00:00+01:00",
            assetIds = new[] { asset },
            technicianIds = new[] { company.Technician.Id },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        var contract = await Created(office.PostJsonAsync("/api/contracts", new
        {
            customerId = customer,
            name = $"{prefix} Gold",
            kind = "MaintenanceSubscription",
            startsOn = "2026-01-01",
            coveredSiteIds = new[] { site },
            terms = new { name = "Gold", hourlyRates = new Dictionary<string, decimal> { ["technician"] = 55m }, partsDiscountPercent = 10m },
            slaResponseHours = 24,
        }));
        return new MasterData(customer, customerName, site, asset, article, articleCode, body.GetProperty("id").GetGuid(), body.GetProperty("number").GetString()!, contract);
    }

    private static async Task<Guid> Created(Task<(HttpResponseMessage Response, System.Text.Json.JsonElement Body)> call)
    {
        var (response, body) = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return body.GetProperty("id").GetGuid();
    }
}
