using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Tests.Banking;
using Werkbon.Server.Data;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.Invoicing;

namespace Werkbon.Server.Tests.Payments;

/// <summary>
/// The accounts a customer pays from, kept on the customer: checked as IBANs, and used by statement matching to
/// recognise a payer whose name on the bank's side is nothing like the customer's.
/// </summary>
public class CustomerAccountTests
{
    private const string PayerAccount = "BE68 5390 0754 7034";

    private static object Customer(int version, params string[] accounts) => new
    {
        kind = "Business",
        name = "Bakkerij Peeters",
        enterpriseNumber = "0403170701",
        billingAddress = new { street = "Meir 1", postalCode = "2000", city = "Antwerpen", country = "BE" },
        paymentTermDays = 30,
        filesPeriodicVatReturns = false,
        version,
        bankAccounts = accounts,
    };

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_payment_from_an_account_on_the_customer_form_is_proposed_for_the_invoice_it_fits_and_a_bad_iban_is_refused(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        var company = await app.CreateCompanyAsync("Rekeningen");
        await app.InCompany(company.Id, async (db, _) =>
        {
            var row = await db.Companies.SingleAsync(c => c.Id == company.Id, ct);
            row.Iban = StatementFiles.Account;
            return await db.SaveChangesAsync(ct);
        });
        var office = await company.OfficeAsync();
        var customer = await Invoices.CustomerAsync(company);
        var version = (await office.GetJsonAsync($"/api/customers/{customer}")).GetProperty("version").GetInt32();

        // A mistyped IBAN is refused, naming the line, and nothing is saved.
        var (refused, problem) = await office.PutJsonAsync($"/api/customers/{customer}", Customer(version, PayerAccount, "BE68 5390 0754 7035"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("bankAccounts[1]", out _), problem.ToString());
        Assert.Empty((await office.GetJsonAsync($"/api/customers/{customer}")).GetProperty("bankAccounts").EnumerateArray());

        var (saved, details) = await office.PutJsonAsync($"/api/customers/{customer}", Customer(version, PayerAccount, "be68539007547034"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(["BE68539007547034"], details.GetProperty("bankAccounts").EnumerateArray().Select(a => a.GetString()));

        var drafts = await Invoices.DraftsAsync(company, customer, 1);
        var issue = await office.PostAsync($"/api/invoices/{drafts[0]}/issue", null, ct);
        var invoice = await issue.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.OK, issue.StatusCode);
        var total = invoice.GetProperty("total").GetDecimal();

        // Paid from that account by a name the customer does not go by, without a communication: a proposal.
        using var content = new ByteArrayContent(StatementFiles.Bytes(StatementFiles.Camt053([new Transfer(total, Free: "werken december", Name: "J. Peeters-Janssens", Iban: "BE68539007547034")])));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var imported = await office.PostAsync("/api/bank-statements?fileName=dec.xml", content, ct);
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var line = (await office.GetJsonAsync("/api/bank-lines")).EnumerateArray().Single();
        Assert.Equal("Proposed", line.GetProperty("state").GetString());
        Assert.Equal(drafts[0], line.GetProperty("proposedInvoiceId").GetGuid());

        // A payment recorded by hand keeps how it was paid.
        var (recorded, standing) = await office.PostJsonAsync($"/api/invoices/{drafts[0]}/payments", new { amount = 10.00m, on = "2026-03-10", note = "", method = "Cash" });
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal("Cash", standing.GetProperty("payments")[0].GetProperty("method").GetString());
        Assert.Equal("PartlyPaid", standing.GetProperty("state").GetString());

        // The invoice list filters on the payment state.
        var partly = await office.GetJsonAsync("/api/invoices?payment=PartlyPaid");
        Assert.Equal([drafts[0]], partly.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal("PartlyPaid", partly.GetProperty("items")[0].GetProperty("payment").GetString());
        Assert.Empty((await office.GetJsonAsync("/api/invoices?payment=Unpaid")).GetProperty("items").EnumerateArray());
    }
}
