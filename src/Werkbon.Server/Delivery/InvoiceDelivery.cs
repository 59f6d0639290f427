using Werkbon.Server.Customers;
using Werkbon.Server.Invoicing;

namespace Werkbon.Server.Delivery;

/// <summary>A way an invoice reaches its customer.</summary>
public enum DeliveryChannel
{
    Email,
    Peppol,
}

/// <summary>
/// An issued invoice or credit note on its way to the customer over one channel: where it stands, to whom, how many
/// attempts, the last error, and when the receiving server accepted it (the end of "signature → delivered").
/// </summary>
public sealed class InvoiceDelivery : CompanyEntity
{
    private InvoiceDelivery()
    {
    }

    public InvoiceDelivery(Guid invoiceId, DeliveryChannel channel, string recipient, DateTime now)
    {
        InvoiceId = invoiceId;
        Channel = channel;
        Recipient = recipient;
        QueuedAt = now;
        State = recipient.Length == 0 ? DeliveryState.NoAddress : DeliveryState.Queued;
    }

    public Guid InvoiceId { get; private set; }

    public DeliveryChannel Channel { get; private set; }

    public DeliveryState State { get; private set; }

    /// <summary>The e-mail address or Peppol participant id it goes to; empty when there is none.</summary>
    public string Recipient { get; private set; } = "";

    public int Attempts { get; private set; }

    public string LastError { get; private set; } = "";

    public DateTime QueuedAt { get; private set; }

    public DateTime? LastAttemptAt { get; private set; }

    /// <summary>When the SMTP server (or the access point) accepted it.</summary>
    public DateTime? DeliveredAt { get; private set; }

    public void Accepted(string recipient, DateTime now)
    {
        Recipient = recipient;
        Attempts++;
        LastAttemptAt = now;
        DeliveredAt = now;
        LastError = "";
        State = DeliveryState.Sent;
    }

    /// <summary>A failed attempt: still queued for a retry, failed when the outbox gave up, rejected when refused for good.</summary>
    public void Attempted(string error, DateTime now, bool givenUp, bool refused)
    {
        Attempts++;
        LastAttemptAt = now;
        LastError = error.Length > 500 ? error[..500] : error;
        State = refused ? DeliveryState.Rejected : givenUp ? DeliveryState.Failed : DeliveryState.Queued;
    }

    /// <summary>A Peppol delivery follows its transmission: state, attempts, reason; accepted by the access point is delivered.</summary>
    public void Follow(PeppolTransmission transmission, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(transmission);
        State = transmission.State;
        Attempts = transmission.Attempts;
        LastAttemptAt = transmission.UpdatedAt;
        var reason = transmission.Reason ?? "";
        LastError = reason.Length > 500 ? reason[..500] : reason;
        if (State is DeliveryState.Sent or DeliveryState.Delivered)
        {
            DeliveredAt ??= now;
        }
    }

    /// <summary>The outbox gave up on it (a failure that kept passing, or nothing to send it with).</summary>
    public void GiveUp(string error, DateTime now)
    {
        LastAttemptAt = now;
        LastError = error.Length > 500 ? error[..500] : error;
        State = DeliveryState.Failed;
    }

    /// <summary>The buyer cannot receive it over Peppol: nothing to send to on this channel.</summary>
    public void NotOnPeppol(string reason, DateTime now)
    {
        LastAttemptAt = now;
        LastError = reason;
        State = DeliveryState.NoAddress;
    }

    public void NoAddress(DateTime now)
    {
        LastAttemptAt = now;
        Recipient = "";
        State = DeliveryState.NoAddress;
    }
}

/// <summary>The delivery filter of the invoice list (<c>/invoices?delivery=failed</c>): failed takes refused ones too.</summary>
public enum DeliveryFilter
{
    Queued,
    Sent,
    Failed,
    NoAddress,
}

/// <summary>What the office reads of a delivery (invoice page, API).</summary>
public sealed record DeliveryView(
    DeliveryChannel Channel, DeliveryState State, string Recipient, int Attempts, string LastError, DateTime QueuedAt, DateTime? LastAttemptAt, DateTime? DeliveredAt);

/// <summary>Where invoice deliveries are planned and read: the seam where another channel (Peppol) joins.</summary>
public static class InvoiceDeliveries
{
    /// <summary>
    /// Adds (not saved) the deliveries of a document just issued, with their outbox jobs, to the issuing transaction.
    /// <paramref name="peppolReceiver"/> (the company sends over Peppol and the document's UBL names this buyer endpoint):
    /// a Peppol delivery to it, whose job looks the buyer up when it runs and falls back to e-mail; e-mail as well only
    /// when the customer asks for it. Otherwise e-mail to the customer's address; without one the delivery says so and
    /// no job is queued.
    /// </summary>
    public static void Plan(AppDb db, Invoice invoice, Customer customer, DateTime now, string? peppolReceiver = null)
    {
        if (!string.IsNullOrEmpty(peppolReceiver))
        {
            var peppol = new InvoiceDelivery(invoice.Id, DeliveryChannel.Peppol, peppolReceiver, now);
            db.Add(peppol);
            db.Add(new OutboxMessage(OutboxKind.InvoicePeppol, peppol.Id, now));
            if (!customer.AlsoEmailInvoices)
            {
                return;
            }
        }

        PlanEmail(db, invoice.Id, customer.Email, now);
    }

    /// <summary>Adds (not saved) the e-mail delivery of an invoice and, when there is an address, its outbox job.</summary>
    public static InvoiceDelivery PlanEmail(AppDb db, Guid invoiceId, string email, DateTime now)
    {
        var delivery = new InvoiceDelivery(invoiceId, DeliveryChannel.Email, email.Trim(), now);
        db.Add(delivery);
        if (delivery.State == DeliveryState.Queued)
        {
            db.Add(new OutboxMessage(OutboxKind.InvoiceEmail, delivery.Id, now));
        }

        return delivery;
    }

    /// <summary>Whether the current company sends over Peppol (an enabled account with its secret).</summary>
    public static Task<bool> PeppolEnabledAsync(AppDb db, CancellationToken ct) =>
        db.Set<PeppolAccount>().AnyAsync(a => a.ArchivedAt == null && a.Enabled && a.ProtectedSecret != "", ct);

    /// <summary>
    /// Brings the invoice's Peppol delivery (if any) in line with its transmission, not saved; an attempt or a change of
    /// state is audited on the invoice like the mail attempts.
    /// </summary>
    public static async Task FollowAsync(AppDb db, PeppolTransmission transmission, DateTime now, bool attempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(transmission);
        var delivery = await db.Set<InvoiceDelivery>().FirstOrDefaultAsync(d => d.InvoiceId == transmission.InvoiceId && d.Channel == DeliveryChannel.Peppol, ct);
        var before = delivery?.State;
        delivery?.Follow(transmission, now);
        if (!attempt && before == transmission.State)
        {
            return;
        }

        var retry = transmission.State == DeliveryState.Queued;
        var reason = $"attempt {transmission.Attempts}" + (transmission.Reason is { Length: > 0 } why ? ": " + why : "");
        db.AuditEvents.Add(new Reports.AuditEvent
        {
            At = now,
            Action = "invoice.peppol." + (retry ? "retry" : transmission.State.ToString().ToLowerInvariant()),
            Entity = nameof(Invoice),
            EntityId = transmission.InvoiceId,
            After = transmission.ReceiverId,
            Reason = reason.Length > 500 ? reason[..500] : reason,
        });
    }

    /// <summary>
    /// <see cref="FollowAsync"/> for a transmission whose answer is already saved, then saves the delivery. Another writer
    /// (the polling, the outbox job, a second node) may have moved the delivery since it was read: then the delivery and
    /// the transmission are read again and followed as they are now, so no answer of the access point is lost to the race.
    /// </summary>
    public static async Task FollowAndSaveAsync(AppDb db, PeppolTransmission transmission, DateTime now, bool attempt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await FollowAsync(db, transmission, now, attempt, ct);
        for (var tries = 1; ; tries++)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException e) when (tries < 5)
            {
                foreach (var entry in e.Entries)
                {
                    await entry.ReloadAsync(ct);
                }

                await db.Entry(transmission).ReloadAsync(ct);
                db.ChangeTracker.Entries<InvoiceDelivery>().Select(d => d.Entity)
                    .FirstOrDefault(d => d.InvoiceId == transmission.InvoiceId && d.Channel == DeliveryChannel.Peppol)?.Follow(transmission, now);
            }
        }
    }

    /// <summary>The list filter named in a query (<c>failed</c>, <c>no-address</c>, any case); null for none; an unknown name is refused (400).</summary>
    public static DeliveryFilter? Filter(string? name) =>
        string.IsNullOrEmpty(name) ? null
        : Enum.TryParse<DeliveryFilter>(name.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var filter) && Enum.IsDefined(filter) && !name.Any(char.IsAsciiDigit) ? filter
        : throw new DomainException("Filter deliveries by queued, sent, failed or no-address.", "delivery", StatusCodes.Status400BadRequest);

    public static DeliveryState[] StatesOf(DeliveryFilter filter) => filter switch
    {
        DeliveryFilter.Queued => [DeliveryState.Queued],
        DeliveryFilter.Sent => [DeliveryState.Sent, DeliveryState.Delivered],
        DeliveryFilter.Failed => [DeliveryState.Failed, DeliveryState.Rejected],
        _ => [DeliveryState.NoAddress],
    };

    /// <summary><c>GET /api/invoices/{id}/deliveries</c>: where the invoice stands on each channel.</summary>
    public static async Task<Results<Ok<IReadOnlyList<DeliveryView>>, NotFound<Microsoft.AspNetCore.Mvc.ProblemDetails>>> Get(Guid id, AppDb db, CancellationToken ct) =>
        await db.Invoices.AnyAsync(i => i.Id == id, ct) ? TypedResults.Ok(await OfAsync(db, id, ct)) : Rows.Missing("invoice");

    /// <summary>The attempts logged on the invoice, oldest first (the invoice page's delivery history).</summary>
    public static async Task<IReadOnlyList<Reports.AuditEvent>> AttemptsAsync(AppDb db, Guid invoiceId, CancellationToken ct) =>
        await db.AuditEvents.AsNoTracking().Where(a => a.EntityId == invoiceId && (a.Action.StartsWith("invoice.mail.") || a.Action.StartsWith("invoice.peppol."))).OrderBy(a => a.At).ToListAsync(ct);

    public static async Task<IReadOnlyList<DeliveryView>> OfAsync(AppDb db, Guid invoiceId, CancellationToken ct) =>
        await db.Set<InvoiceDelivery>().AsNoTracking().Where(d => d.InvoiceId == invoiceId).OrderBy(d => d.Channel)
            .Select(d => new DeliveryView(d.Channel, d.State, d.Recipient, d.Attempts, d.LastError, d.QueuedAt, d.LastAttemptAt, d.DeliveredAt))
            .ToListAsync(ct);
}
