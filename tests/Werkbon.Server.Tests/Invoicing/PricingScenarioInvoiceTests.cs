using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Invoicing;

/// <summary>The six scenarios of pricing.md, each from a signed report on the device to an issued invoice whose PDF and UBL add up to the cent.</summary>
public class PricingScenarioInvoiceTests
{
    private static readonly TimeSpan Brussels = TimeSpan.FromHours(1);
    private static readonly TimeSpan BrusselsSummer = TimeSpan.FromHours(2);

    private sealed record Scenario(
        string Name, string Customer, DateOnly Day, TimeSpan Offset, TimeOnly Start, TimeOnly End, string TechnicianClass, decimal Km,
        (string Code, decimal Quantity)[] Materials, bool SixPercent, decimal[] Amounts, decimal Net, decimal Vat, decimal Total);

    private static readonly Scenario[] Scenarios =
    [
        new("V1", "business", new(2026, 3, 10), Brussels, new(9, 12), new(10, 5), "technician", 12, [("HOSE", 2), ("BALL", 1)], false, [60.00m, 30.00m, 16.80m, 14.95m], 121.75m, 25.57m, 147.32m),
        new("V2", "business", new(2026, 3, 12), Brussels, new(16, 20), new(17, 50), "technician", 22, [], false, [40.00m, 75.00m, 45.00m], 160.00m, 33.60m, 193.60m),
        new("V3", "business", new(2026, 4, 6), BrusselsSummer, new(8, 0), new(9, 30), "senior", 8, [], false, [216.00m, 30.00m], 246.00m, 51.66m, 297.66m),
        new("V4", "home", new(2026, 3, 11), Brussels, new(13, 0), new(15, 40), "technician", 5, [("RADV", 1)], true, [165.00m, 30.00m, 42.50m], 237.50m, 14.25m, 251.75m),
        new("V5", "contractor", new(2026, 3, 17), Brussels, new(8, 0), new(12, 0), "technician", 18, [("BOIL", 1)], false, [240.00m, 45.00m, 1850.00m], 2135.00m, 0.00m, 2135.00m),
        new("V6", "gold", new(2026, 3, 13), Brussels, new(14, 5), new(14, 50), "technician", 9, [("PTFE", 3)], false, [41.25m, 25.00m, 5.67m], 71.92m, 15.10m, 87.02m),
    ];

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Each_pricing_scenario_becomes_an_issued_invoice_with_the_same_totals_to_the_cent_and_a_valid_peppol_file(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Scenarios");
        var office = await company.OfficeAsync();
        var technician = await company.TechnicianAsync();
        (await office.PutJsonAsync("/api/invoices/settings", new { grouping = "PerReport", invoiceFormat = "{yyyy}/{n:000000}", creditNoteFormat = "CN{yyyy}/{n:000000}" })).Response.EnsureSuccessStatusCode();
        foreach (var (code, name, price) in new[] { ("HOSE", "Slang", 8.40m), ("BALL", "Kogelkraan", 14.95m), ("RADV", "Radiatorkraan", 42.50m), ("BOIL", "Ketel", 1850.00m), ("PTFE", "PTFE-tape", 2.10m) })
        {
            await Created(office.PostJsonAsync("/api/articles", new { code, nameNl = name, nameEn = name, unit = "C62", listPrice = price, vatRate = 21m, kind = "Part", category = "parts" }));
        }

        var address = new { street = "Straat 1", postalCode = "2800", city = "Mechelen", country = "BE" };
        async Task<(Guid Customer, Guid Site)> Customer(object customer, bool privateHome, int? builtIn, decimal km)
        {
            var id = await Created(office.PostJsonAsync("/api/customers", customer));
            var site = await Created(office.PostJsonAsync("/api/sites", new
            {
                customerId = id, name = "Site", distanceKm = km, isPrivateHome = privateHome, firstOccupiedYear = builtIn, address,
            }));
            return (id, site);
        }

        var customers = new Dictionary<string, (Guid Customer, Guid Site)>
        {
            ["business"] = await Customer(new { kind = "Business", name = "Winkel NV", enterpriseNumber = "0403170701", vatNumber = "BE0403170701", language = "en", billingAddress = address, paymentTermDays = 30 }, false, null, 12m),
            ["contractor"] = await Customer(new { kind = "Business", name = "Bouw BV", enterpriseNumber = "0123456749", vatNumber = "BE0123456749", filesPeriodicVatReturns = true, language = "nl", billingAddress = address, paymentTermDays = 30 }, false, null, 18m),
            ["home"] = await Customer(new { kind = "Private", name = "Familie Peeters", email = "peeters@example.be", language = "nl", billingAddress = address, paymentTermDays = 14 }, true, 1985, 5m),
            ["gold"] = await Customer(new { kind = "Business", name = "Gold NV", enterpriseNumber = "0403170701", vatNumber = "BE0403170701", language = "nl", billingAddress = address, paymentTermDays = 30 }, false, null, 9m),
        };
        await Created(office.PostJsonAsync("/api/contracts", new
        {
            customerId = customers["gold"].Customer, name = "Gold", kind = "MaintenanceSubscription", startsOn = "2026-01-01",
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

        var random = new Random(6);
        foreach (var s in Scenarios)
        {
            var (customer, site) = customers[s.Customer];
            var order = await Created(office.PostJsonAsync("/api/work-orders", new
            {
                customerId = customer, siteId = site, description = s.Name,
                scheduledStart = new DateTimeOffset(s.Day.ToDateTime(s.Start), s.Offset), scheduledEnd = new DateTimeOffset(s.Day.ToDateTime(s.End), s.Offset),
                technicianIds = new[] { company.Technician.Id },
            }));
            var signature = SignedReports.Png(random);
            var document = new ReportDocument(
                ReportDocument.CurrentVersion, Guid.CreateVersion7(), order, company.Technician.Id, s.TechnicianClass, s.Day,
                [new(Guid.CreateVersion7(), new DateTimeOffset(s.Day.ToDateTime(s.Start), s.Offset), new DateTimeOffset(s.Day.ToDateTime(s.End), s.Offset), TimeEntryKind.Work, false, null)],
                s.Km,
                [.. s.Materials.Select(m => new ReportMaterial(Guid.CreateVersion7(), m.Code, m.Code, m.Quantity, "C62", false, null, false))],
                s.Name, "", [], [], false, null, s.SixPercent,
                new ReportSignature("Els Janssens", new DateTimeOffset(s.Day.ToDateTime(s.End), s.Offset).AddMinutes(5), PhotoHash.Compute(signature), false, null));
            var pushed = await technician.PushAsync(document, ReportHash.Compute(document));
            Assert.True(pushed.IsSuccessStatusCode, $"{s.Name}: {await pushed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
            var approved = await office.PostAsync($"/api/reports/{document.ReportId}/approve", null, TestContext.Current.CancellationToken);
            Assert.True(approved.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Conflict, s.Name);

            var draft = await app.InCompany(company.Id, (db, _) => db.InvoiceSources.Where(x => x.ReportId == document.ReportId).Select(x => x.InvoiceId).FirstAsync(TestContext.Current.CancellationToken));
            var (issued, invoice) = await office.PostJsonAsync($"/api/invoices/{draft}/issue", new { });
            Assert.True(issued.StatusCode == HttpStatusCode.OK, $"{s.Name}: {invoice}");
            Assert.Equal(s.Amounts, invoice.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("amount").GetDecimal()));
            Assert.Equal((s.Name, s.Net, s.Vat, s.Total), (s.Name, invoice.GetProperty("net").GetDecimal(), invoice.GetProperty("vat").GetDecimal(), invoice.GetProperty("total").GetDecimal()));

            // A private customer has no Peppol address: no UBL, the PDF is the invoice.
            var ubl = await office.GetAsync($"/api/invoices/{draft}/ubl", TestContext.Current.CancellationToken);
            if (s.Customer == "home")
            {
                Assert.Equal(HttpStatusCode.NotFound, ubl.StatusCode);
            }
            else
            {
                var xml = XDocument.Load(await ubl.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
                Assert.Empty(PeppolRules.Check(xml));
                Assert.Empty(PeppolSchemas.XsdErrors(xml));
                XNamespace cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";
                Assert.Equal(s.Total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), xml.Descendants(cbc + "PayableAmount").Single().Value);
            }

            // The PDF the customer reads says the same: number, totals, structured communication, who signed.
            var pdf = await office.GetAsync($"/api/invoices/{draft}/pdf", TestContext.Current.CancellationToken);
            using var read = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            var text = string.Concat(read.GetPages().Select(p => p.Text));
            var english = s.Customer == "business";
            string Money(decimal amount) => amount.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture) switch
            {
                var n when english => $"€{n}",
                var n => $"{n.Replace(',', '_').Replace('.', ',').Replace('_', '.')} €",
            };
            Assert.Contains($"{(english ? "Invoice" : "Factuur")} {invoice.GetProperty("number").GetString()}", text, StringComparison.Ordinal);
            Assert.Contains(StructuredCommunication.Parse(invoice.GetProperty("structuredCommunication").GetString()!).ToString(), text, StringComparison.Ordinal);
            Assert.Contains("Els Janssens", text, StringComparison.Ordinal);
            foreach (var amount in new[] { s.Net, s.Vat, s.Total }.Concat(s.Amounts))
            {
                Assert.Contains(Money(amount), text, StringComparison.Ordinal);
            }
        }

        Assert.True((await office.GetJsonAsync("/api/invoices/verification")).GetProperty("intact").GetBoolean());
    }

    private static async Task<Guid> Created(Task<(HttpResponseMessage Response, JsonElement Body)> call)
    {
        var (response, body) = await call;
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetGuid();
    }
}
