using System.Globalization;
using MimeKit;
using Werkbon.Core.Invoicing;
using Werkbon.Server.Companies;
using Werkbon.Server.Customers;
using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Invoicing.Documents;
using Werkbon.Server.Reports;

namespace Werkbon.Server.Delivery;

/// <summary>A message ready to go, with the address it goes to.</summary>
public sealed record ComposedMail(MimeMessage Message, string Recipient);

/// <summary>
/// Writes the mails in the customer's language (texts in <c>Resources/mail</c>): an issued invoice or credit note with its PDF,
/// its UBL when it has one and the portal link; the customer's copy of a signed report with its PDF. Reads the stored files,
/// never renders an invoice again.
/// </summary>
public sealed class DeliveryMail(Texts texts, Portal.PortalLinks portal, InvoiceRendering rendering)
{
    /// <summary>The invoice's mail, or null when the invoice has no address to go to any more. Adds a portal link to <paramref name="db"/> (saved with the outcome).</summary>
    public async Task<ComposedMail?> InvoiceAsync(AppDb db, OutboxMessage job, InvoiceDelivery delivery, MailSettings? settings, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstAsync(i => i.Id == delivery.InvoiceId, ct);
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == invoice.CustomerId, ct);
        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == db.CompanyId, ct);
        var recipient = customer.Email.Trim();
        if (recipient.Length == 0)
        {
            return null;
        }

        var files = await db.InvoiceFiles.AsNoTracking().Where(f => f.InvoiceId == invoice.Id).ToListAsync(ct);
        var language = Texts.Normalize(customer.Language);
        var credit = invoice.Kind == InvoiceKind.CreditNote;
        var amount = Amount(invoice.Total, language);
        var link = portal.Issue(db, customer.Id);
        var subject = T(language, credit ? "Mail.CreditNote.Subject" : "Mail.Invoice.Subject", invoice.Number!, amount, company.LegalName);
        var body = credit
            ? T(language, "Mail.CreditNote.Body", customer.Name, invoice.Number!, company.LegalName, amount, link)
            : T(language, "Mail.Invoice.Body", customer.Name, invoice.Number!, company.LegalName, amount,
                invoice.DueDate is { } due ? due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "", FormatIban(company.Iban),
                invoice.StructuredCommunication ?? "", link);

        var builder = new BodyBuilder { TextBody = body };
        var name = invoice.Number!.Replace('/', '-');
        if (files.FirstOrDefault(f => f.Kind == InvoiceFile.Pdf) is { } pdf)
        {
            builder.Attachments.Add($"{name}.pdf", pdf.Content, new ContentType("application", "pdf"));
        }

        if (files.FirstOrDefault(f => f.Kind == InvoiceFile.Ubl) is { } ubl)
        {
            builder.Attachments.Add($"{name}.xml", ubl.Content, new ContentType("application", "xml"));
        }

        return new ComposedMail(Message(job, company, settings, customer, recipient, subject, builder), recipient);
    }

    /// <summary>
    /// A payment reminder (friendly, firm or final wording) for the <see cref="Payments.SentReminder"/> the job targets:
    /// what is still owed, the due date, IBAN and structured communication, the portal link, the EPC payment QR code
    /// and the invoice PDF; a business customer's final one adds the legal interest to date and the fixed compensation.
    /// Null when the customer has no e-mail address or nothing is due any more.
    /// </summary>
    public async Task<ComposedMail?> ReminderAsync(AppDb db, OutboxMessage job, MailSettings? settings, CancellationToken ct)
    {
        var sent = await db.Set<Payments.SentReminder>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == job.TargetId, ct);
        if (sent is null)
        {
            return null;
        }

        var invoice = await db.Invoices.AsNoTracking().FirstAsync(i => i.Id == sent.InvoiceId, ct);
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == invoice.CustomerId, ct);
        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == db.CompanyId, ct);
        var recipient = customer.Email.Trim();
        if (recipient.Length == 0)
        {
            return null;
        }

        var settingsOfReminders = await Payments.Reminders.SettingsAsync(db, ct);
        var outstanding = await db.InvoiceBalances.AsNoTracking().Where(b => b.InvoiceId == invoice.Id).Select(b => (decimal?)b.Outstanding).FirstOrDefaultAsync(ct)
            ?? invoice.Total - await db.Invoices.AsNoTracking().Where(n => n.Status == InvoiceStatus.Issued && n.CorrectsInvoiceId == invoice.Id).SumAsync(n => n.Total, ct);
        var today = CompanyClock.Of(company).DateOf(new DateTimeOffset(sent.At, TimeSpan.Zero));
        var language = Texts.Normalize(customer.Language);
        var due = invoice.DueDate ?? today;
        var link = portal.Issue(db, customer.Id);
        var step = sent.Step.ToString();
        var subject = T(language, $"Mail.Reminder.{step}.Subject", invoice.Number!, company.LegalName);
        var body = T(language, $"Mail.Reminder.{step}.Body", customer.Name, invoice.Number!, company.LegalName, Amount(outstanding, language),
            due.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), FormatIban(company.Iban), invoice.StructuredCommunication ?? "", link);
        if (sent.Step == Core.Banking.ReminderStep.Final && customer.Kind == CustomerKind.Business)
        {
            var interest = Core.Banking.ReminderSchedule.LegalInterest(outstanding, settingsOfReminders.LegalInterestRate, due, today);
            body += "\n\n" + T(language, "Mail.Reminder.Legal", Amount(interest, language), settingsOfReminders.LegalInterestRate.ToString("0.###", CultureInfo.InvariantCulture),
                today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), Amount(Core.Banking.ReminderSchedule.FixedCompensation, language));
        }

        body += "\n\n" + T(language, "Mail.Reminder.Closing", company.LegalName);
        var builder = new BodyBuilder { TextBody = body };
        var name = invoice.Number!.Replace('/', '-');
        if (await db.InvoiceFiles.AsNoTracking().FirstOrDefaultAsync(f => f.InvoiceId == invoice.Id && f.Kind == InvoiceFile.Pdf, ct) is { } pdf)
        {
            builder.Attachments.Add($"{name}.pdf", pdf.Content, new ContentType("application", "pdf"));
        }

        if (invoice.Snapshot is { } snapshot && PaymentQr.Payload(InvoiceHashes.Read(snapshot), outstanding) is { } payload)
        {
            builder.Attachments.Add($"{name}-qr.png", PaymentQr.Png(payload), new ContentType("image", "png"));
        }

        return new ComposedMail(Message(job, company, settings, customer, recipient, subject, builder), recipient);
    }

    /// <summary>The customer's copy of a signed report, or null when the customer has no e-mail address.</summary>
    public async Task<ComposedMail?> ReportAsync(AppDb db, OutboxMessage job, CancellationToken ct)
    {
        var row = await (from r in db.Reports.AsNoTracking()
                         join w in db.WorkOrders on r.WorkOrderId equals w.Id
                         join s in db.Sites on w.SiteId equals s.Id
                         join u in db.Users on r.TechnicianId equals u.Id
                         where r.Id == job.TargetId
                         select new { Report = r, w.Number, w.CustomerId, s.Address, u.DisplayName }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == row.CustomerId, ct);
        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == db.CompanyId, ct);
        var recipient = customer.Email.Trim();
        if (recipient.Length == 0)
        {
            return null;
        }

        var language = Texts.Normalize(customer.Language);
        var document = row.Report.Document();
        var clock = CompanyClock.Of(company);
        var pdf = await rendering.RenderReportAsync(
            company.Id, clock, new ReportForPdf(document, row.Report.Hash, row.DisplayName, row.Address.ToString(), row.Number), customer.Name, language, company.LegalName, ct);
        var signedOn = clock.DateOf(document.Signature.SignedAt).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var subject = T(language, "Mail.Report.Subject", row.Number, company.LegalName);
        var builder = new BodyBuilder { TextBody = T(language, "Mail.Report.Body", customer.Name, row.Number, signedOn, company.LegalName, document.Signature.SignerName) };
        builder.Attachments.Add($"{row.Number}.pdf", pdf, new ContentType("application", "pdf"));
        return new ComposedMail(Message(job, company, settings: await db.Set<MailSettings>().AsNoTracking().FirstOrDefaultAsync(ct), customer, recipient, subject, builder), recipient);
    }

    private static MimeMessage Message(OutboxMessage job, Company company, MailSettings? settings, Customer customer, string recipient, string subject, BodyBuilder body)
    {
        var message = new MimeMessage
        {
            // One Message-ID per job: every retry (and a resend after a crash) is recognisably the same mail.
            MessageId = job.MessageId,
            Subject = subject,
            Body = body.ToMessageBody(),
            Date = new DateTimeOffset(job.CreatedAt, TimeSpan.Zero),
        };
        var senderName = settings is { SenderName.Length: > 0 } ? settings.SenderName : company.LegalName;
        var senderAddress = settings is { SenderAddress.Length: > 0 } ? settings.SenderAddress
            : company.Email.Length > 0 ? company.Email : "noreply@werkbon.invalid";
        message.From.Add(new MailboxAddress(senderName, senderAddress));
        var replyTo = settings is { ReplyTo.Length: > 0 } ? settings.ReplyTo : company.Email;
        if (replyTo.Length > 0 && !string.Equals(replyTo, senderAddress, StringComparison.OrdinalIgnoreCase))
        {
            message.ReplyTo.Add(MailboxAddress.Parse(replyTo));
        }

        message.To.Add(new MailboxAddress(customer.Name, recipient));
        message.Headers.Add("Content-Language", Texts.Normalize(customer.Language));
        return message;
    }

    private string T(string language, string key, params object[] args) => string.Format(CultureInfo.InvariantCulture, texts.In(language, key), args);

    /// <summary>1.234,56 € (nl), 1 234,56 € (fr), €1,234.56 (en): as on the PDF.</summary>
    public static string Amount(decimal amount, string language)
    {
        var invariant = amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
        var n = language switch
        {
            "en" => invariant,
            "fr" => invariant.Replace(',', ' ').Replace('.', ','),
            _ => invariant.Replace(',', '_').Replace('.', ',').Replace('_', '.'),
        };
        return language == "en" ? (amount < 0 ? $"-€{n[1..]}" : $"€{n}") : $"{n} €";
    }

    private static string FormatIban(string iban)
    {
        var compact = new string([.. iban.Where(c => !char.IsWhiteSpace(c))]);
        return string.Join(' ', compact.Chunk(4).Select(c => new string(c)));
    }
}
