using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Reports;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Invoicing;

/// <summary>
/// A corpus of invoices and credit notes issued through the API, every UBL file it produces run through the official
/// Peppol validation (XSD, CEN EN 16931, Peppol BIS Billing 3.0). Private customers have no Peppol address: their
/// documents have a PDF and no UBL, on every surface.
/// </summary>
public class OfficialValidationTests
{
    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    /// <summary>Exactly 300 characters: markup characters, quotes, accents, ligatures and emoji.</summary>
    private static readonly string LongDescription = Long("Vervanging circulatiepomp & expansievat <DN25> \"Grundfos\" 'Alpha2' — café, façade, naïve, Ærø, œuvre, Straße 🔧🔥🚿 ");

    private static string Long(string start)
    {
        var text = start;
        while (text.Length < 300)
        {
            text += " onderdeel";
        }

        return text[..300];
    }

    private sealed record Party(Guid CustomerId, Guid SiteId, bool Business);

    [Fact]
    public async Task Every_UBL_issued_passes_the_official_Peppol_validation_and_private_customers_get_a_PDF_without_UBL()
    {
        var script = OfficialValidation.Script();
        var ct = TestContext.Current.CancellationToken;
        using var app = await WerkbonApp.StartAsync(DatabaseProvider.Sqlite);
        var company = await app.CreateCompanyAsync("Janssens");
        await app.InCompany(company.Id, async (db, _) =>
        {
            var row = await db.Companies.SingleAsync(c => c.Id == company.Id, ct);
            row.LegalName = "Janssens & Zonen <Verwarming> BV";
            row.Iban = "BE68 5390 0754 7034";
            row.Bic = "TRIOBEBB";
            row.Email = "factuur@janssens.example";
            row.Phone = "+32 15 12 34 56";
            return await db.SaveChangesAsync(ct);
        });
        var office = await company.OfficeAsync();
        var technician = await company.TechnicianAsync();

        // Customers: businesses in Dutch, French (reverse charge) and English (abroad, its own Peppol scheme); private ones in French and English.
        var bakery = await PartyAsync(office, new
        {
            kind = "Business", name = "Bakkerij Peeters & Zonen <Antwerpen>", enterpriseNumber = "0403170701", language = "nl",
            billingAddress = new { street = "Meir 1", postalCode = "2000", city = "Antwerpen", country = "BE" }, email = "boekhouding@peeters.example", paymentTermDays = 30,
        }, privateHome: false);
        var builder = await PartyAsync(office, new
        {
            kind = "Business", name = "Société d'Électricité « Lumière » SRL", enterpriseNumber = "0123456749", filesPeriodicVatReturns = true, language = "fr",
            billingAddress = new { street = "Rue de l'Été 12", postalCode = "1050", city = "Ixelles", country = "BE" }, paymentTermDays = 30,
        }, privateHome: false);
        var dutch = await PartyAsync(office, new
        {
            kind = "Business", name = "O'Neill \"Heating\" B.V.", vatNumber = "NL854126375B01", peppolEndpoint = "9944:NL854126375B01", language = "en",
            billingAddress = new { street = "Ettensebaan 24", postalCode = "4812 XB", city = "Breda", country = "NL" }, paymentTermDays = 30,
        }, privateHome: false);
        var eloise = await PartyAsync(office, new
        {
            kind = "Private", name = "Éloïse Dupont-Lefèvre 🏠", language = "fr",
            billingAddress = new { street = "Avenue Louise 5", postalCode = "1050", city = "Ixelles", country = "BE" }, email = "eloise@example.be", paymentTermDays = 14,
        }, privateHome: true);
        var zoe = await PartyAsync(office, new
        {
            kind = "Private", name = "Zoë O'Brien & Co <home>", language = "en",
            billingAddress = new { street = "Dorp 3", postalCode = "9000", city = "Gent", country = "BE" }, email = "zoe@example.be", paymentTermDays = 14,
        }, privateHome: false);

        var part21 = await ArticleAsync(office, "P21", "Flexibele slang 1/2\" & koppeling <DN15>", "Flexible 1/2\" & raccord <DN15>", "Hose 1/2\" & coupling <DN15>", 21m, "C62", 8.40m);
        var part6 = await ArticleAsync(office, "P6", "Radiatorkraan «thermostatisch»", "Robinet de radiateur «thermostatique»", "Radiator valve 'thermostatic'", 6m, "C62", 42.50m);
        var part0 = await ArticleAsync(office, "P0", "Handleiding — café-editie", "Manuel — édition café", "Manual — café edition", 0m, "C62", 12m);
        var pipe = await ArticleAsync(office, "PIPE", "Koperbuis 15 mm", "Tube cuivre 15 mm", "Copper pipe 15 mm", 21m, "MTR", 6.25m);

        ReportMaterial Part(string code, decimal quantity, string unit = "C62") => new(Guid.CreateVersion7(), code, code, quantity, unit, false, null, false);
        ReportMaterial FreeText(string description, decimal price) => new(Guid.CreateVersion7(), null, description, 1m, "C62", true, price, true);

        // Reports, one draft each: mixed 21/6/0, zero-rated, reverse charge, 21 % abroad with a 300-character line, 6 % with the statement, 21 % private.
        var mixed = await ReportAsync(company, office, technician, bakery, 1, [Part(part21, 2), Part(part6, 1), Part(part0, 1), Part(pipe, 3.5m, "MTR")]);
        var zero = await ReportAsync(company, office, technician, bakery, 2, [Part(part0, 3)]);
        var reverse = await ReportAsync(company, office, technician, builder, 3, [Part(part21, 1), FreeText("Disjoncteur « différentiel » 30 mA & bornier <4P> ⚡", 64.90m)]);
        var abroad = await ReportAsync(company, office, technician, dutch, 4, [Part(part21, 1), FreeText("Thermostat \"Comfort\" & <valve> 🔥", 28.50m)]);
        var renovation = await ReportAsync(company, office, technician, eloise, 5, [Part(part6, 2)], sixPercentStatement: true);
        var consumer = await ReportAsync(company, office, technician, zoe, 6, [Part(part21, 1)]);

        // The zero-rated invoice keeps its zero-rated line only; the line abroad gets a 300-character description.
        var zeroDraft = await DraftOfAsync(office, zero);
        while ((await office.GetJsonAsync($"/api/invoices/{zeroDraft}")).GetProperty("lines").EnumerateArray().ToList() is var lines
            && lines.FindIndex(l => l.GetProperty("vatCategory").GetString() != "Z") is var index and >= 0)
        {
            Assert.Equal(HttpStatusCode.OK, (await office.DeleteAsync($"/api/invoices/{zeroDraft}/lines/{index}", ct)).StatusCode);
        }

        var abroadDraft = await DraftOfAsync(office, abroad);
        var abroadVersion = (await office.GetJsonAsync($"/api/invoices/{abroadDraft}")).GetProperty("version").GetInt32();
        var (described, describedBody) = await office.PutJsonAsync($"/api/invoices/{abroadDraft}/lines/0", new { description = LongDescription, version = abroadVersion });
        Assert.True(described.StatusCode == HttpStatusCode.OK, describedBody.ToString());

        // Subscriptions: a Dutch one at 21 % and a French one under reverse charge.
        foreach (var (party, name) in new[] { (bakery, "Onderhoud & controle <ketel> 🔧"), (builder, "Entretien « chaudière » & contrôle") })
        {
            var (contract, contractBody) = await office.PostJsonAsync("/api/contracts", new
            {
                customerId = party.CustomerId, name, kind = "MaintenanceSubscription", startsOn = "2026-01-01", subscriptionFee = 150m, subscriptionPeriodMonths = 3,
            });
            Assert.True(contract.StatusCode == HttpStatusCode.Created, contractBody.ToString());
        }

        var (subscriptions, subscriptionsBody) = await office.PostJsonAsync("/api/invoices/subscriptions?period=2026-04", new { });
        Assert.True(subscriptions.StatusCode == HttpStatusCode.OK, subscriptionsBody.ToString());
        Assert.Equal(2, subscriptionsBody.GetProperty("created").GetInt32());

        var drafts = (await office.GetJsonAsync("/api/invoices?status=Draft&pageSize=100")).GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(8, drafts.Count);
        var (issued, issuedBody) = await office.PostJsonAsync("/api/invoices/issue", new { ids = drafts });
        Assert.True(issued.StatusCode == HttpStatusCode.OK, issuedBody.ToString());

        // Credit notes: in full and in part, to businesses and to a private customer.
        var mixedInvoice = await DraftOfAsync(office, mixed, status: "Issued");
        var reverseInvoice = await DraftOfAsync(office, reverse, status: "Issued");
        var renovationInvoice = await DraftOfAsync(office, renovation, status: "Issued");
        var subscriptionInvoices = subscriptionsBody.GetProperty("draftIds").EnumerateArray().Select(d => d.GetGuid()).ToList();
        foreach (var (invoice, body) in new (Guid, object)[]
        {
            (mixedInvoice, new { reason = "Dubbel gefactureerd & teruggestort" }),
            (reverseInvoice, new { reason = "Un disjoncteur « repris »", lines = new[] { new { index = 0, quantity = 1m } } }),
            (abroadDraft, new { reason = "Description \"corrected\" <once>", lines = new[] { new { index = 0, quantity = 0.5m } } }),
            (renovationInvoice, new { reason = "Annulée à la demande de la cliente" }),
            (subscriptionInvoices[0], new { reason = "Eén maand niet uitgevoerd", lines = new[] { new { index = 0, quantity = 0.25m } } }),
        })
        {
            var (credited, creditBody) = await office.PostJsonAsync($"/api/invoices/{invoice}/credit-notes", body);
            Assert.True(credited.StatusCode == HttpStatusCode.Created, creditBody.ToString());
        }

        // Every issued document: a business gets its UBL, a private customer none, said the same way by the API.
        var privateCustomers = new HashSet<Guid> { eloise.CustomerId, zoe.CustomerId };
        var documents = (await office.GetJsonAsync("/api/invoices?status=Issued&pageSize=100")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(13, documents.Count);
        var folder = Directory.CreateTempSubdirectory("werkbon-ubl-");
        var files = new List<string>();
        var withoutUbl = new List<string>();
        var categories = new HashSet<string>(StringComparer.Ordinal);
        var longNameFound = false;
        try
        {
            foreach (var document in documents)
            {
                var id = document.GetProperty("id").GetGuid();
                var number = document.GetProperty("number").GetString()!;
                var details = await office.GetJsonAsync($"/api/invoices/{id}");
                var pdf = await office.GetAsync($"/api/invoices/{id}/pdf", ct);
                Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
                var ubl = await office.GetAsync($"/api/invoices/{id}/ubl", ct);
                if (privateCustomers.Contains(details.GetProperty("customerId").GetGuid()))
                {
                    Assert.Equal(HttpStatusCode.NotFound, ubl.StatusCode);
                    Assert.Contains(number, (await ubl.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
                    Assert.Equal(JsonValueKind.Null, details.GetProperty("ublSha256").ValueKind);
                    withoutUbl.Add(number);
                    continue;
                }

                Assert.Equal(HttpStatusCode.OK, ubl.StatusCode);
                var bytes = await ubl.Content.ReadAsByteArrayAsync(ct);
                var xml = XDocument.Load(new MemoryStream(bytes));
                Assert.Empty(PeppolSchemas.XsdErrors(xml));
                Assert.Empty(PeppolRules.Check(xml));
                categories.UnionWith(xml.Root!.Elements(Cac + "TaxTotal").Elements(Cac + "TaxSubtotal").Elements(Cac + "TaxCategory")
                    .Select(c => $"{c.Element(Cbc + "ID")!.Value} {c.Element(Cbc + "Percent")!.Value}"));
                longNameFound |= xml.Descendants(Cac + "Item").Elements(Cbc + "Name").Any(n => n.Value == LongDescription);
                var path = Path.Combine(folder.FullName, number.Replace('/', '-') + ".xml");
                await File.WriteAllBytesAsync(path, bytes, ct);
                files.Add(path);
            }

            // The corpus holds what it claims: 21 %, 6 %, 0 % zero-rated, reverse charge, the 300-character text, invoices and credit notes.
            Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "S 21", "S 6", "Z 0", "AE 0" }, categories);
            Assert.True(longNameFound, "the 300-character description is in a UBL, unchanged");
            Assert.Equal(3, withoutUbl.Count);
            Assert.Equal(10, files.Count);
            Assert.Contains(files, f => Path.GetFileName(f).StartsWith("CN", StringComparison.Ordinal));
            Assert.True((await office.GetJsonAsync("/api/invoices/verification")).GetProperty("intact").GetBoolean());

            var (exitCode, output) = await OfficialValidation.RunAsync(script, files, ct);
            TestContext.Current.TestOutputHelper?.WriteLine(output);
            Assert.True(exitCode == 0, output);
            Assert.Contains($"official validation: {files.Count}/{files.Count} files pass", output, StringComparison.Ordinal);
            Assert.DoesNotContain("xsd=FAIL", output, StringComparison.Ordinal);
            Assert.All(files, f => Assert.Contains($"{Path.GetFileName(f)}: xsd=ok fatal=0", output, StringComparison.Ordinal));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<Party> PartyAsync(HttpClient office, object customer, bool privateHome)
    {
        var (created, body) = await office.PostJsonAsync("/api/customers", customer);
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        var id = body.GetProperty("id").GetGuid();
        var address = body.GetProperty("billingAddress");
        var (site, siteBody) = await office.PostJsonAsync("/api/sites", new
        {
            customerId = id,
            name = "Hoofdzetel",
            address = new { street = address.GetProperty("street").GetString(), postalCode = address.GetProperty("postalCode").GetString(), city = address.GetProperty("city").GetString(), country = address.GetProperty("country").GetString() },
            distanceKm = 12.5m,
            isPrivateHome = privateHome,
            firstOccupiedYear = privateHome ? 1990 : (int?)null,
        });
        Assert.True(site.StatusCode == HttpStatusCode.Created, siteBody.ToString());
        return new Party(id, siteBody.GetProperty("id").GetGuid(), !privateHome && body.GetProperty("kind").GetString() == "Business");
    }

    private static async Task<string> ArticleAsync(HttpClient office, string code, string nl, string fr, string en, decimal vatRate, string unit, decimal price)
    {
        var (created, body) = await office.PostJsonAsync("/api/articles", new
        {
            code, nameNl = nl, nameFr = fr, nameEn = en, unit, listPrice = price, vatRate, category = "parts", kind = "Part",
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, body.ToString());
        return code;
    }

    /// <summary>A work order for the party, its signed report pushed by the technician and approved by the office.</summary>
    private static async Task<Guid> ReportAsync(TestCompany company, HttpClient office, HttpClient technician, Party party, int seed, IReadOnlyList<ReportMaterial> materials, bool sixPercentStatement = false)
    {
        var (response, order) = await office.PostJsonAsync("/api/work-orders", new
        {
            customerId = party.CustomerId,
            siteId = party.SiteId,
            description = $"Onderhoud {seed}: ketel & leidingen <kelder>",
            scheduledStart = "2026-03-10T08:00:00+01:00",
            scheduledEnd = "2026-03-10T10:00:00+01:00",
            technicianIds = new[] { company.Technician.Id },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, order.ToString());
        var signed = SignedReports.Create(order.GetProperty("id").GetGuid(), company.Technician.Id, new Random(seed), photos: 0);
        var document = signed.Document with
        {
            Materials = materials,
            SixPercentStatementConfirmed = sixPercentStatement,
            WorkDone = "Brander gereinigd & lekdicht gemaakt <OK> — « parfait » 👍",
        };
        (await technician.PushAsync(document, ReportHash.Compute(document))).EnsureSuccessStatusCode();
        var approve = await office.PostAsync($"/api/reports/{document.ReportId}/approve", null, TestContext.Current.CancellationToken);
        Assert.True(approve.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Conflict, await approve.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return document.ReportId;
    }

    private static async Task<Guid> DraftOfAsync(HttpClient office, Guid reportId, string status = "Draft")
    {
        foreach (var item in (await office.GetJsonAsync($"/api/invoices?status={status}&kind=Invoice&pageSize=100")).GetProperty("items").EnumerateArray())
        {
            var id = item.GetProperty("id").GetGuid();
            if ((await office.GetJsonAsync($"/api/invoices/{id}")).GetProperty("reportIds").EnumerateArray().Any(r => r.GetGuid() == reportId))
            {
                return id;
            }
        }

        throw new InvalidOperationException($"No {status} invoice holds report {reportId}.");
    }
}
