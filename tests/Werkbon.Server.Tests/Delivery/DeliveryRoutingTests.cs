using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Werkbon.Server.Customers;
using Werkbon.Server.Data;
using Werkbon.Server.Delivery;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.Invoicing;

namespace Werkbon.Server.Tests.Delivery;

/// <summary>
/// Which way an issued invoice goes: over Peppol to a business registered there (the fake access point receives the
/// stored UBL), by e-mail (the loopback SMTP server) to anyone else, both when the customer asks; refusals and passing
/// failures of the access point show on the invoice's Peppol delivery.
/// </summary>
public class DeliveryRoutingTests
{
    private const string Participant = "0208:0403170701";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Setup(WerkbonApp App, FakeAccessPoint Fake, LoopbackSmtp Smtp, TestCompany Company) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            App.Dispose();
            await Fake.DisposeAsync();
            await Smtp.DisposeAsync();
        }

        /// <summary>A customer (a business with an enterprise number, or a private one) issued one invoice through the API.</summary>
        public async Task<Guid> IssueAsync(CustomerKind kind = CustomerKind.Business, bool alsoEmail = false)
        {
            var customer = await Invoices.CustomerAsync(Company);
            await App.InCompany(Company.Id, async (db, _) =>
            {
                var row = await db.Customers.SingleAsync(c => c.Id == customer, Ct);
                row.Email = "boekhouding@klant.test";
                row.AlsoEmailInvoices = alsoEmail;
                if (kind == CustomerKind.Private)
                {
                    row.Kind = CustomerKind.Private;
                    row.EnterpriseNumber = "";
                    row.VatNumber = "";
                }

                return await db.SaveChangesAsync(Ct);
            });
            var draft = (await Invoices.DraftsAsync(Company, customer, 1))[0];
            var (issued, body) = await (await Company.OfficeAsync()).PostJsonAsync($"/api/invoices/{draft}/issue", new { });
            Assert.True(issued.IsSuccessStatusCode, body.ToString());
            return draft;
        }

        public async Task<List<JsonElement>> DeliveriesAsync(Guid invoiceId) =>
            await (await Company.OfficeAsync()).GetJsonAsync($"/api/invoices/{invoiceId}/deliveries").ToListAsync();

        /// <summary>The deliveries once none is queued any more (the outbox ran).</summary>
        public async Task<List<JsonElement>> SettledAsync(Guid invoiceId, int count)
        {
            var rows = new List<JsonElement>();
            for (var i = 0; i < 300; i++)
            {
                rows = await DeliveriesAsync(invoiceId);
                if (rows.Count == count && rows.All(r => r.GetProperty("state").GetString() != "Queued"))
                {
                    return rows;
                }

                await Task.Delay(100, Ct);
            }

            Assert.Fail("still queued: " + string.Join(", ", rows));
            return rows;
        }

        public async Task<byte[]> StoredUblAsync(Guid invoiceId)
        {
            var response = await (await Company.OfficeAsync()).GetAsync($"/api/invoices/{invoiceId}/ubl", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsByteArrayAsync(Ct);
        }

        public Task<List<string>> AttemptsAsync(Guid invoiceId) =>
            App.InCompany(Company.Id, async (db, _) => (await InvoiceDeliveries.AttemptsAsync(db, invoiceId, Ct)).Select(a => a.Action).ToList());
    }

    private static async Task<Setup> StartAsync(DatabaseProvider provider)
    {
        var fake = await FakeAccessPoint.StartAsync();
        var smtp = LoopbackSmtp.Start();
        var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Route " + Guid.NewGuid().ToString("N")[..6]);
        await app.InCompany(company.Id, async (db, _) =>
        {
            var row = await db.Companies.SingleAsync(c => c.Id == company.Id, Ct);
            row.Iban = "BE68 5390 0754 7034";
            row.Bic = "TRIOBEBB";
            return await db.SaveChangesAsync(Ct);
        });
        var admin = await company.AdminAsync();
        var (mail, mailBody) = await admin.PutJsonAsync("/api/mail/settings", smtp.Settings());
        Assert.True(mail.IsSuccessStatusCode, mailBody.ToString());
        var (peppol, peppolBody) = await admin.PutJsonAsync("/api/peppol/account", new
        {
            baseUrl = fake.BaseUrl, accountId = FakeAccessPoint.CompanyId, apiKey = FakeAccessPoint.ApiKey, secret = FakeAccessPoint.Secret,
            participantId = (string?)null, enabled = true, version = (int?)null,
        });
        Assert.True(peppol.IsSuccessStatusCode, peppolBody.ToString());
        return new Setup(app, fake, smtp, company);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_business_registered_on_Peppol_gets_the_UBL_over_Peppol_and_no_mail(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider);
        setup.Fake.Registered[Participant] = (true, true);

        var invoice = await setup.IssueAsync();
        var delivery = Assert.Single(await setup.SettledAsync(invoice, 1));

        Assert.Equal("Peppol", delivery.GetProperty("channel").GetString());
        Assert.Equal("Sent", delivery.GetProperty("state").GetString());
        Assert.Equal(Participant, delivery.GetProperty("recipient").GetString());
        Assert.Equal(setup.App.Clock.GetUtcNow().UtcDateTime, delivery.GetProperty("deliveredAt").GetDateTime().ToUniversalTime());
        var sent = Assert.Single(setup.Fake.Received);
        Assert.Equal(await setup.StoredUblAsync(invoice), sent.Document);
        Assert.Equal(Participant, sent.Recipient);
        Assert.Empty(setup.Smtp.Messages);
        Assert.Equal(["invoice.peppol.sent"], await setup.AttemptsAsync(invoice));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_business_not_on_Peppol_gets_an_email_instead(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider);

        var invoice = await setup.IssueAsync();
        var mail = Assert.Single(await setup.Smtp.WaitForAsync(1, Ct));
        var deliveries = await setup.SettledAsync(invoice, 2);

        Assert.Equal("boekhouding@klant.test", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Empty(setup.Fake.Received);
        Assert.Equal("Sent", deliveries.Single(d => d.GetProperty("channel").GetString() == "Email").GetProperty("state").GetString());
        var peppol = deliveries.Single(d => d.GetProperty("channel").GetString() == "Peppol");
        Assert.Equal("NoAddress", peppol.GetProperty("state").GetString());
        Assert.Equal(PeppolRouting.NotOnPeppol, peppol.GetProperty("lastError").GetString());
        Assert.Equal(["invoice.peppol.not-registered", "invoice.mail.sent"], await setup.AttemptsAsync(invoice));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_business_that_asks_for_both_gets_Peppol_and_an_email(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider);
        setup.Fake.Registered[Participant] = (true, true);

        var invoice = await setup.IssueAsync(alsoEmail: true);
        var mail = Assert.Single(await setup.Smtp.WaitForAsync(1, Ct));
        var deliveries = await setup.SettledAsync(invoice, 2);

        Assert.Equal("boekhouding@klant.test", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Single(setup.Fake.Received);
        Assert.All(deliveries, d => Assert.Equal("Sent", d.GetProperty("state").GetString()));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_private_customer_gets_an_email(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider);

        var invoice = await setup.IssueAsync(CustomerKind.Private);
        Assert.Single(await setup.Smtp.WaitForAsync(1, Ct));
        var delivery = Assert.Single(await setup.SettledAsync(invoice, 1));

        Assert.Equal("Email", delivery.GetProperty("channel").GetString());
        Assert.Equal("Sent", delivery.GetProperty("state").GetString());
        Assert.Empty(setup.Fake.Received);
        Assert.Equal(0, setup.Fake.Lookups);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_refusal_of_the_access_point_shows_as_rejected_with_its_reason(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider);
        setup.Fake.Registered[Participant] = (true, true);
        setup.Fake.Plan.Enqueue(FakeAccessPoint.Answer.Reject);

        var invoice = await setup.IssueAsync();
        var delivery = Assert.Single(await setup.SettledAsync(invoice, 1));

        Assert.Equal("Rejected", delivery.GetProperty("state").GetString());
        Assert.Contains(FakeAccessPoint.RejectReason, delivery.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("deliveredAt").ValueKind);
        Assert.Equal(["invoice.peppol.rejected"], await setup.AttemptsAsync(invoice));
        var failed = await (await setup.Company.OfficeAsync()).GetJsonAsync("/api/invoices?delivery=failed");
        Assert.Contains(invoice.ToString(), failed.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_server_error_of_the_access_point_is_retried_and_the_invoice_delivered_once(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider);
        setup.Fake.Registered[Participant] = (true, true);
        setup.Fake.Plan.Enqueue(FakeAccessPoint.Answer.ServerError);

        var invoice = await setup.IssueAsync();
        for (var i = 0; i < 300 && (await setup.AttemptsAsync(invoice)).Count == 0; i++)
        {
            await Task.Delay(100, Ct);
        }

        var first = Assert.Single(await setup.DeliveriesAsync(invoice));
        Assert.Equal("Queued", first.GetProperty("state").GetString());
        Assert.Equal(1, first.GetProperty("attempts").GetInt32());

        setup.App.Clock.Advance(TimeSpan.FromMinutes(1));
        var delivery = Assert.Single(await setup.SettledAsync(invoice, 1));

        Assert.Equal("Sent", delivery.GetProperty("state").GetString());
        Assert.Equal(2, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(2, setup.Fake.Received.Count);
        Assert.Single(setup.Fake.Documents);
        Assert.Equal(["invoice.peppol.retry", "invoice.peppol.sent"], await setup.AttemptsAsync(invoice));
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task While_the_access_point_answers_slowly_the_polling_neither_sends_again_nor_loses_the_answer(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider);
        setup.Fake.Registered[Participant] = (true, true);
        setup.Fake.SlowDelay = TimeSpan.FromSeconds(2);
        setup.Fake.Plan.Enqueue(FakeAccessPoint.Answer.Slow);

        var invoice = await setup.IssueAsync();
        PeppolDeliveryState? claimed = null;
        for (var i = 0; i < 300 && claimed is not { Attempts: 1 }; i++)
        {
            claimed = await setup.App.InCompany(setup.Company.Id, (db, _) => PeppolDelivery.StateAsync(db, invoice, Ct));
            await Task.Delay(20, Ct);
        }

        // The outbox job has handed it over and waits: the polling runs meanwhile, and hands nothing over again.
        Assert.Equal(DeliveryState.Queued, claimed?.State);
        var polled = await setup.App.InCompany(setup.Company.Id, (db, services) =>
            services.GetRequiredService<PeppolDelivery>().RefreshAsync(db, Ct));
        Assert.Equal(1, Assert.Single(polled).Attempts);

        var sent = Assert.Single(await setup.SettledAsync(invoice, 1));
        Assert.Equal("Sent", sent.GetProperty("state").GetString());
        Assert.Single(setup.Fake.Received);

        // The polling follows it to delivered on the same delivery row the job wrote.
        var document = Assert.Single(setup.Fake.Documents).Key;
        setup.Fake.Documents[document] = "delivered";
        await setup.App.InCompany(setup.Company.Id, (db, services) => services.GetRequiredService<PeppolDelivery>().RefreshAsync(db, Ct));
        var delivered = Assert.Single(await setup.DeliveriesAsync(invoice));
        Assert.Equal("Delivered", delivered.GetProperty("state").GetString());
        Assert.Single(setup.Fake.Received);
        Assert.Equal(["invoice.peppol.sent", "invoice.peppol.delivered"], await setup.AttemptsAsync(invoice));
    }
}
