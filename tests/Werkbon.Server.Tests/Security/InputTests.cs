using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Vat;
using Werkbon.Server.Customers;
using Werkbon.Server.Data;
using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.Invoicing;

namespace Werkbon.Server.Tests.Security;

/// <summary>
/// What a request body may hold: no control characters in text, every value member present, no member twice.
/// A refused body names the field and stores nothing; text stored before the rule never breaks a document.
/// </summary>
public class InputTests
{
    private static readonly string[] Poisons = ["\u0000", "\u0001", "\u001b", "\u0008", "\u007f\u001f"];

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Control_characters_in_any_text_are_refused_naming_the_field_and_nothing_is_stored(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Input");
        var data = await MasterData.CreateAsync(company, "Input");
        var office = await company.OfficeAsync();
        var customerBefore = await Text(office, $"/api/customers/{data.CustomerId}");
        var articleBefore = await Text(office, $"/api/articles/{data.ArticleId}");
        var workOrderBefore = await Text(office, $"/api/work-orders/{data.WorkOrderId}");
        var customers = await Count(app, company, db => db.Customers);

        foreach (var poison in Poisons)
        {
            await Refused(office, HttpMethod.Post, "/api/customers", Customer(name: $"Bakkerij{poison}Peeters"), "name", "Validation.ControlCharacters");
            await Refused(office, HttpMethod.Put, $"/api/customers/{data.CustomerId}", Customer(street: $"Meir{poison} 1", version: await Version(office, $"/api/customers/{data.CustomerId}")), "billingAddress.street", "Validation.ControlCharacters");
            await Refused(office, HttpMethod.Put, $"/api/customers/{data.CustomerId}", Customer(contact: $"An{poison}", version: await Version(office, $"/api/customers/{data.CustomerId}")), "contacts[0].name", "Validation.ControlCharacters");
            await Refused(office, HttpMethod.Put, $"/api/articles/{data.ArticleId}", Article(nameFr: $"Flexible{poison}", version: await Version(office, $"/api/articles/{data.ArticleId}")), "nameFr", "Validation.ControlCharacters");
            await Refused(office, HttpMethod.Put, $"/api/work-orders/{data.WorkOrderId}", await WorkOrder(office, data, $"Ketel{poison}"), "description", "Validation.ControlCharacters");
        }

        Assert.Equal(customerBefore, await Text(office, $"/api/customers/{data.CustomerId}"));
        Assert.Equal(articleBefore, await Text(office, $"/api/articles/{data.ArticleId}"));
        Assert.Equal(workOrderBefore, await Text(office, $"/api/work-orders/{data.WorkOrderId}"));
        Assert.Equal(customers, await Count(app, company, db => db.Customers));

        // Tab, line feed and carriage return are text.
        var (kept, keptBody) = await office.PutJsonAsync($"/api/customers/{data.CustomerId}", Customer(name: "Bakkerij\tPeeters", notes: "Eerste lijn\r\nTweede lijn", version: await Version(office, $"/api/customers/{data.CustomerId}")));
        Assert.True(kept.StatusCode == HttpStatusCode.OK, keptBody.ToString());
        Assert.Equal("Eerste lijn\r\nTweede lijn", (await office.GetJsonAsync($"/api/customers/{data.CustomerId}")).GetProperty("notes").GetString());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Missing_value_members_and_duplicate_keys_are_refused_naming_the_field_and_nothing_is_stored(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Required");
        var data = await MasterData.CreateAsync(company, "Required");
        var office = await company.OfficeAsync();
        var customerBefore = await Text(office, $"/api/customers/{data.CustomerId}");
        var articleBefore = await Text(office, $"/api/articles/{data.ArticleId}");
        var contracts = await Count(app, company, db => db.Contracts);

        var contract = new Dictionary<string, object?>
        {
            ["customerId"] = data.CustomerId,
            ["name"] = "Zilver",
            ["kind"] = "MaintenanceSubscription",
            ["terms"] = new { name = "Zilver" },
        };
        await Refused(office, HttpMethod.Post, "/api/contracts", contract, "startsOn", "Validation.Required");

        var article = Article(version: await Version(office, $"/api/articles/{data.ArticleId}"));
        article.Remove("vatRate");
        article.Remove("listPrice");
        var errors = await Refused(office, HttpMethod.Put, $"/api/articles/{data.ArticleId}", article, "vatRate", "Validation.Required");
        Assert.True(errors.TryGetProperty("listPrice", out _), errors.ToString());

        var customer = Customer(version: await Version(office, $"/api/customers/{data.CustomerId}"));
        customer.Remove("paymentTermDays");
        await Refused(office, HttpMethod.Put, $"/api/customers/{data.CustomerId}", customer, "paymentTermDays", "Validation.Required");

        // The same member twice: refused, whichever value comes last.
        var duplicated = JsonSerializer.Serialize(Customer(version: await Version(office, $"/api/customers/{data.CustomerId}")))
            .Replace("\"name\":", "\"name\":\"Eerste\",\"name\":", StringComparison.Ordinal);
        await Refused(office, HttpMethod.Put, $"/api/customers/{data.CustomerId}", duplicated, "name", "Validation.Duplicate");
        var nested = JsonSerializer.Serialize(Customer(version: await Version(office, $"/api/customers/{data.CustomerId}")))
            .Replace("\"city\":", "\"city\":\"Gent\",\"city\":", StringComparison.Ordinal);
        await Refused(office, HttpMethod.Put, $"/api/customers/{data.CustomerId}", nested, "billingAddress.city", "Validation.Duplicate");

        Assert.Equal(customerBefore, await Text(office, $"/api/customers/{data.CustomerId}"));
        Assert.Equal(articleBefore, await Text(office, $"/api/articles/{data.ArticleId}"));
        Assert.Equal(contracts, await Count(app, company, db => db.Contracts));
    }

    [Fact]
    public void Screens_refuse_control_characters_with_the_same_rule()
    {
        var texts = new Texts();
        var input = new CustomerInput(
            CustomerKind.Business, "Bakkerij\u0001Peeters", "0403170701", null, null, "nl",
            new Address("Meir 1", "2000", "Antwerpen"), null, null, 30, false, "Nota\u001b", null);

        var validation = SaveCustomer.Apply(input, new Customer(), texts);

        Assert.False(validation.IsValid);
        Assert.Equal([texts["Validation.ControlCharacters"]], validation.Errors["name"]);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_bulk_issue_with_control_characters_already_stored_issues_every_invoice_with_valid_xml(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Poison");

        // Written straight to the database, as text stored before input was checked would be (PostgreSQL stores no NUL).
        var customer = await Invoices.CustomerAsync(company, "Bakkerij\u0001 Peeters\u001b");
        var drafts = await Invoices.DraftsAsync(company, customer, 30);
        drafts.Insert(7, await app.InCompany(company.Id, async (db, services) =>
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var draft = new Invoice(InvoiceKind.Invoice, customer, $"test:{Guid.NewGuid()}", [new("Onder\u0001houd\u0008 ketel\uFFFF", 1, "C62", 100m, 100m, VatCategory.S, 21m)], now);
            db.Invoices.Add(draft);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            return draft.Id;
        }));
        var office = await company.OfficeAsync();

        var (issued, body) = await office.PostJsonAsync("/api/invoices/issue", new { ids = drafts });

        Assert.True(issued.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(drafts.Count, body.GetArrayLength());
        var ubls = await app.InCompany(company.Id, (db, _) => db.InvoiceFiles.AsNoTracking()
            .Where(f => f.Kind == InvoiceFile.Ubl).Select(f => f.Content).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(drafts.Count, ubls.Count);
        foreach (var ubl in ubls)
        {
            var xml = new XmlDocument();
            using (var reader = XmlReader.Create(new MemoryStream(ubl), new XmlReaderSettings { CheckCharacters = true }))
            {
                xml.Load(reader);
            }

            Assert.Contains("Bakkerij Peeters", Encoding.UTF8.GetString(ubl), StringComparison.Ordinal);
        }

        Assert.Contains(ubls, u => Encoding.UTF8.GetString(u).Contains("Onderhoud ketel", StringComparison.Ordinal));
        Assert.True((await Invoices.VerifyAsync(company)).Intact);
    }

    private static async Task<JsonElement> Refused(HttpClient client, HttpMethod method, string url, object body, string field, string key)
    {
        using var request = new HttpRequestMessage(method, url)
        {
            Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url}: {(int)response.StatusCode} {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(text).RootElement.GetProperty("errors").Clone();
        Assert.True(errors.TryGetProperty(field, out var messages), $"{method} {url}: no error for {field} in {text}");
        Assert.Contains(new Texts()[key], messages.EnumerateArray().Select(m => m.GetString()));
        return errors;
    }

    private static async Task<string> Text(HttpClient client, string url) => (await client.GetJsonAsync(url)).GetRawText();

    private static async Task<int> Version(HttpClient client, string url) => (await client.GetJsonAsync(url)).GetProperty("version").GetInt32();

    private static Task<int> Count<T>(WerkbonApp app, TestCompany company, Func<AppDb, IQueryable<T>> rows) =>
        app.InCompany(company.Id, (db, _) => rows(db).CountAsync(TestContext.Current.CancellationToken));

    private static Dictionary<string, object?> Customer(string name = "Bakkerij Peeters", string street = "Meir 1", string contact = "An Peeters", string notes = "", int? version = null) => new()
    {
        ["kind"] = "Business",
        ["name"] = name,
        ["enterpriseNumber"] = "0403170701",
        ["language"] = "nl",
        ["billingAddress"] = new Dictionary<string, object?> { ["street"] = street, ["postalCode"] = "2000", ["city"] = "Antwerpen", ["country"] = "BE" },
        ["paymentTermDays"] = 30,
        ["notes"] = notes,
        ["contacts"] = new[] { new { name = contact, role = "Zaakvoerder" } },
        ["version"] = version,
    };

    private static Dictionary<string, object?> Article(string nameFr = "Flexible", int? version = null) => new()
    {
        ["code"] = "INPUT-HOSE",
        ["nameNl"] = "Flexibele slang",
        ["nameFr"] = nameFr,
        ["nameEn"] = "Hose",
        ["unit"] = "C62",
        ["listPrice"] = 9.10m,
        ["vatRate"] = 21m,
        ["kind"] = "Part",
        ["version"] = version,
    };

    private static async Task<Dictionary<string, object?>> WorkOrder(HttpClient client, MasterData data, string description)
    {
        var current = await client.GetJsonAsync($"/api/work-orders/{data.WorkOrderId}");
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(current.GetRawText())!;
        body["description"] = description;
        return body;
    }
}
