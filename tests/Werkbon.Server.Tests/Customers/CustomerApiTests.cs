using System.Net;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Customers;

public class CustomerApiTests
{
    public static object ValidBusiness(string name = "Bouwbedrijf Janssens", string enterprise = "0403.170.701") => new
    {
        kind = "Business",
        name,
        enterpriseNumber = enterprise,
        language = "nl",
        billingAddress = new { street = "Kerkstraat 12", postalCode = "2000", city = "Antwerpen", country = "BE" },
        email = "boekhouding@janssens.be",
        paymentTermDays = 30,
        filesPeriodicVatReturns = true,
        contacts = new[] { new { name = "Els Janssens", role = "Zaakvoerder", email = "els@janssens.be", phone = "+32 3 123 45 67" } },
    };

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_belgian_business_gets_its_vat_number_and_peppol_id_from_its_enterprise_number(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var office = await company.OfficeAsync();

        var (response, body) = await office.PostJsonAsync("/api/customers", ValidBusiness());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("0403170701", body.GetProperty("enterpriseNumber").GetString());
        Assert.Equal("BE0403170701", body.GetProperty("vatNumber").GetString());
        Assert.Equal("0208:0403170701", body.GetProperty("peppolEndpoint").GetString());
        var stored = await office.GetJsonAsync(response.Headers.Location!.ToString());
        Assert.Equal("Els Janssens", stored.GetProperty("contacts")[0].GetProperty("name").GetString());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_wrong_enterprise_number_is_refused_with_the_field_named_and_nothing_stored(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var office = await company.OfficeAsync();

        var (response, body) = await office.PostJsonAsync("/api/customers", ValidBusiness(enterprise: "0403.170.702"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("mod 97", body.GetProperty("errors").GetProperty("enterpriseNumber")[0].GetString());
        var list = await office.GetJsonAsync("/api/customers");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_stale_update_answers_409_and_changes_nothing(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var office = await company.OfficeAsync();
        var (created, customer) = await office.PostJsonAsync("/api/customers", ValidBusiness());
        var url = created.Headers.Location!.ToString();
        var version = customer.GetProperty("version").GetInt32();

        var (first, _) = await office.PutJsonAsync(url, Rename(customer, "First rename", version));
        var (second, problem) = await office.PutJsonAsync(url, Rename(customer, "Second rename", version));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(409, problem.GetProperty("status").GetInt32());
        var stored = await office.GetJsonAsync(url);
        Assert.Equal("First rename", stored.GetProperty("name").GetString());
        Assert.Equal(version + 1, stored.GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Customers_are_searched_paged_and_archived(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var office = await company.OfficeAsync();
        string? archivedUrl = null;
        for (var i = 0; i < 12; i++)
        {
            var (response, _) = await office.PostJsonAsync("/api/customers", new
            {
                kind = "Private",
                name = $"Familie Peeters {i:00}",
                language = "nl",
                billingAddress = new { street = $"Dorpstraat {i + 1}", postalCode = "3000", city = i % 2 == 0 ? "Leuven" : "Mechelen", country = "BE" },
                paymentTermDays = 14,
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            archivedUrl ??= response.Headers.Location!.ToString();
        }

        var page2 = await office.GetJsonAsync("/api/customers?search=peeters&page=2&pageSize=5");
        var leuven = await office.GetJsonAsync("/api/customers?search=LEUVEN");
        var archive = await office.PostAsync(archivedUrl + "/archive", null, TestContext.Current.CancellationToken);
        var afterArchive = await office.GetJsonAsync("/api/customers");
        var withArchived = await office.GetJsonAsync("/api/customers?includeArchived=true");

        Assert.Equal(12, page2.GetProperty("total").GetInt32());
        Assert.Equal(["Familie Peeters 05", "Familie Peeters 06", "Familie Peeters 07", "Familie Peeters 08", "Familie Peeters 09"],
            page2.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(6, leuven.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, archive.StatusCode);
        Assert.Equal(11, afterArchive.GetProperty("total").GetInt32());
        Assert.Equal(12, withArchived.GetProperty("total").GetInt32());
    }

    private static object Rename(System.Text.Json.JsonElement customer, string name, int version) => new
    {
        kind = customer.GetProperty("kind").GetString(),
        name,
        enterpriseNumber = customer.GetProperty("enterpriseNumber").GetString(),
        vatNumber = customer.GetProperty("vatNumber").GetString(),
        language = "nl",
        billingAddress = new { street = "Kerkstraat 12", postalCode = "2000", city = "Antwerpen", country = "BE" },
        paymentTermDays = 30,
        filesPeriodicVatReturns = true,
        version,
    };
}
