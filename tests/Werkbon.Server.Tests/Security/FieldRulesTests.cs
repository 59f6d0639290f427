using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Werkbon.Core.Reports;
using Werkbon.Server.Data;
using Werkbon.Server.Hosting;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Security;

/// <summary>Every text field has its length and every code its form, every date its range: refused as a 400 naming the field, nothing stored.</summary>
public class FieldRulesTests
{
    private static readonly object Address = new { street = "Meir 1", postalCode = "2000", city = "Antwerpen", country = "BE" };

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_home_address_with_a_street_of_a_million_characters_or_a_country_that_is_no_country_is_refused_and_nothing_is_stored(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var admin = await company.AdminAsync();
        var before = await admin.GetJsonAsync($"/api/users/{company.Office.Id}");
        object Office(object homeBase) => new { email = "office2@alpha.test", displayName = "Kantoor", role = "Office", homeBase };
        object Changed(object homeBase) => new { email = company.Office.Email, displayName = "Veranderd", role = "Office", homeBase };
        var million = new string('x', 1_000_000);
        var country44 = new string('B', 44);

        var (longStreet, longStreetProblem) = await admin.PostJsonAsync("/api/users", Office(new { street = million, postalCode = "1000", city = "Brussel", country = "BE" }));
        var (longCountry, longCountryProblem) = await admin.PostJsonAsync("/api/users", Office(new { street = "Wetstraat 16", postalCode = "1000", city = "Brussel", country = country44 }));
        var (several, severalProblem) = await admin.PutJsonAsync($"/api/users/{company.Office.Id}", Changed(new { street = new string('s', 201), postalCode = "<b>1000</b>", city = new string('c', 101), country = "ZZ" }));
        var (changedStreet, changedStreetProblem) = await admin.PutJsonAsync($"/api/users/{company.Office.Id}", Changed(new { street = million, postalCode = "1000", city = "Brussel", country = "BE" }));
        var after = await admin.GetJsonAsync($"/api/users/{company.Office.Id}");
        var users = await admin.GetJsonAsync("/api/users?includeArchived=true");

        Assert.Equal(HttpStatusCode.BadRequest, longStreet.StatusCode);
        Assert.Contains("8000", Errors(longStreetProblem, "homeBase.street")[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, longCountry.StatusCode);
        Assert.NotEmpty(Errors(longCountryProblem, "homeBase.country"));
        Assert.Equal(HttpStatusCode.BadRequest, several.StatusCode);
        Assert.Contains("200", Errors(severalProblem, "homeBase.street")[0], StringComparison.Ordinal);
        Assert.NotEmpty(Errors(severalProblem, "homeBase.postalCode"));
        Assert.Contains("100", Errors(severalProblem, "homeBase.city")[0], StringComparison.Ordinal);
        Assert.NotEmpty(Errors(severalProblem, "homeBase.country"));
        Assert.Equal(HttpStatusCode.BadRequest, changedStreet.StatusCode);
        Assert.NotEmpty(Errors(changedStreetProblem, "homeBase.street"));
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.DoesNotContain("office2@alpha.test", users.GetRawText(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Customer_texts_and_codes_outside_their_field_rules_are_refused_naming_the_field(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var office = await company.OfficeAsync();
        object Customer(object? contact = null, string? phone = null, string? email = null, object? address = null) => new
        {
            kind = "Private",
            name = "Luc Goossens",
            language = "nl",
            billingAddress = address ?? Address,
            paymentTermDays = 14,
            phone,
            email,
            contacts = contact is null ? Array.Empty<object>() : [contact],
        };

        var (role, roleProblem) = await office.PostJsonAsync("/api/customers", Customer(contact: new { name = "Els", role = new string('r', 5000) }));
        var (contactPhone, contactPhoneProblem) = await office.PostJsonAsync("/api/customers", Customer(contact: new { name = "Els", phone = "bel me maar <script>" }));
        var (phone, phoneProblem) = await office.PostJsonAsync("/api/customers", Customer(phone: "call me maybe"));
        var (email, emailProblem) = await office.PostJsonAsync("/api/customers", Customer(email: new string('a', 250) + "@alpha.test"));
        var (country, countryProblem) = await office.PostJsonAsync("/api/customers", Customer(address: new { street = "Meir 1", postalCode = "2000", city = "Antwerpen", country = "ZZ" }));
        var (nested, nestedProblem) = await office.PostJsonAsync("/api/customers", Customer(contact: new { name = new string('n', 9000) }));
        var stored = await app.InCompany(company.Id, (db, _) => db.Customers.CountAsync(TestContext.Current.CancellationToken));
        var (valid, _) = await office.PostJsonAsync("/api/customers", Customer(contact: new { name = "Els", role = "Zaakvoerder", phone = "+32 (0)3 123.45/67" }, phone: "+32 3 123 45 67", address: new { street = "Keizersgracht 1", postalCode = "1015 CJ", city = "Amsterdam", country = "NL" }));

        Assert.Equal(HttpStatusCode.BadRequest, role.StatusCode);
        Assert.Contains("100", Errors(roleProblem, "contacts[0].role")[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, contactPhone.StatusCode);
        Assert.NotEmpty(Errors(contactPhoneProblem, "contacts[0].phone"));
        Assert.Equal(HttpStatusCode.BadRequest, phone.StatusCode);
        Assert.NotEmpty(Errors(phoneProblem, "phone"));
        Assert.Equal(HttpStatusCode.BadRequest, email.StatusCode);
        Assert.Contains("254", Errors(emailProblem, "email")[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, country.StatusCode);
        Assert.NotEmpty(Errors(countryProblem, "billingAddress.country"));
        Assert.Equal(HttpStatusCode.BadRequest, nested.StatusCode);
        Assert.NotEmpty(Errors(nestedProblem, "contacts[0].name"));
        Assert.Equal(0, stored);
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Dates_of_contracts_previews_holidays_and_pushed_reports_outside_the_working_range_are_refused(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        var office = await company.OfficeAsync();
        var admin = await company.AdminAsync();
        var technician = await company.TechnicianAsync();
        var contractsBefore = await app.InCompany(company.Id, (db, _) => db.Contracts.CountAsync(ct));
        object Contract(string startsOn, string? endsOn) => new { customerId = data.CustomerId, name = "Verre toekomst", kind = "TimeAndMaterial", startsOn, endsOn, coveredSiteIds = Array.Empty<Guid>(), terms = new { name = "", partsDiscountPercent = 10m } };
        var card = await admin.GetJsonAsync("/api/rate-card");
        var cardBefore = card.GetRawText();
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(9));
        var farAway = signed.Document with
        {
            VisitDate = new DateOnly(9999, 6, 1),
            Signature = signed.Document.Signature with { SignedAt = new DateTimeOffset(9999, 6, 1, 10, 0, 0, TimeSpan.FromHours(2)) },
        };

        var (yearOne, yearOneProblem) = await office.PostJsonAsync("/api/contracts", Contract("0001-01-01", null));
        var (endless, endlessProblem) = await office.PostJsonAsync("/api/contracts", Contract("2026-01-01", "9999-12-31"));
        var (preview, previewProblem) = await office.PostJsonAsync("/api/price-preview", new
        {
            customerId = data.CustomerId,
            visitDate = "9999-01-01",
            timeEntries = new[] { new { start = "9999-01-01T08:00:00+01:00", end = "9999-01-01T09:00:00+01:00" } },
        });
        var (holiday, holidayProblem) = await admin.PutJsonAsync("/api/rate-card", new
        {
            card = JsonSerializer.Deserialize<Dictionary<string, object>>(card.GetProperty("card").GetRawText()),
            companyHolidays = new[] { new { date = "0001-01-01", name = "Jaar een" } },
            version = card.TryGetProperty("version", out var version) ? version.GetInt32() : 0,
        });
        var push = await technician.PushAsync(farAway, ReportHash.Compute(farAway));
        var pushProblem = await push.ReadJsonAsync();
        var contractsAfter = await app.InCompany(company.Id, (db, _) => db.Contracts.CountAsync(ct));
        var reports = await app.InCompany(company.Id, (db, _) => db.Reports.CountAsync(ct));
        var cardAfter = (await admin.GetJsonAsync("/api/rate-card")).GetRawText();

        Assert.Equal(HttpStatusCode.BadRequest, yearOne.StatusCode);
        Assert.NotEmpty(Errors(yearOneProblem, "startsOn"));
        Assert.Equal(HttpStatusCode.BadRequest, endless.StatusCode);
        Assert.NotEmpty(Errors(endlessProblem, "endsOn"));
        Assert.Equal(HttpStatusCode.BadRequest, preview.StatusCode);
        Assert.NotEmpty(Errors(previewProblem, "visitDate"));
        Assert.NotEmpty(Errors(previewProblem, "timeEntries[0].start"));
        Assert.Equal(HttpStatusCode.BadRequest, holiday.StatusCode);
        Assert.NotEmpty(Errors(holidayProblem, "companyHolidays[0].date"));
        Assert.Equal(HttpStatusCode.BadRequest, push.StatusCode);
        Assert.NotEmpty(Errors(pushProblem, "document.visitDate"));
        Assert.NotEmpty(Errors(pushProblem, "document.signature.signedAt"));
        Assert.Equal(contractsBefore, contractsAfter);
        Assert.Equal(0, reports);
        Assert.Equal(cardBefore, cardAfter);
    }

    [Theory]
    [InlineData("postalCode", "1000", true)]
    [InlineData("postalCode", "4812 XB", true)]
    [InlineData("postalCode", "SW1A 1AA", true)]
    [InlineData("postalCode", "<b>1000</b>", false)]
    [InlineData("postalCode", "1000 ", true)]
    [InlineData("postalCode", "10000000000000", false)]
    [InlineData("country", "BE", true)]
    [InlineData("country", "be", false)]
    [InlineData("country", "ZZ", false)]
    [InlineData("country", "1A", false)]
    [InlineData("email", "els@janssens.be", true)]
    [InlineData("email", "els@localhost", false)]
    [InlineData("phone", "+32 (0)3 123.45/67", true)]
    [InlineData("phone", "12345", false)]
    [InlineData("phone", "call 0471 23 45 67", false)]
    [InlineData("iban", "BE68 5390 0754 7034", true)]
    [InlineData("iban", "BE68539007547035", false)]
    [InlineData("currency", "EUR", true)]
    [InlineData("currency", "EURO", false)]
    [InlineData("currency", "XYZ", false)]
    public void Each_code_field_has_its_form(string kind, string value, bool accepted)
    {
        var field = kind switch
        {
            "postalCode" => Fields.PostalCode,
            "country" => Fields.Country,
            "email" => Fields.Email,
            "phone" => Fields.Phone,
            "iban" => Fields.Iban,
            _ => Fields.Currency,
        };

        var validation = new Validation(new Texts()).Field(kind, value, field);

        Assert.Equal(accepted, validation.IsValid);
    }

    private static string[] Errors(JsonElement problem, string field) =>
        problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages)
            ? [.. messages.EnumerateArray().Select(m => m.GetString() ?? "")]
            : throw new Xunit.Sdk.XunitException($"No error for {field} in {problem}");
}
