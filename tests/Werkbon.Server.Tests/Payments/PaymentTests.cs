using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Tests.Banking;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.Invoicing;

namespace Werkbon.Server.Tests.Payments;

/// <summary>
/// Money in: invoices issued through the API, paid through CAMT.053 and CODA statements written to the
/// formats' specifications, imported through the API; the invoices' standing follows.
/// </summary>
public class PaymentTests
{
    private const string CustomerAccount = "BE68539007547034";

    private sealed record Issued(Guid Id, string Number, decimal Total, string Ogm);

    private static async Task<(WerkbonApp App, TestCompany Company, HttpClient Office, Guid Customer)> StartAsync(DatabaseProvider provider, string name = "Betalingen")
    {
        var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync(name);
        await app.InCompany(company.Id, async (db, _) =>
        {
            var row = await db.Companies.SingleAsync(c => c.Id == company.Id, TestContext.Current.CancellationToken);
            row.Iban = "BE71 0961 2345 6769";
            row.Bic = "GKCCBEBB";
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return (app, company, await company.OfficeAsync(), await Invoices.CustomerAsync(company));
    }

    private static async Task<List<Issued>> IssueAsync(WerkbonApp app, TestCompany company, HttpClient office, Guid customer, int count)
    {
        var drafts = await Invoices.DraftsAsync(company, customer, count);
        var issued = new List<Issued>();
        foreach (var id in drafts)
        {
            var response = await office.PostAsync($"/api/invoices/{id}/issue", null, TestContext.Current.CancellationToken);
            var body = await response.ReadJsonAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
            issued.Add(new Issued(id, body.GetProperty("number").GetString()!, body.GetProperty("total").GetDecimal(),
                StructuredCommunication.Parse(body.GetProperty("structuredCommunication").GetString()!).Digits));
        }

        return issued;
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> ImportAsync(HttpClient office, string file, string name = "statement")
    {
        using var content = new ByteArrayContent(StatementFiles.Bytes(file));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await office.PostAsync($"/api/bank-statements?fileName={name}", content, TestContext.Current.CancellationToken);
        return (response, await response.ReadJsonAsync());
    }

    private static async Task<JsonElement> StandingAsync(HttpClient office, Guid invoice) => await office.GetJsonAsync($"/api/invoices/{invoice}/payments");

    private static Task<int[]> CountsAsync(WerkbonApp app, TestCompany company) =>
        app.InCompany(company.Id, async (db, _) => new[]
        {
            await db.BankStatementImports.CountAsync(TestContext.Current.CancellationToken),
            await db.BankLines.CountAsync(TestContext.Current.CancellationToken),
            await db.Payments.CountAsync(TestContext.Current.CancellationToken),
        });

    private static string Typo(string ogm) => ogm[..9] + (ogm[9] == '9' ? '0' : '9') + ogm[10..];

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_camt_and_a_coda_statement_pay_issued_invoices_exactly_partly_over_and_by_proposal(DatabaseProvider provider)
    {
        var (app, company, office, customer) = await StartAsync(provider);
        using var running = app;
        var invoices = await IssueAsync(app, company, office, customer, 4);
        var (a, b, c, d) = (invoices[0], invoices[1], invoices[2], invoices[3]);
        Assert.Equal(121.00m, a.Total);
        Assert.Equal(163.40m, b.Total);

        // Day 1 in CAMT.053: A paid in full from the customer's account, B partly with the OGM typed as free text, an unknown payer.
        var camt = StatementFiles.Camt053(
        [
            new Transfer(121.00m, Structured: a.Ogm, Name: "Bakkerij Peeters", Iban: CustomerAccount),
            new Transfer(100.00m, Free: $"factuur {StructuredCommunication.Parse(b.Ogm)} deel 1", Name: "Bakkerij Peeters", Iban: CustomerAccount),
            new Transfer(75.25m, Free: "huur garage", Name: "Iemand Anders", Iban: "BE43068999999501"),
        ], version: 8);
        var (imported, body) = await ImportAsync(office, camt, "day1.xml");
        Assert.True(imported.StatusCode == HttpStatusCode.Created, body.ToString());
        var statement = body.GetProperty("statements")[0];
        Assert.Equal(3, statement.GetProperty("movements").GetInt32());
        Assert.Equal(2, statement.GetProperty("matched").GetInt32());
        Assert.Equal(1, statement.GetProperty("open").GetInt32());

        // Day 2 in CODA: one batch with C paid with a typo in the check digits, and D overpaid.
        var coda = StatementFiles.Coda(
        [
            new Batch([
                new Transfer(121.00m, Structured: Typo(c.Ogm), Name: "BAKKERIJ PEETERS", Iban: CustomerAccount),
                new Transfer(200.00m, Structured: d.Ogm, Name: "BAKKERIJ PEETERS", Iban: CustomerAccount),
            ]),
        ], opening: 1296.25m, day: new DateOnly(2026, 12, 3), sequence: 43);
        (imported, body) = await ImportAsync(office, coda, "day2.cod");
        Assert.True(imported.StatusCode == HttpStatusCode.Created, body.ToString());
        statement = body.GetProperty("statements")[0];
        Assert.Equal(2, statement.GetProperty("movements").GetInt32());
        Assert.Equal(1, statement.GetProperty("matched").GetInt32());
        Assert.Equal(1, statement.GetProperty("proposed").GetInt32());

        Assert.Equal("Paid", (await StandingAsync(office, a.Id)).GetProperty("state").GetString());
        var standingB = await StandingAsync(office, b.Id);
        Assert.Equal("PartlyPaid", standingB.GetProperty("state").GetString());
        Assert.Equal(63.40m, standingB.GetProperty("outstanding").GetDecimal());
        var standingD = await StandingAsync(office, d.Id);
        Assert.Equal("Overpaid", standingD.GetProperty("state").GetString());
        Assert.Equal(-36.60m, standingD.GetProperty("outstanding").GetDecimal());
        Assert.Equal("Unpaid", (await StandingAsync(office, c.Id)).GetProperty("state").GetString());

        // The reconciliation list: C's payment proposed (the payer's account is known from A), the unknown payer open.
        var waiting = await office.GetJsonAsync("/api/bank-lines");
        Assert.Equal(2, waiting.GetArrayLength());
        var proposal = waiting.EnumerateArray().Single(l => l.GetProperty("state").GetString() == "Proposed");
        Assert.Equal(c.Id, proposal.GetProperty("proposedInvoiceId").GetGuid());
        Assert.Equal(c.Number, proposal.GetProperty("proposedInvoiceNumber").GetString());
        var confirmed = await office.PostAsync($"/api/bank-lines/{proposal.GetProperty("id").GetGuid()}/confirm", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("Paid", (await StandingAsync(office, c.Id)).GetProperty("state").GetString());

        // Confirming twice books nothing twice.
        var again = await office.PostAsync($"/api/bank-lines/{proposal.GetProperty("id").GetGuid()}/confirm", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(121.00m, (await StandingAsync(office, c.Id)).GetProperty("paid").GetDecimal());

        // The unknown payer: parts that do not add up are refused and change nothing; then split over B and D.
        var open = (await office.GetJsonAsync("/api/bank-lines")).EnumerateArray().Single();
        var openId = open.GetProperty("id").GetGuid();
        var (refused, problem) = await office.PostJsonAsync($"/api/bank-lines/{openId}/match", new { allocations = new[] { new { invoiceId = b.Id, amount = 63.40m } } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("allocations", out _), problem.ToString());
        Assert.Equal(63.40m, (await StandingAsync(office, b.Id)).GetProperty("outstanding").GetDecimal());
        var (split, _) = await office.PostJsonAsync($"/api/bank-lines/{openId}/match", new { allocations = new[] { new { invoiceId = b.Id, amount = 63.40m }, new { invoiceId = d.Id, amount = 11.85m } } });
        Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        Assert.Equal("Paid", (await StandingAsync(office, b.Id)).GetProperty("state").GetString());
        Assert.Empty((await office.GetJsonAsync("/api/bank-lines")).EnumerateArray());

        // Importing the same statement again changes nothing.
        var before = await CountsAsync(app, company);
        var (duplicate, duplicateBody) = await ImportAsync(office, coda, "day2-again.cod");
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("application/problem+json", duplicate.Content.Headers.ContentType?.MediaType);
        Assert.Contains(duplicateBody.GetProperty("title").GetString(), new[]
        {
            "This statement was already imported; nothing was changed.",
            "Dit uittreksel werd al ingelezen; er is niets gewijzigd.",
            "Cet extrait a déjà été importé ; rien n'a été modifié.",
        });
        Assert.Equal(before, await CountsAsync(app, company));

        // Undoing A's match: the payment is kept as undone, A owes again, the movement waits again.
        var aLine = await app.InCompany(company.Id, (db, _) => db.Payments.Where(p => p.InvoiceId == a.Id).Select(p => p.BankLineId!.Value).SingleAsync(TestContext.Current.CancellationToken));
        var undone = await office.PostAsync($"/api/bank-lines/{aLine}/undo", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        var standingA = await StandingAsync(office, a.Id);
        Assert.Equal("Unpaid", standingA.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, standingA.GetProperty("payments")[0].GetProperty("undoneAt").ValueKind);
        Assert.Single((await office.GetJsonAsync("/api/bank-lines")).EnumerateArray());
        var audit = await app.InCompany(company.Id, (db, _) => db.AuditEvents.Where(e => e.EntityId == a.Id).Select(e => e.Action).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Contains("payment.matched", audit);
        Assert.Contains("payment.undone", audit);
    }

    public static TheoryData<DatabaseProvider, string> Refusals()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var refusal in new[] { "foreign-account", "coda-totals", "camt-truncated", "not-a-statement" })
            {
                data.Add(provider, refusal);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_statement_for_another_account_or_a_damaged_file_is_refused_with_a_clear_message_and_nothing_stored(DatabaseProvider provider, string refusal)
    {
        var (app, company, office, customer) = await StartAsync(provider);
        using var running = app;
        var invoice = (await IssueAsync(app, company, office, customer, 1))[0];
        var pay = new Transfer(121.00m, Structured: invoice.Ogm, Iban: CustomerAccount);
        var (file, status) = refusal switch
        {
            "foreign-account" => (StatementFiles.Camt053([pay], account: "NL91ABNA0417164300"), HttpStatusCode.UnprocessableEntity),
            "coda-totals" => (StatementFiles.Coda([pay], tamper: t => t.Replace("000000000121000", "000000000112000", StringComparison.Ordinal)), HttpStatusCode.BadRequest),
            "camt-truncated" => (StatementFiles.Camt053([pay])[..900], HttpStatusCode.BadRequest),
            _ => ("%PDF-1.7 not a statement", HttpStatusCode.BadRequest),
        };

        var (response, body) = await ImportAsync(office, file);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()));
        Assert.Equal(new[] { 0, 0, 0 }, await CountsAsync(app, company));
        Assert.Equal("Unpaid", (await StandingAsync(office, invoice.Id)).GetProperty("state").GetString());
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Payments_by_hand_go_partly_paid_then_paid_and_a_credit_note_on_a_paid_invoice_is_refunded_from_a_statement(DatabaseProvider provider)
    {
        var (app, company, office, customer) = await StartAsync(provider);
        using var running = app;
        var invoice = (await IssueAsync(app, company, office, customer, 1))[0];

        var (bad, badBody) = await office.PostJsonAsync($"/api/invoices/{invoice.Id}/payments", new { amount = 0m, on = "2026-12-02", note = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(badBody.GetProperty("errors").TryGetProperty("amount", out _), badBody.ToString());
        (bad, badBody) = await office.PostJsonAsync($"/api/invoices/{invoice.Id}/payments", new { amount = 10.001m, on = "1900-01-01", note = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(badBody.GetProperty("errors").TryGetProperty("on", out _), badBody.ToString());
        Assert.Equal("Unpaid", (await StandingAsync(office, invoice.Id)).GetProperty("state").GetString());

        var (first, firstBody) = await office.PostJsonAsync($"/api/invoices/{invoice.Id}/payments", new { amount = 21.00m, on = "2026-12-02", note = "Cash on site" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal("PartlyPaid", firstBody.GetProperty("state").GetString());
        Assert.Equal(100.00m, firstBody.GetProperty("outstanding").GetDecimal());
        var (second, secondBody) = await office.PostJsonAsync($"/api/invoices/{invoice.Id}/payments", new { amount = 100.00m, on = "2026-12-03", note = "" });
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("Paid", secondBody.GetProperty("state").GetString());
        Assert.Equal("Api", secondBody.GetProperty("payments")[0].GetProperty("source").GetString());

        // A credit note of 21.00 on the paid invoice: the customer is owed 21.00 until the refund goes out.
        var (credited, creditBody) = await office.PostJsonAsync($"/api/invoices/{invoice.Id}/credit-notes", new { reason = "Korting", lines = new[] { new { index = 0, amount = 21.00m } } });
        Assert.True(credited.StatusCode == HttpStatusCode.Created, creditBody.ToString());
        var creditNote = creditBody.GetProperty("id").GetGuid();
        var standing = await StandingAsync(office, invoice.Id);
        Assert.Equal("Overpaid", standing.GetProperty("state").GetString());
        Assert.Equal(-25.41m, standing.GetProperty("outstanding").GetDecimal());

        var refundAmount = creditBody.GetProperty("total").GetDecimal();
        await office.PostJsonAsync($"/api/invoices/{invoice.Id}/payments", new { amount = 0.01m, on = "2026-12-03", note = "" }); // a cent more, undone below
        var extra = (await StandingAsync(office, invoice.Id)).GetProperty("payments").EnumerateArray().Single(p => p.GetProperty("amount").GetDecimal() == 0.01m).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsync($"/api/payments/{extra}/undo", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await office.PostAsync($"/api/payments/{extra}/undo", null, TestContext.Current.CancellationToken)).StatusCode);

        // The refund leaves the bank for the customer (known by name): proposed as the credit note's refund, confirmed.
        var (imported, body) = await ImportAsync(office, StatementFiles.Camt053([new Transfer(-refundAmount, Free: "Terugbetaling creditnota", Name: "Bakkerij Peeters", Iban: CustomerAccount)]));
        Assert.True(imported.StatusCode == HttpStatusCode.Created, body.ToString());
        var line = (await office.GetJsonAsync("/api/bank-lines")).EnumerateArray().Single();
        Assert.Equal("Proposed", line.GetProperty("state").GetString());
        Assert.Equal(creditNote, line.GetProperty("proposedInvoiceId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsync($"/api/bank-lines/{line.GetProperty("id").GetGuid()}/confirm", null, TestContext.Current.CancellationToken)).StatusCode);
        standing = await StandingAsync(office, invoice.Id);
        Assert.Equal("Paid", standing.GetProperty("state").GetString());
        Assert.Equal(0m, standing.GetProperty("outstanding").GetDecimal());
        Assert.Equal(refundAmount, standing.GetProperty("refunded").GetDecimal());
    }

    [Fact]
    public async Task Another_company_never_sees_or_touches_the_payments_and_movements()
    {
        var (app, company, office, customer) = await StartAsync(DatabaseProvider.Sqlite);
        using var running = app;
        var invoice = (await IssueAsync(app, company, office, customer, 1))[0];
        var (imported, body) = await ImportAsync(office, StatementFiles.Camt053([new Transfer(50m, Free: "?", Name: "Iemand")]));
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var line = (await office.GetJsonAsync("/api/bank-lines")).EnumerateArray().Single().GetProperty("id").GetGuid();

        var other = await app.CreateCompanyAsync("Concurrent");
        var stranger = await other.OfficeAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/invoices/{invoice.Id}/payments", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/invoices/{invoice.Id}/payments", new { amount = 10m, on = "2026-12-02", note = "" })).Response.StatusCode);
        Assert.Empty((await stranger.GetJsonAsync("/api/bank-lines")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/bank-lines/{line}/not-ours", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/bank-lines/{line}/match", new { allocations = new[] { new { invoiceId = invoice.Id, amount = 50m } } })).Response.StatusCode);

        // A technician does not handle money.
        var technician = await company.TechnicianAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await technician.GetAsync("/api/bank-lines", TestContext.Current.CancellationToken)).StatusCode);

        // The office sets the stranger's money aside as not ours; it leaves the list and nothing is paid.
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsync($"/api/bank-lines/{line}/not-ours", null, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Empty((await office.GetJsonAsync("/api/bank-lines")).EnumerateArray());
        Assert.Equal("Unpaid", (await StandingAsync(office, invoice.Id)).GetProperty("state").GetString());
    }
}
