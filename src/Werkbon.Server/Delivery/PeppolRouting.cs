using Werkbon.Core.Invoicing;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Reports;

namespace Werkbon.Server.Delivery;

/// <summary>
/// Runs an <see cref="OutboxKind.InvoicePeppol"/> job: looks the buyer up (registered for invoices, or for credit notes),
/// then hands the document to <see cref="PeppolDelivery.SendAsync"/>, whose answer the Peppol delivery follows. A buyer
/// not on Peppol (or a company whose access point went away) gets the e-mail instead; a failed lookup or a passing
/// failure of the access point is retried with the outbox backoff.
/// </summary>
public static class PeppolRouting
{
    public const string NotOnPeppol = "Not on Peppol, sent by e-mail.";

    /// <summary>Does the job and records its outcome on the job, the delivery and the invoice's audit trail (saved).</summary>
    public static async Task RunAsync(IServiceProvider services, AppDb db, OutboxMessage job, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(job);
        var delivery = await db.Set<InvoiceDelivery>().FirstOrDefaultAsync(d => d.Id == job.TargetId, ct);
        if (delivery is null)
        {
            job.Drop(now, "The delivery is gone.");
            await SaveAsync(db, ct);
            return;
        }

        var point = await services.GetRequiredService<PeppolAccessPoints>().ForCompanyAsync(db, ct);
        var sent = await db.Set<PeppolTransmission>().AnyAsync(t => t.InvoiceId == delivery.InvoiceId, ct);
        if (point is null)
        {
            await FallBackAsync(db, job, delivery, "No Peppol access point, sent by e-mail.", now, ct);
            return;
        }

        if (!sent)
        {
            var creditNote = await db.Invoices.AnyAsync(i => i.Id == delivery.InvoiceId && i.Kind == InvoiceKind.CreditNote, ct);
            var capabilities = await point.Directory.LookupAsync(delivery.Recipient, ct);
            if (capabilities is null)
            {
                const string error = "The Peppol participant lookup failed.";
                var givenUp = job.Fail(now, error, final: false);
                if (givenUp)
                {
                    delivery.GiveUp(error, now);
                }

                Audit(db, now, delivery, "invoice.peppol." + (givenUp ? "failed" : "retry"), $"attempt {job.Attempts}: {error}");
                await SaveAsync(db, ct);
                return;
            }

            if (!capabilities.Registered || !(creditNote ? capabilities.CreditNotes : capabilities.Invoices))
            {
                await FallBackAsync(db, job, delivery, NotOnPeppol, now, ct);
                return;
            }
        }

        TransportReceipt receipt;
        try
        {
            receipt = await services.GetRequiredService<PeppolDelivery>().SendAsync(db, delivery.InvoiceId, ct);
        }
        catch (DomainException e)
        {
            job.Fail(now, e.Message, final: true);
            delivery.GiveUp(e.Message, now);
            Audit(db, now, delivery, "invoice.peppol.failed", e.Message);
            await SaveAsync(db, ct);
            return;
        }

        var answered = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (receipt.State == DeliveryState.Rejected)
        {
            job.Fail(answered, receipt.Reason ?? "Rejected.", final: true);
        }
        else if (receipt.State == DeliveryState.Queued)
        {
            // The access point failed for now: the outbox tries again later (the polling may beat it; it is sent once).
            if (job.Fail(answered, receipt.Reason ?? "The access point did not answer.", final: false))
            {
                delivery.GiveUp(job.LastError, answered);
                Audit(db, answered, delivery, "invoice.peppol.failed", job.LastError);
            }
        }
        else
        {
            job.Succeed(answered);
        }

        await SaveAsync(db, ct);
    }

    /// <summary>The buyer gets an e-mail instead: the e-mail delivery is planned now unless it already was.</summary>
    private static async Task FallBackAsync(AppDb db, OutboxMessage job, InvoiceDelivery delivery, string reason, DateTime now, CancellationToken ct)
    {
        delivery.NotOnPeppol(reason, now);
        job.Succeed(now);
        Audit(db, now, delivery, "invoice.peppol.not-registered", reason);
        if (!await db.Set<InvoiceDelivery>().AnyAsync(d => d.InvoiceId == delivery.InvoiceId && d.Channel == DeliveryChannel.Email, ct))
        {
            var email = await db.Invoices.Where(i => i.Id == delivery.InvoiceId)
                .Join(db.Customers, i => i.CustomerId, c => c.Id, (_, c) => c.Email).FirstOrDefaultAsync(ct) ?? "";
            var planned = InvoiceDeliveries.PlanEmail(db, delivery.InvoiceId, email, now);
            if (planned.State == DeliveryState.NoAddress)
            {
                Audit(db, now, delivery, "invoice.mail.no-address", "");
            }
        }

        await SaveAsync(db, ct);
    }

    private static void Audit(AppDb db, DateTime now, InvoiceDelivery delivery, string action, string reason) =>
        db.AuditEvents.Add(new AuditEvent
        {
            At = now,
            Action = action,
            Entity = nameof(Invoice),
            EntityId = delivery.InvoiceId,
            After = delivery.Recipient,
            Reason = reason.Length > 500 ? reason[..500] : reason,
        });

    private static async Task SaveAsync(AppDb db, CancellationToken ct)
    {
        await using var transaction = await SerialWrites.BeginWriteAsync(db, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
