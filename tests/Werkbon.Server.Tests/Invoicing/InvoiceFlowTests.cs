using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Invoicing;

/// <summary>From approved reports to drafts, issued invoices and credit notes, as the office sees it.</summary>
public class InvoiceFlowTests
{
    private static async Task<Guid> ApprovedReportAsync(TestCompany company, MasterData data, HttpClient office, int seed)
    {
        var (response, order) = await office.PostJsonAsync("/api/work-orders", new
        {
            customerId = data.CustomerId,
            siteId = data.SiteId,
            description = $"Onderhoud {seed}",
            scheduledStart = "2026-03-10T08:00:00+01:00",
            scheduledEnd = "2026-03-10T10:00:00+01:00",
            assetIds = new[] { data.AssetId },
            technicianIds = new[] { company.Technician.Id },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var signed = SignedReports.Create(order.GetProperty("id").GetGuid(), company.Technician.Id, new Random(seed), articleCode: data.ArticleCode);
        (await (await company.TechnicianAsync()).PushAsync(signed.Document, signed.Hash)).EnsureSuccessStatusCode();
        var approve = await office.PostAsync($"/api/reports/{signed.Document.ReportId}/approve", null, TestContext.Current.CancellationToken);
        Assert.True(approve.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.Conflict);
        return signed.Document.ReportId;
    }

    private static async Task<List<JsonElement>> DraftsAsync(HttpClient office) =>
        [.. (await office.GetJsonAsync("/api/invoices?status=Draft")).GetProperty("items").EnumerateArray()];

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Approved_reports_become_drafts_grouped_as_the_company_chooses(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Grouping");
        var data = await MasterData.CreateAsync(company, "Grp");
        var office = await company.OfficeAsync();
        var first = await ApprovedReportAsync(company, data, office, 1);
        var second = await ApprovedReportAsync(company, data, office, 2);

        // Default: one invoice per work order.
        var perOrder = await DraftsAsync(office);
        Assert.Equal(2, perOrder.Count);
        var reportTotals = await app.InCompany(company.Id, (db, _) => db.Reports.Where(r => r.Id == first || r.Id == second).Select(r => r.PricedTotal).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(reportTotals.Sum(), perOrder.Sum(d => d.GetProperty("total").GetDecimal()));

        async Task Regroup(string grouping)
        {
            var (saved, body) = await office.PutJsonAsync("/api/invoices/settings", new { grouping, invoiceFormat = "{yyyy}/{n:000000}", creditNoteFormat = "CN{yyyy}/{n:000000}" });
            Assert.True(saved.StatusCode == HttpStatusCode.OK, body.ToString());
            (await office.PostAsync("/api/invoices/drafts?regroup=true", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        }

        await Regroup("PerCustomerPerMonth");
        var perMonth = Assert.Single(await DraftsAsync(office));
        var monthDraft = await office.GetJsonAsync($"/api/invoices/{perMonth.GetProperty("id").GetGuid()}");
        Assert.Equal(2, monthDraft.GetProperty("reportIds").GetArrayLength());
        Assert.Equal(reportTotals.Sum(), monthDraft.GetProperty("total").GetDecimal());

        await Regroup("PerCustomerPerWeek");
        Assert.Single(await DraftsAsync(office));

        await Regroup("PerReport");
        Assert.Equal(2, (await DraftsAsync(office)).Count);

        // Deleting a draft frees its report for the next gathering.
        var draft = (await DraftsAsync(office))[0].GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await office.DeleteAsync($"/api/invoices/{draft}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Single(await DraftsAsync(office));
        var (gathered, gatheredBody) = await office.PostJsonAsync("/api/invoices/drafts", new { });
        Assert.Equal(HttpStatusCode.OK, gathered.StatusCode);
        Assert.Equal(1, gatheredBody.GetProperty("reportsGathered").GetInt32());
        Assert.Equal(2, (await DraftsAsync(office)).Count);

        // Bad settings change nothing.
        var (bad, badBody) = await office.PutJsonAsync("/api/invoices/settings", new { grouping = "PerReport", invoiceFormat = "INV-{yyyy}", creditNoteFormat = "CN{n}" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(badBody.GetProperty("errors").TryGetProperty("invoiceFormat", out _));
        Assert.Equal("{yyyy}/{n:000000}", (await office.GetJsonAsync("/api/invoices/settings")).GetProperty("invoiceFormat").GetString());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Issuing_gives_number_communication_and_due_date_and_the_issued_invoice_refuses_every_change(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Issuing");
        var data = await MasterData.CreateAsync(company, "Iss");
        var office = await company.OfficeAsync();
        var report = await ApprovedReportAsync(company, data, office, 7);
        var draft = Assert.Single(await DraftsAsync(office)).GetProperty("id").GetGuid();
        var before = await office.GetJsonAsync($"/api/invoices/{draft}");

        // A draft can still change: a line's price.
        var (changed, changedBody) = await office.PutJsonAsync($"/api/invoices/{draft}/lines/0", new { unitPrice = 70m, version = before.GetProperty("version").GetInt32() });
        Assert.True(changed.StatusCode == HttpStatusCode.OK, changedBody.ToString());
        var line = changedBody.GetProperty("lines")[0];
        Assert.Equal(Core.Money.Round(line.GetProperty("quantity").GetDecimal() * 70m), line.GetProperty("amount").GetDecimal());

        // Bad input: nothing changes.
        var (stale, _) = await office.PutJsonAsync($"/api/invoices/{draft}/lines/0", new { unitPrice = 1m, version = 0 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var (badLine, badLineBody) = await office.PutJsonAsync($"/api/invoices/{draft}/lines/99", new { unitPrice = 1m, version = changedBody.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.BadRequest, badLine.StatusCode);
        Assert.True(badLineBody.GetProperty("errors").TryGetProperty("index", out _));
        var (unknown, _) = await office.PostJsonAsync("/api/invoices/issue", new { ids = new[] { draft, Guid.NewGuid() } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(changedBody.ToString(), (await office.GetJsonAsync($"/api/invoices/{draft}")).ToString());

        var (issued, invoice) = await office.PostJsonAsync($"/api/invoices/{draft}/issue", new { });
        Assert.True(issued.StatusCode == HttpStatusCode.OK, invoice.ToString());
        Assert.Equal("Issued", invoice.GetProperty("status").GetString());
        Assert.Equal("2026/000001", invoice.GetProperty("number").GetString());
        Assert.Equal("2026-03-10", invoice.GetProperty("issueDate").GetString());
        Assert.Equal("2026-04-09", invoice.GetProperty("dueDate").GetString());
        var ogm = invoice.GetProperty("structuredCommunication").GetString()!;
        Assert.Matches(@"^\+\+\+\d{3}/\d{4}/\d{5}\+\+\+$", ogm);
        var digits = ogm.Replace("+", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal);
        var check = long.Parse(digits[..10], System.Globalization.CultureInfo.InvariantCulture) % 97;
        Assert.Equal(check == 0 ? 97 : check, long.Parse(digits[10..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Invoiced", await app.InCompany(company.Id, (db, _) => db.Reports.Where(r => r.Id == report).Select(r => r.Status.ToString()).FirstAsync(TestContext.Current.CancellationToken)));

        // Served as stored, with the hash issued with it.
        foreach (var (kind, hashField) in new[] { ("pdf", "pdfSha256"), ("ubl", "ublSha256") })
        {
            var file = await office.GetAsync($"/api/invoices/{draft}/{kind}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            var bytes = await file.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
            var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            Assert.Equal(invoice.GetProperty(hashField).GetString(), hash);
            Assert.Equal($"\"{hash}\"", file.Headers.ETag?.Tag);
        }

        // An issued invoice never changes.
        var (again, againBody) = await office.PostJsonAsync($"/api/invoices/{draft}/issue", new { });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Contains("2026/000001", againBody.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (edit, _) = await office.PutJsonAsync($"/api/invoices/{draft}/lines/0", new { unitPrice = 1m, version = invoice.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await office.DeleteAsync($"/api/invoices/{draft}/lines/0", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await office.DeleteAsync($"/api/invoices/{draft}", TestContext.Current.CancellationToken)).StatusCode);
        var (bulkAgain, _) = await office.PostJsonAsync("/api/invoices/issue", new { ids = new[] { draft } });
        Assert.Equal(HttpStatusCode.BadRequest, bulkAgain.StatusCode);
        Assert.Equal(invoice.ToString(), (await office.GetJsonAsync($"/api/invoices/{draft}")).ToString());
        Assert.True((await office.GetJsonAsync("/api/invoices/verification")).GetProperty("intact").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_credit_note_corrects_an_issued_invoice_in_full_or_in_part_in_its_own_series(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Credit");
        var customer = await Invoices.CustomerAsync(company);
        var office = await company.OfficeAsync();
        var drafts = await Invoices.DraftsAsync(company, customer, 2);
        (await office.PostJsonAsync("/api/invoices/issue", new { ids = drafts })).Response.EnsureSuccessStatusCode();

        // Full: the first invoice (100.00 + 21 %).
        var (full, fullNote) = await office.PostJsonAsync($"/api/invoices/{drafts[0]}/credit-notes", new { reason = "Dubbel gefactureerd" });
        Assert.True(full.StatusCode == HttpStatusCode.Created, fullNote.ToString());
        Assert.Equal("CN2026/000001", fullNote.GetProperty("number").GetString());
        Assert.Equal("CreditNote", fullNote.GetProperty("kind").GetString());
        Assert.Equal(drafts[0], fullNote.GetProperty("correctsInvoiceId").GetGuid());
        Assert.Equal(121.00m, fullNote.GetProperty("total").GetDecimal());

        // Partial: one of the two radiator valves of the second invoice (20.00 + 6 %).
        var (part, partNote) = await office.PostJsonAsync($"/api/invoices/{drafts[1]}/credit-notes", new { reason = "Eén kraan teruggenomen", lines = new[] { new { index = 1, quantity = 1m } } });
        Assert.True(part.StatusCode == HttpStatusCode.Created, partNote.ToString());
        Assert.Equal("CN2026/000002", partNote.GetProperty("number").GetString());
        Assert.Equal(21.20m, partNote.GetProperty("total").GetDecimal());

        // Bad input: nothing is made.
        var (noReason, _) = await office.PostJsonAsync($"/api/invoices/{drafts[1]}/credit-notes", new { lines = new[] { new { index = 0 } } });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var (badIndex, badIndexBody) = await office.PostJsonAsync($"/api/invoices/{drafts[1]}/credit-notes", new { reason = "x", lines = new[] { new { index = 5 } } });
        Assert.Equal(HttpStatusCode.BadRequest, badIndex.StatusCode);
        Assert.True(badIndexBody.GetProperty("errors").TryGetProperty("lines[0].index", out _));
        var (tooMuch, _) = await office.PostJsonAsync($"/api/invoices/{drafts[1]}/credit-notes", new { reason = "x", lines = new[] { new { index = 1, quantity = 3m } } });
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        var (again, _) = await office.PostJsonAsync($"/api/invoices/{drafts[0]}/credit-notes", new { reason = "Nog eens" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        var (ofNote, _) = await office.PostJsonAsync($"/api/invoices/{fullNote.GetProperty("id").GetGuid()}/credit-notes", new { reason = "x" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ofNote.StatusCode);

        var issued = await Invoices.IssuedAsync(company);
        Assert.Equal(["2026/000001", "2026/000002", "CN2026/000001", "CN2026/000002"], issued.Select(i => i.Number));
        Assert.Equal(4, (await office.GetJsonAsync("/api/invoices")).GetProperty("total").GetInt32());
        Assert.True((await office.GetJsonAsync("/api/invoices/verification")).GetProperty("intact").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_maintenance_subscription_is_invoiced_once_per_period(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Subscriptions");
        var data = await MasterData.CreateAsync(company, "Sub");
        var office = await company.OfficeAsync();
        var (saved, body) = await office.PostJsonAsync("/api/contracts", new
        {
            customerId = data.CustomerId,
            name = "Onderhoud per kwartaal",
            kind = "MaintenanceSubscription",
            startsOn = "2026-01-01",
            subscriptionFee = 150m,
            subscriptionPeriodMonths = 3,
        });
        Assert.True(saved.StatusCode == HttpStatusCode.Created, body.ToString());

        var (march, marchBody) = await office.PostJsonAsync("/api/invoices/subscriptions?period=2026-03", new { });
        Assert.Equal(HttpStatusCode.OK, march.StatusCode);
        Assert.Equal(0, marchBody.GetProperty("created").GetInt32());
        var (april, aprilBody) = await office.PostJsonAsync("/api/invoices/subscriptions?period=2026-04", new { });
        Assert.Equal(HttpStatusCode.OK, april.StatusCode);
        Assert.Equal(1, aprilBody.GetProperty("created").GetInt32());
        var (twice, twiceBody) = await office.PostJsonAsync("/api/invoices/subscriptions?period=2026-04", new { });
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Equal(0, twiceBody.GetProperty("created").GetInt32());
        var draft = await office.GetJsonAsync($"/api/invoices/{aprilBody.GetProperty("draftIds")[0].GetGuid()}");
        Assert.Equal(181.50m, draft.GetProperty("total").GetDecimal());

        // A contractor that files periodic VAT returns pays the fee under reverse charge, with the legal mention.
        var (contractor, contractorBody) = await office.PostJsonAsync("/api/customers", new
        {
            kind = "Business", name = "Bouw SRL", enterpriseNumber = "0123456749", vatNumber = "BE0123456749", filesPeriodicVatReturns = true, language = "fr",
            billingAddress = new { street = "Rue 1", postalCode = "1000", city = "Bruxelles", country = "BE" }, paymentTermDays = 30,
        });
        Assert.True(contractor.StatusCode == HttpStatusCode.Created, contractorBody.ToString());
        var (contract, contractBody) = await office.PostJsonAsync("/api/contracts", new
        {
            customerId = contractorBody.GetProperty("id").GetGuid(), name = "Entretien", kind = "MaintenanceSubscription", startsOn = "2026-05-01", subscriptionFee = 200m, subscriptionPeriodMonths = 12,
        });
        Assert.True(contract.StatusCode == HttpStatusCode.Created, contractBody.ToString());
        var (may, mayBody) = await office.PostJsonAsync("/api/invoices/subscriptions?period=2026-05", new { });
        Assert.Equal(HttpStatusCode.OK, may.StatusCode);
        var reverse = mayBody.GetProperty("draftIds")[0].GetGuid();
        var reverseDraft = await office.GetJsonAsync($"/api/invoices/{reverse}");
        Assert.Equal((200m, 0m, 200m), (reverseDraft.GetProperty("net").GetDecimal(), reverseDraft.GetProperty("vat").GetDecimal(), reverseDraft.GetProperty("total").GetDecimal()));
        Assert.Equal("AE", reverseDraft.GetProperty("lines")[0].GetProperty("vatCategory").GetString());
        var (issued, issuedBody) = await office.PostJsonAsync($"/api/invoices/{reverse}/issue", new { });
        Assert.True(issued.StatusCode == HttpStatusCode.OK, issuedBody.ToString());
        var xml = System.Xml.Linq.XDocument.Load(await (await office.GetAsync($"/api/invoices/{reverse}/ubl", TestContext.Current.CancellationToken)).Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        Assert.Empty(Core.Invoicing.PeppolRules.Check(xml));
        Assert.Contains(xml.Descendants(), e => e.Name.LocalName == "TaxExemptionReasonCode" && e.Value == "VATEX-EU-AE");
        Assert.Contains(xml.Descendants(), e => e.Name.LocalName == "Note" && e.Value.Contains("Autoliquidation", StringComparison.Ordinal));

        var (bad, _) = await office.PostJsonAsync("/api/invoices/subscriptions?period=april", new { });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
