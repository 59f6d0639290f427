using System.Net;
using System.Text.Json;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Hosting;

/// <summary>Bad input on every create route: 400 problem details naming the field; nothing stored changes.</summary>
public class CreateValidationTests
{
    public static TheoryData<DatabaseProvider, string> Cases()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var name in BadInputs.Keys)
            {
                data.Add(provider, name);
            }
        }

        return data;
    }

    private static readonly Dictionary<string, (string Route, string List, string Field, Func<MasterData, Guid, object> Body)> BadInputs = new()
    {
        ["customer without name"] = ("/api/customers", "/api/customers", "name", (_, _) => new
        {
            kind = "Private", name = " ", language = "nl", paymentTermDays = 14,
            billingAddress = new { street = "Dorp 1", postalCode = "3000", city = "Leuven", country = "BE" },
        }),
        ["customer with a bad VAT number"] = ("/api/customers", "/api/customers", "vatNumber", (_, _) => new
        {
            kind = "Business", name = "X", vatNumber = "NL12345", enterpriseNumber = "0403170701", language = "nl", paymentTermDays = 14,
            billingAddress = new { street = "Dorp 1", postalCode = "3000", city = "Leuven", country = "BE" },
        }),
        ["customer with a bad e-mail"] = ("/api/customers", "/api/customers", "email", (_, _) => new
        {
            kind = "Private", name = "X", email = "not-an-email", language = "nl", paymentTermDays = 14,
            billingAddress = new { street = "Dorp 1", postalCode = "3000", city = "Leuven", country = "BE" },
        }),
        ["site without city"] = ("/api/sites", "/api/sites", "address.city", (m, _) => new
        {
            customerId = m.CustomerId, name = "Kelder", distanceKm = 3,
            address = new { street = "Dorp 1", postalCode = "3000", city = "", country = "BE" },
        }),
        ["site with negative distance"] = ("/api/sites", "/api/sites", "distanceKm", (m, _) => new
        {
            customerId = m.CustomerId, name = "Kelder", distanceKm = -4,
            address = new { street = "Dorp 1", postalCode = "3000", city = "Leuven", country = "BE" },
        }),
        ["asset with warranty before install"] = ("/api/assets", "/api/assets", "warrantyUntil", (m, _) => new
        {
            siteId = m.SiteId, type = "Ketel", installedOn = "2024-01-01", warrantyUntil = "2023-01-01",
        }),
        ["article with a bad EAN"] = ("/api/articles", "/api/articles", "ean", (_, _) => new
        {
            code = "NEW-1", nameNl = "Iets", unit = "C62", listPrice = 1.5m, vatRate = 21m, ean = "5410000000018", kind = "Part",
        }),
        ["article with an unknown unit"] = ("/api/articles", "/api/articles", "unit", (_, _) => new
        {
            code = "NEW-2", nameNl = "Iets", unit = "BOX", listPrice = 1.5m, vatRate = 21m, kind = "Part",
        }),
        ["article with a taken code"] = ("/api/articles", "/api/articles", "code", (m, _) => new
        {
            code = m.ArticleCode, nameNl = "Iets", unit = "C62", listPrice = 1.5m, vatRate = 21m, kind = "Part",
        }),
        ["work order ending before it starts"] = ("/api/work-orders", "/api/work-orders", "scheduledEnd", (m, t) => new
        {
            customerId = m.CustomerId, siteId = m.SiteId, description = "X",
            scheduledStart = "2026-03-10T10:00:00+01:00", scheduledEnd = "2026-03-10T09:00:00+01:00", technicianIds = new[] { t },
        }),
        ["user with an unknown role"] = ("/api/users", "/api/users", "role", (_, _) => new
        {
            email = "someone@alpha.test", displayName = "Someone", role = "Boss",
        }),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_refused_naming_the_field_and_nothing_changes(DatabaseProvider provider, string @case)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var admin = await company.AdminAsync();
        var (route, list, field, body) = BadInputs[@case];
        var before = await admin.GetJsonAsync(list + "?includeArchived=true&pageSize=200");

        var (response, problem) = await admin.PostJsonAsync(route, body(data, company.Technician.Id));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {errors}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        var after = await admin.GetJsonAsync(list + "?includeArchived=true&pageSize=200");
        Assert.Equal(before.ToString(), after.ToString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_problem_details()
    {
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var company = await app.CreateCompanyAsync("Alpha");
        var office = await company.OfficeAsync();

        var response = await office.PostAsync("/api/customers", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(JsonValueKind.Number, problem.GetProperty("status").ValueKind);
    }
}
