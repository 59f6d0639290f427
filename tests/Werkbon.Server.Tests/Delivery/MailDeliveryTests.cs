using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Werkbon.Server.Data;
using Werkbon.Server.Delivery;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Tests.Infrastructure;

namespace Werkbon.Server.Tests.Delivery;

/// <summary>
/// Invoices and signed reports reach the customer by e-mail through the outbox: a real SMTP server on loopback receives
/// them, outages are retried with backoff and logged on the invoice, and a restart neither loses nor repeats a mail.
/// </summary>
public class MailDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Issuing_delivers_one_mail_in_the_customers_language_with_the_pdf_the_ubl_and_the_portal_link(DatabaseProvider provider)
    {
        await using var smtp = LoopbackSmtp.Start();
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        await UseSmtpAsync(company, smtp);
        var (data, draftId) = await DraftAsync(app, company, seed: 31);
        await SetCustomerAsync(app, company, data.CustomerId, "boekhouding@klant.test", "fr");

        var issued = await (await company.OfficeAsync()).PostAsync($"/api/invoices/{draftId}/issue", null, Ct);
        var mail = Assert.Single(await smtp.WaitForAsync(1, Ct));
        var invoice = await app.InCompany(company.Id, (db, _) => db.Invoices.AsNoTracking().SingleAsync(i => i.Id == draftId, Ct));
        var delivery = Assert.Single(await (await company.OfficeAsync()).GetJsonAsync($"/api/invoices/{draftId}/deliveries").ToListAsync());

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal("boekhouding@klant.test", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("facturen@alpha.test", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Contains($"Facture {invoice.Number}", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("137,78 €", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Veuillez trouver ci-joint la facture", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(invoice.StructuredCommunication!, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/portal/", mail.TextBody, StringComparison.Ordinal);
        var attachments = mail.Attachments.OfType<MimePart>().ToList();
        var pdf = Assert.Single(attachments, a => (a.FileName ?? "").EndsWith(".pdf", StringComparison.Ordinal));
        var ubl = Assert.Single(attachments, a => (a.FileName ?? "").EndsWith(".xml", StringComparison.Ordinal));
        Assert.Equal(await StoredAsync(app, company, draftId, InvoiceFile.Pdf), Content(pdf));
        Assert.Equal(await StoredAsync(app, company, draftId, InvoiceFile.Ubl), Content(ubl));
        Assert.Equal("Email", delivery.GetProperty("channel").GetString());
        Assert.Equal("Sent", delivery.GetProperty("state").GetString());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, delivery.GetProperty("deliveredAt").GetDateTime().ToUniversalTime());

        // The portal link in the mail opens this customer's portal.
        var link = (mail.TextBody ?? "").Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/portal/", StringComparison.Ordinal));
        var visitor = await app.InCompany(company.Id, (db, services) => services.GetRequiredService<Werkbon.Server.Portal.PortalLinks>().ResolveAsync(db, link[(link.LastIndexOf('/') + 1)..], Ct));
        Assert.Equal(data.CustomerId, visitor?.CustomerId);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_signed_reports_arrival_mails_the_customer_their_copy_with_photos_and_signature(DatabaseProvider provider)
    {
        await using var smtp = LoopbackSmtp.Start();
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        await UseSmtpAsync(company, smtp);
        var data = await MasterData.CreateAsync(company, "Alpha");
        await SetCustomerAsync(app, company, data.CustomerId, "els@klant.test", "nl");
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(32), articleCode: data.ArticleCode);
        var technician = await company.TechnicianAsync();
        foreach (var (hash, bytes) in signed.Files)
        {
            await technician.UploadAsync(hash, bytes, bytes[0] == 0x89 ? "image/png" : "image/jpeg");
        }

        var pushed = await technician.PushAsync(signed.Document, signed.Hash);
        var mail = Assert.Single(await smtp.WaitForAsync(1, Ct));

        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        Assert.Equal("els@klant.test", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains($"Uw ondertekende werkbon {data.WorkOrderNumber}", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Els Janssens", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("10/03/2026", mail.TextBody, StringComparison.Ordinal);
        var pdf = Content(Assert.Single(mail.Attachments.OfType<MimePart>()));
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        foreach (var photo in signed.Document.Photos)
        {
            // A JPEG goes into the PDF as it is (DCTDecode).
            Assert.True(pdf.AsSpan().IndexOf(signed.Files[photo.Sha256]) >= 0, "the photo is in the PDF");
        }

        var logged = await app.InCompany(company.Id, (db, _) => db.AuditEvents.AsNoTracking().Where(a => a.EntityId == signed.Document.ReportId && a.Action == "report.mail.sent").CountAsync(Ct));
        Assert.Equal(1, logged);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task An_smtp_outage_is_retried_with_backoff_logged_on_the_invoice_and_the_mail_goes_out_when_the_server_returns(DatabaseProvider provider)
    {
        await using var smtp = LoopbackSmtp.Start();
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        await UseSmtpAsync(company, smtp);
        var (data, draftId) = await DraftAsync(app, company, seed: 33);
        await SetCustomerAsync(app, company, data.CustomerId, "boekhouding@klant.test", "nl");
        smtp.Mode = SmtpMode.Outage;

        await (await company.OfficeAsync()).PostAsync($"/api/invoices/{draftId}/issue", null, Ct);
        var issuedAt = app.Clock.GetUtcNow().UtcDateTime;
        await smtp.WaitForOffersAsync(1, Ct);
        var first = await EventuallyAsync(app, company, draftId, d => d.Attempts == 1);
        Assert.Equal(DeliveryState.Queued, first.State);
        Assert.Contains("451", first.LastError, StringComparison.Ordinal);
        Assert.Equal(issuedAt.AddMinutes(1), await NextAttemptAsync(app, company, draftId));

        // One minute later: the second attempt, still out; then five minutes.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await smtp.WaitForOffersAsync(2, Ct);
        await EventuallyAsync(app, company, draftId, d => d.Attempts == 2);
        Assert.Equal(issuedAt.AddMinutes(6), await NextAttemptAsync(app, company, draftId));

        smtp.Mode = SmtpMode.Accept;
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var mail = Assert.Single(await smtp.WaitForAsync(1, Ct));
        var sent = await EventuallyAsync(app, company, draftId, d => d.State == DeliveryState.Sent);
        var log = await app.InCompany(company.Id, (db, _) => InvoiceDeliveries.AttemptsAsync(db, draftId, Ct));

        Assert.Equal(3, sent.Attempts);
        Assert.Equal(issuedAt.AddMinutes(6), sent.DeliveredAt);
        Assert.Equal(["invoice.mail.retry", "invoice.mail.retry", "invoice.mail.sent"], log.Select(a => a.Action));
        Assert.Equal(3, smtp.Offered);
        Assert.NotNull(mail.MessageId);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Across_a_restart_nothing_is_lost_and_nothing_is_sent_twice(DatabaseProvider provider)
    {
        await using var smtp = LoopbackSmtp.Start();
        var app = await WerkbonApp.StartAsync(provider);
        try
        {
            var company = await app.CreateCompanyAsync("Alpha");
            await UseSmtpAsync(company, smtp);
            var (data, draftId) = await DraftAsync(app, company, seed: 34);
            await SetCustomerAsync(app, company, data.CustomerId, "boekhouding@klant.test", "en");
            smtp.Mode = SmtpMode.Outage;
            await (await company.OfficeAsync()).PostAsync($"/api/invoices/{draftId}/issue", null, Ct);
            await smtp.WaitForOffersAsync(1, Ct);
            await EventuallyAsync(app, company, draftId, d => d.Attempts == 1);
            var now = app.Clock.GetUtcNow();

            // The app stops with the mail still queued; the new one picks it up when it is due.
            app = app.Restart();
            company = company with { App = app };
            app.Clock.SetUtcNow(now);
            smtp.Mode = SmtpMode.Accept;
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            // The clock goes on ticking, as a real one does: the new app's loop may have looked just before the job was due
            // and be waiting for its next poll.
            for (var tick = 0; tick < 60 && smtp.Messages.Count == 0; tick++)
            {
                await Task.Delay(250, Ct);
                app.Clock.Advance(MailDispatcher.Poll);
            }

            var mail = Assert.Single(await smtp.WaitForAsync(1, Ct));
            await EventuallyAsync(app, company, draftId, d => d.State == DeliveryState.Sent);
            var later = app.Clock.GetUtcNow();

            // Another restart, a day later: the sent mail stays sent.
            app = app.Restart();
            company = company with { App = app };
            app.Clock.SetUtcNow(later);
            app.Clock.Advance(TimeSpan.FromHours(25));
            await app.Services.GetRequiredService<MailDispatcher>().RunDueAsync(Ct);
            var jobs = await app.InCompany(company.Id, (db, _) => db.Set<OutboxMessage>().AsNoTracking().ToListAsync(Ct));

            Assert.Single(smtp.Messages);
            Assert.Equal(2, smtp.Offered);
            Assert.Equal(OutboxState.Done, Assert.Single(jobs).State);
            Assert.Equal($"{Assert.Single(jobs).Id:N}@werkbon", mail.MessageId);
            Assert.Equal("Sent", Assert.Single(await (await company.OfficeAsync()).GetJsonAsync($"/api/invoices/{draftId}/deliveries").ToListAsync()).GetProperty("state").GetString());
        }
        finally
        {
            app.Dispose();
        }
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_refused_mail_and_a_customer_without_address_show_on_the_invoice_list_and_the_to_do_list(DatabaseProvider provider)
    {
        await using var smtp = LoopbackSmtp.Start();
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        await UseSmtpAsync(company, smtp);
        var (data, refusedId) = await DraftAsync(app, company, seed: 35);
        var (_, noAddressId) = await DraftAsync(app, company, seed: 36, prefix: "Beta");
        await SetCustomerAsync(app, company, data.CustomerId, "weg@klant.test", "nl");
        smtp.Mode = SmtpMode.Refuse;
        var office = await company.OfficeAsync();

        await office.PostAsync($"/api/invoices/{refusedId}/issue", null, Ct);
        await office.PostAsync($"/api/invoices/{noAddressId}/issue", null, Ct);
        var refused = await EventuallyAsync(app, company, refusedId, d => d.State == DeliveryState.Rejected);
        var failed = await ListAsync(office, "/api/invoices?delivery=failed");
        var noAddress = await ListAsync(office, "/api/invoices?delivery=no-address");
        var todo = await office.GetJsonAsync("/api/todo");

        Assert.Contains("554", refused.LastError, StringComparison.Ordinal);
        Assert.Equal(refusedId, Assert.Single(failed.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        var row = Assert.Single(noAddress.GetProperty("items").EnumerateArray());
        Assert.Equal(noAddressId, row.GetProperty("id").GetGuid());
        Assert.Equal("NoAddress", row.GetProperty("delivery").GetString());
        var item = Assert.Single(todo.EnumerateArray(), i => i.GetProperty("kind").GetString() == "FailedDeliveries");
        Assert.Equal(1, item.GetProperty("count").GetInt32());
        Assert.Equal("/invoices?delivery=failed", item.GetProperty("link").GetString());
        Assert.Equal(1, smtp.Offered);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Without_mail_settings_the_mail_is_written_to_the_pickup_folder(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var data = await MasterData.CreateAsync(company, "Alpha");
        await SetCustomerAsync(app, company, data.CustomerId, "els@klant.test", "en");
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(37), articleCode: data.ArticleCode);

        await (await company.TechnicianAsync()).PushAsync(signed.Document, signed.Hash);
        var folder = Path.Combine(app.Services.GetRequiredService<IConfiguration>()["DataFolder"]!, "mail-pickup", company.Id.ToString("N"));
        string[] files = [];
        for (var i = 0; i < 300 && files.Length == 0; i++)
        {
            await Task.Delay(100, Ct);
            files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [];
        }

        var mail = await MimeMessage.LoadAsync(Assert.Single(files), Ct);
        Assert.Equal("els@klant.test", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains($"Your signed work report {data.WorkOrderNumber}", mail.Subject, StringComparison.Ordinal);
        Assert.Single(mail.Attachments);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task A_clean_report_pushed_with_straight_through_issuing_ends_as_a_delivered_mail_with_the_invoice_attached(DatabaseProvider provider)
    {
        await using var smtp = LoopbackSmtp.Start();
        using var app = await WerkbonApp.StartAsync(provider);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 8, 43, 0, TimeSpan.Zero)); // the device pushes three minutes after the signature (09:40 in Brussels)
        var company = await app.CreateCompanyAsync("Alpha");
        await UseSmtpAsync(company, smtp);
        await OptInAsync(company);
        var data = await MasterData.CreateAsync(company, "Alpha");
        await SetCustomerAsync(app, company, data.CustomerId, "boekhouding@klant.test", "nl");
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(38), articleCode: data.ArticleCode, withFreeTextExtra: false);

        var pushed = await (await company.TechnicianAsync()).PushAsync(signed.Document, signed.Hash);
        var mails = await smtp.WaitForAsync(2, Ct);
        var invoice = await app.InCompany(company.Id, (db, _) => db.Invoices.AsNoTracking().SingleAsync(i => i.Status == InvoiceStatus.Issued, Ct));
        var delivery = await EventuallyAsync(app, company, invoice.Id, d => d.State == DeliveryState.Sent);

        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        var invoiceMail = Assert.Single(mails, m => (m.Subject ?? "").StartsWith("Factuur", StringComparison.Ordinal));
        Assert.Single(mails, m => (m.Subject ?? "").StartsWith("Uw ondertekende werkbon", StringComparison.Ordinal));
        var pdf = Assert.Single(invoiceMail.Attachments.OfType<MimePart>(), a => (a.FileName ?? "").EndsWith(".pdf", StringComparison.Ordinal));
        Assert.Equal(await StoredAsync(app, company, invoice.Id, InvoiceFile.Pdf), Content(pdf));
        Assert.NotNull(delivery.DeliveredAt);
        var signatureToDelivered = delivery.DeliveredAt!.Value - signed.Document.Signature.SignedAt.UtcDateTime;
        TestContext.Current.TestOutputHelper?.WriteLine($"signature → delivered: {signatureToDelivered} on the test clock");
        Assert.Equal(TimeSpan.FromMinutes(3), signatureToDelivered);
    }

    [Theory]
    [MemberData(nameof(On.Databases), MemberType = typeof(On))]
    public async Task Only_an_admin_sets_the_mail_server_and_its_password_is_kept_encrypted_and_never_shown(DatabaseProvider provider)
    {
        using var app = await WerkbonApp.StartAsync(provider);
        var company = await app.CreateCompanyAsync("Alpha");
        var admin = await company.AdminAsync();
        var settings = new { host = "smtp.alpha.test", port = 465, tls = "Ssl", userName = "facturen", password = "Geheim-wachtwoord-42", senderName = "", senderAddress = "facturen@alpha.test", version = 0 };

        var (saved, body) = await admin.PutJsonAsync("/api/mail/settings", settings);
        var read = await admin.GetAsync("/api/mail/settings", Ct);
        var text = await read.Content.ReadAsStringAsync(Ct);
        var stored = await app.InCompany(company.Id, (db, _) => db.Set<MailSettings>().AsNoTracking().SingleAsync(Ct));
        var (kept, _) = await admin.PutJsonAsync("/api/mail/settings", settings with { password = "", senderName = "Alpha Facturatie", version = body.GetProperty("version").GetInt32() });
        var afterKeep = await app.InCompany(company.Id, (db, _) => db.Set<MailSettings>().AsNoTracking().SingleAsync(Ct));
        var (stale, _) = await admin.PutJsonAsync("/api/mail/settings", settings with { version = 0 });
        var office = await (await company.OfficeAsync()).GetAsync("/api/mail/settings", Ct);
        var (noSender, problem) = await admin.PutJsonAsync("/api/mail/settings", new { host = "smtp.alpha.test", version = 1 });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.True(body.GetProperty("hasPassword").GetBoolean());
        Assert.DoesNotContain("Geheim-wachtwoord-42", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Geheim-wachtwoord-42", stored.ProtectedPassword, StringComparison.Ordinal);
        var protector = app.Services.GetRequiredService<Microsoft.AspNetCore.DataProtection.IDataProtectionProvider>().CreateProtector(MailSettingsEndpoints.Purpose);
        Assert.Equal("Geheim-wachtwoord-42", Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Unprotect(protector, stored.ProtectedPassword));
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Equal(stored.ProtectedPassword, afterKeep.ProtectedPassword);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, office.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noSender.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("senderAddress", out _));
    }

    private static async Task<System.Text.Json.JsonElement> ListAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task UseSmtpAsync(TestCompany company, LoopbackSmtp smtp)
    {
        var admin = await company.AdminAsync();
        var (saved, body) = await admin.PutJsonAsync("/api/mail/settings", smtp.Settings());
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.False(body.GetProperty("usesPickupFolder").GetBoolean());
    }

    private static async Task OptInAsync(TestCompany company)
    {
        var admin = await company.AdminAsync();
        var current = await admin.GetJsonAsync("/api/straight-through-rules");
        var rules = new { enabled = true, requireContract = true, extrasThreshold = 0m, maxTotal = 1000m, maxSurchargedMinutes = 0, issueAutomatically = true, issueLimit = 500m };
        var (saved, _) = await admin.PutJsonAsync("/api/straight-through-rules", new { rules, version = current.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var settings = await admin.GetJsonAsync("/api/invoices/settings");
        var (changed, _) = await admin.PutJsonAsync("/api/invoices/settings", new
        {
            grouping = "PerReport",
            invoiceFormat = settings.GetProperty("invoiceFormat").GetString(),
            creditNoteFormat = settings.GetProperty("creditNoteFormat").GetString(),
        });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
    }

    /// <summary>A clean report pushed and approved on arrival, on a draft of its own (the customer has no e-mail yet, so no copy is mailed).</summary>
    private static async Task<(MasterData Data, Guid DraftId)> DraftAsync(WerkbonApp app, TestCompany company, int seed, string prefix = "Alpha")
    {
        var data = await MasterData.CreateAsync(company, prefix);
        var signed = SignedReports.Create(data.WorkOrderId, company.Technician.Id, new Random(seed), articleCode: data.ArticleCode, withFreeTextExtra: false);
        var pushed = await (await company.TechnicianAsync()).PushAsync(signed.Document, signed.Hash);
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);
        var draft = await app.InCompany(company.Id, (db, _) => db.Invoices.AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Draft && i.CustomerId == data.CustomerId).Select(i => i.Id).SingleAsync(Ct));
        return (data, draft);
    }

    private static Task<int> SetCustomerAsync(WerkbonApp app, TestCompany company, Guid customerId, string email, string language) =>
        app.InCompany(company.Id, async (db, _) =>
        {
            var customer = await db.Customers.FirstAsync(c => c.Id == customerId, Ct);
            customer.Email = email;
            customer.Language = language;
            return await db.SaveChangesAsync(Ct);
        });

    private static Task<byte[]> StoredAsync(WerkbonApp app, TestCompany company, Guid invoiceId, string kind) =>
        app.InCompany(company.Id, (db, _) => db.InvoiceFiles.AsNoTracking().Where(f => f.InvoiceId == invoiceId && f.Kind == kind).Select(f => f.Content).SingleAsync(Ct));

    private static Task<DateTime> NextAttemptAsync(WerkbonApp app, TestCompany company, Guid invoiceId) =>
        app.InCompany(company.Id, async (db, _) =>
        {
            var delivery = await db.Set<InvoiceDelivery>().AsNoTracking().SingleAsync(d => d.InvoiceId == invoiceId, Ct);
            return await db.Set<OutboxMessage>().AsNoTracking().Where(j => j.TargetId == delivery.Id).Select(j => j.NextAttemptAt).SingleAsync(Ct);
        });

    /// <summary>Waits (up to a generous bound) for the e-mail delivery of the invoice to satisfy <paramref name="done"/>.</summary>
    private static async Task<InvoiceDelivery> EventuallyAsync(WerkbonApp app, TestCompany company, Guid invoiceId, Func<InvoiceDelivery, bool> done)
    {
        InvoiceDelivery? last = null;
        for (var i = 0; i < 300; i++)
        {
            last = await app.InCompany(company.Id, (db, _) => db.Set<InvoiceDelivery>().AsNoTracking().SingleOrDefaultAsync(d => d.InvoiceId == invoiceId, Ct));
            if (last is not null && done(last))
            {
                return last;
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"The delivery did not get there: {last?.State} after {last?.Attempts} attempts, last error {last?.LastError}");
        return null!;
    }

    private static byte[] Content(MimePart part)
    {
        using var stream = new MemoryStream();
        part.Content!.DecodeTo(stream);
        return stream.ToArray();
    }

}

internal static class JsonArrays
{
    public static async Task<List<System.Text.Json.JsonElement>> ToListAsync(this Task<System.Text.Json.JsonElement> json) => [.. (await json).EnumerateArray()];
}
