using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Werkbon.Server.Data;
using Werkbon.Server.Hosting;
using Werkbon.Server.Payments;
using Werkbon.Server.Portal;
using Werkbon.Server.Reports;
using Werkbon.Server.Tests.Infrastructure;
using Werkbon.Server.Tests.Invoicing;

namespace Werkbon.Server.Tests.Payments;

/// <summary>
/// Payment reminders reach the customer by e-mail: day after day on the fake clock the reminder sweep queues what is
/// due and a real SMTP server on loopback receives each step once, in the customer's language, with the portal link,
/// the payment QR code and the invoice PDF — also across a restart. A dispute pauses them, a payment or a hold stops them.
/// </summary>
public class ReminderMailTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Morning(DateOnly day) => new(day.Year, day.Month, day.Day, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Each_step_is_mailed_once_in_the_customers_language_also_across_a_restart(DatabaseProvider provider)
    {
        await using var smtp = LoopbackSmtp.Start();
        var app = await WerkbonApp.StartAsync(provider);
        try
        {
            var company = await app.CreateCompanyAsync("Alpha");
            var customer = await Invoices.CustomerAsync(company);
            app.Clock.SetUtcNow(Morning(new DateOnly(2026, 3, 10)));
            var invoice = await IssueAsync(company, customer);
            await PrepareAsync(company, smtp, customer, "klant@peeters.test", "fr");

            // Every morning until the end of May (due 9 April; friendly 16 April, firm 30 April, final 14 May), with a restart on 1 May.
            for (var day = new DateOnly(2026, 3, 11); day <= new DateOnly(2026, 5, 31); day = day.AddDays(1))
            {
                if (day == new DateOnly(2026, 5, 1))
                {
                    app = app.Restart();
                    company = company with { App = app };
                }

                app.Clock.SetUtcNow(Morning(day));
                await SweepAsync(app, smtp, company.Id);
            }

            var mails = smtp.Messages;
            Assert.Equal(["Rappel : facture", "Deuxième rappel : facture", "Dernier rappel : facture"], mails.Select(m => (m.Subject ?? "")[..(m.Subject ?? "").IndexOf(" facture", StringComparison.Ordinal)] + " facture"));
            var number = await app.InCompany(company.Id, (db, _) => db.Invoices.Where(i => i.Id == invoice).Select(i => i.Number!).SingleAsync(Ct));
            foreach (var mail in mails)
            {
                Assert.Equal("klant@peeters.test", Assert.Single(mail.To.Mailboxes).Address);
                Assert.Contains(number, mail.Subject, StringComparison.Ordinal);
                Assert.Contains("121,00 €", mail.TextBody, StringComparison.Ordinal);
                Assert.Contains("09/04/2026", mail.TextBody, StringComparison.Ordinal);
                Assert.Contains("/portal/", mail.TextBody, StringComparison.Ordinal);
                var attachments = mail.Attachments.OfType<MimePart>().ToList();
                Assert.Single(attachments, a => a.ContentType.MimeType == "image/png");
                Assert.Single(attachments, a => a.ContentType.MimeType == "application/pdf");
            }

            // The final one, to a business customer, names the legal interest to date and the fixed compensation.
            Assert.Contains("loi du 2 août 2002", mails[2].TextBody, StringComparison.Ordinal);
            Assert.Contains("40,00 €", mails[2].TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("40,00 €", mails[0].TextBody, StringComparison.Ordinal);

            // A sweep after a restart finds nothing more to send.
            app = app.Restart();
            app.Clock.SetUtcNow(Morning(new DateOnly(2026, 6, 1)));
            Assert.Equal(0, await ReminderRun.RunAsync(app.Services, Ct));
            Assert.Equal(3, smtp.Messages.Count);
        }
        finally
        {
            app.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_dispute_pauses_them_a_payment_and_a_hold_stop_them(DatabaseProvider provider)
    {
        await using var smtp = LoopbackSmtp.Start();
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var customer = await Invoices.CustomerAsync(company);
        app.Clock.SetUtcNow(Morning(new DateOnly(2026, 3, 10)));
        var disputed = await IssueAsync(company, customer);
        var paid = await IssueAsync(company, customer);
        var held = await IssueAsync(company, customer);
        await PrepareAsync(company, smtp, customer, "boekhouding@peeters.test", "nl");
        var office = await company.OfficeAsync();
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsync($"/api/invoices/{held}/reminders/hold", null, Ct)).StatusCode);

        // The customer disputes a line through the portal on 12 April; the office resolves it on 5 May.
        Guid disputeId = default;
        for (var day = new DateOnly(2026, 3, 11); day <= new DateOnly(2026, 5, 31); day = day.AddDays(1))
        {
            app.Clock.SetUtcNow(Morning(day));
            if (day == new DateOnly(2026, 4, 12))
            {
                disputeId = await app.InCompany(company.Id, async (db, services) =>
                {
                    services.GetRequiredService<PortalLinks>().Issue(db, customer);
                    await db.SaveChangesAsync(Ct);
                    var link = await db.PortalLinks.Where(l => l.CustomerId == customer).Select(l => l.Id).FirstAsync(Ct);
                    var errors = await InvoiceDisputes.DisputeAsync(
                        new PortalVisitor(company.Id, customer, link), disputed, 0, "Niet besteld.", db, app.Clock,
                        services.GetRequiredService<Texts>(), services.GetRequiredService<IReportFeed>(), Ct);
                    Assert.Null(errors);
                    return await db.InvoiceDisputes.Where(d => d.InvoiceId == disputed).Select(d => d.Id).SingleAsync(Ct);
                });
            }

            if (day == new DateOnly(2026, 4, 20))
            {
                office = await company.OfficeAsync();
                var (response, _) = await office.PostJsonAsync($"/api/invoices/{paid}/payments", new { amount = 121.00m, on = "2026-04-20", note = "" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }

            if (day == new DateOnly(2026, 5, 5))
            {
                var officeUser = company.Office.Id;
                Assert.True(await app.InCompany(company.Id, (db, _) => InvoiceDisputes.ResolveAsync(db, disputeId, officeUser, app.Clock, Ct)));
            }

            await SweepAsync(app, smtp, company.Id);
        }

        var numbers = await app.InCompany(company.Id, (db, _) => db.Invoices.Where(i => i.Id == disputed || i.Id == paid || i.Id == held)
            .ToDictionaryAsync(i => i.Id, i => i.Number!, Ct));
        var received = smtp.Messages.Select(m => (Number: numbers.Single(n => (m.Subject ?? "").Contains(n.Value, StringComparison.Ordinal)).Key, Subject: m.Subject ?? "")).ToList();

        // The paid invoice got its friendly reminder (16 April) and nothing after the payment; the held one none.
        Assert.Equal(["Herinnering"], received.Where(r => r.Number == paid).Select(r => r.Subject.Split(':')[0]));
        Assert.DoesNotContain(received, r => r.Number == held);

        // The disputed one: nothing while the dispute was open (16 April…4 May); on 5 May the latest step reached (firm), then the final.
        var forDisputed = smtp.Messages.Where(m => (m.Subject ?? "").Contains(numbers[disputed], StringComparison.Ordinal)).ToList();
        Assert.Equal(["Tweede herinnering", "Laatste herinnering"], forDisputed.Select(m => (m.Subject ?? "").Split(':')[0]));
        var sent = await app.InCompany(company.Id, (db, _) => db.Set<SentReminder>().Where(s => s.InvoiceId == disputed).OrderBy(s => s.At).Select(s => s.At).ToListAsync(Ct));
        Assert.Equal([Morning(new DateOnly(2026, 5, 5)).UtcDateTime, Morning(new DateOnly(2026, 5, 14)).UtcDateTime], sent);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Without_an_e_mail_address_the_reminder_shows_as_not_sent_on_the_invoice(DatabaseProvider provider)
    {
        await using var smtp = LoopbackSmtp.Start();
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var customer = await Invoices.CustomerAsync(company);
        app.Clock.SetUtcNow(Morning(new DateOnly(2026, 3, 10)));
        var invoice = await IssueAsync(company, customer);
        await PrepareAsync(company, smtp, customer, "", "nl");

        app.Clock.SetUtcNow(Morning(new DateOnly(2026, 4, 16)));
        Assert.Equal(1, await ReminderRun.RunAsync(app.Services, Ct));
        await app.Services.GetRequiredService<Werkbon.Server.Delivery.MailDispatcher>().RunDueAsync(Ct);

        var office = await company.OfficeAsync();
        var shown = await office.GetJsonAsync($"/api/invoices/{invoice}/reminders");
        for (var i = 0; i < 50 && !Assert.Single(shown.GetProperty("sent").EnumerateArray()).GetProperty("notSendable").GetBoolean(); i++)
        {
            await Task.Delay(100, Ct); // the dispatcher's own loop may hold the job
            shown = await office.GetJsonAsync($"/api/invoices/{invoice}/reminders");
        }

        var sent = Assert.Single(shown.GetProperty("sent").EnumerateArray());
        Assert.Equal("Friendly", sent.GetProperty("step").GetString());
        Assert.True(sent.GetProperty("notSendable").GetBoolean());
        Assert.Empty(smtp.Messages);
    }

    /// <summary>Issues the customer's one draft; the company has an IBAN by then, so the invoice names it (and its QR code pays it).</summary>
    private static async Task<Guid> IssueAsync(TestCompany company, Guid customer)
    {
        await company.App.InCompany(company.Id, async (db, _) =>
        {
            var own = await db.Companies.FirstAsync(x => x.Id == company.Id, Ct);
            own.Iban = own.Iban.Length == 0 ? "BE68539007547034" : own.Iban;
            return await db.SaveChangesAsync(Ct);
        });
        var draft = Assert.Single(await Invoices.DraftsAsync(company, customer, 1));
        var office = await company.OfficeAsync();
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsync($"/api/invoices/{draft}/issue", null, Ct)).StatusCode);
        return draft;
    }

    /// <summary>The company mails through the loopback server and has an IBAN; the customer gets an address and a language.</summary>
    private static async Task PrepareAsync(TestCompany company, LoopbackSmtp smtp, Guid customer, string email, string language)
    {
        var (saved, _) = await (await company.AdminAsync()).PutJsonAsync("/api/mail/settings", smtp.Settings());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        await company.App.InCompany(company.Id, async (db, _) =>
        {
            var c = await db.Customers.FirstAsync(x => x.Id == customer, Ct);
            c.Email = email;
            c.Language = language;
            var own = await db.Companies.FirstAsync(x => x.Id == company.Id, Ct);
            if (own.Iban.Length == 0)
            {
                own.Iban = "BE68539007547034";
            }

            return await db.SaveChangesAsync(Ct);
        });
    }

    /// <summary>
    /// One reminder sweep, then waits until the mails it queued have reached the SMTP server and their jobs are recorded
    /// done (a restart between the server's acceptance and that record sends the mail again, as documented).
    /// </summary>
    private static async Task SweepAsync(WerkbonApp app, LoopbackSmtp smtp, Guid companyId)
    {
        var before = smtp.Messages.Count;
        var queued = await ReminderRun.RunAsync(app.Services, Ct);
        if (queued > 0)
        {
            await smtp.WaitForAsync(before + queued, Ct);
            for (var i = 0; i < 300 && await app.InCompany(companyId, (db, _) => db.Set<Werkbon.Server.Delivery.OutboxMessage>()
                .AnyAsync(j => j.Kind == Werkbon.Server.Delivery.OutboxKind.Reminder && j.State == Werkbon.Server.Delivery.OutboxState.Pending, Ct)); i++)
            {
                await Task.Delay(20, Ct);
            }
        }
    }
}
