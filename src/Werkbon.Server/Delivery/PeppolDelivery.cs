using System.Xml.Linq;
using Werkbon.Core.Invoicing;
using Werkbon.Server.Invoicing;

namespace Werkbon.Server.Delivery;

/// <summary>One issued document's way over Peppol: the latest answer of the access point.</summary>
public sealed class PeppolTransmission : CompanyEntity
{
    private PeppolTransmission()
    {
    }

    public PeppolTransmission(Guid invoiceId, string receiverId, DateTime now)
    {
        InvoiceId = invoiceId;
        ReceiverId = receiverId;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid InvoiceId { get; private set; }

    public string ReceiverId { get; private set; } = "";

    public DeliveryState State { get; private set; } = DeliveryState.Queued;

    /// <summary>The access point's id of the document, once it took it.</summary>
    public string? TransmissionId { get; private set; }

    /// <summary>Why the last try failed or the document was refused.</summary>
    public string? Reason { get; private set; }

    /// <summary>How many times the document was handed to the access point.</summary>
    public int Attempts { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public void Attempt(DateTime now)
    {
        Attempts++;
        UpdatedAt = now;
        Reason = null;
    }

    /// <summary>
    /// Whether a sender claimed it and has not recorded the access point's answer yet (a passing failure always
    /// records its reason). A claim older than <paramref name="hold"/> is taken as abandoned by a sender that stopped.
    /// </summary>
    public bool InFlight(DateTime now, TimeSpan hold) =>
        State == DeliveryState.Queued && Attempts > 0 && Reason is null && now - UpdatedAt < hold;

    public void Record(TransportReceipt receipt, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        // A passing failure never takes back what is known: a sent document stays sent while its status is unknown.
        if (!receipt.Retry || State == DeliveryState.Queued)
        {
            State = receipt.State;
        }

        TransmissionId = receipt.TransmissionId ?? TransmissionId;
        Reason = receipt.Reason;
        UpdatedAt = now;
    }

    public TransportReceipt Receipt() => new(State, TransmissionId, Reason, Retry: State == DeliveryState.Queued && Reason is not null);
}

/// <summary>An invoice and where its Peppol delivery stands.</summary>
public sealed record PeppolDeliveryState(Guid InvoiceId, DeliveryState State, string? TransmissionId, string? Reason, int Attempts, DateTime UpdatedAt);

/// <summary>
/// Sends an issued invoice or credit note over Peppol through the company's access point, and follows it until the
/// buyer's access point has it (delivered) or it was refused. The UBL sent is the stored file, byte for byte as issued.
/// Each invoice is sent once: a second call answers what is known, and only a passing failure is tried again.
/// </summary>
public sealed class PeppolDelivery(PeppolAccessPoints accessPoints, TimeProvider clock, ILogger<PeppolDelivery> log)
{
    /// <summary>How long a claimed send may wait for the access point's answer before another sender may try.</summary>
    private static readonly TimeSpan InFlightHold = TimeSpan.FromMinutes(5);

    private static readonly XNamespace Cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
    private static readonly XNamespace Cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

    /// <summary>
    /// Hands the issued document <paramref name="invoiceId"/> to the access point (or tries again after a passing
    /// failure) and records the answer. Throws <see cref="DomainException"/> when there is nothing to send: not issued,
    /// no UBL (the buyer has no Peppol address), or no access point configured.
    /// </summary>
    public async Task<TransportReceipt> SendAsync(AppDb db, Guid invoiceId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transmission = await db.Set<PeppolTransmission>().FirstOrDefaultAsync(t => t.InvoiceId == invoiceId, ct);
        if (transmission is not null && (transmission.State != DeliveryState.Queued || transmission.InFlight(clock.GetUtcNow().UtcDateTime, InFlightHold)))
        {
            return transmission.Receipt();
        }

        var invoice = await db.Invoices.AsNoTracking().Where(i => i.Id == invoiceId && i.Status == InvoiceStatus.Issued)
            .Select(i => new { i.Id, i.Number, i.Kind, i.CompanyId }).FirstOrDefaultAsync(ct)
            ?? throw new DomainException("No issued invoice has this id.", "invoiceId", StatusCodes.Status404NotFound);
        var ubl = await db.InvoiceFiles.AsNoTracking().Where(f => f.InvoiceId == invoiceId && f.Kind == InvoiceFile.Ubl).Select(f => f.Content).FirstOrDefaultAsync(ct)
            ?? throw new DomainException($"{invoice.Number} has no Peppol UBL: its buyer has no Peppol address.", "invoiceId", StatusCodes.Status409Conflict);
        var point = await accessPoints.ForCompanyAsync(db, ct)
            ?? throw new DomainException("No Peppol access point is configured for this company.", status: StatusCodes.Status409Conflict);
        var receiver = ReceiverOf(ubl)
            ?? throw new DomainException($"{invoice.Number}'s UBL names no buyer endpoint.", "invoiceId", StatusCodes.Status409Conflict);

        var now = clock.GetUtcNow().UtcDateTime;
        if (transmission is null)
        {
            transmission = new PeppolTransmission(invoiceId, receiver, now);
            db.Add(transmission);
        }

        // Claimed before it leaves: the unique row (or its version) stops a second caller from sending it too, and
        // while the claim waits for its answer no other caller takes it (InFlight).
        transmission.Attempt(now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || SerialWrites.IsUniqueViolation(e))
        {
            // Another sender (the outbox job, the polling, a second node) claimed it first: answer what it knows.
            db.Entry(transmission).State = EntityState.Detached;
            var claimed = await db.Set<PeppolTransmission>().AsNoTracking().FirstAsync(t => t.InvoiceId == invoiceId, ct);
            return claimed.Receipt();
        }

        var document = new PeppolDocument(invoice.CompanyId, invoice.Id, invoice.Number!, invoice.Kind == InvoiceKind.CreditNote, point.SenderId, receiver, ubl);
        var receipt = await point.Transport.SendAsync(document, ct);
        var answered = clock.GetUtcNow().UtcDateTime;
        transmission.Record(receipt, answered);
        await db.SaveChangesAsync(ct);
        await InvoiceDeliveries.FollowAndSaveAsync(db, transmission, answered, attempt: true, ct);
        log.LogInformation("Peppol delivery of {InvoiceId}: {State} after {Attempts} attempt(s)", invoiceId, transmission.State, transmission.Attempts);
        return receipt;
    }

    /// <summary>
    /// Moves every open delivery of the current company one step: a queued one (a passing failure) is tried again,
    /// a sent one is asked for its status. Answers what changed or was tried.
    /// </summary>
    public async Task<IReadOnlyList<PeppolDeliveryState>> RefreshAsync(AppDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = await db.Set<PeppolTransmission>().AsNoTracking()
            .Where(t => t.State == DeliveryState.Queued || t.State == DeliveryState.Sent)
            .OrderBy(t => t.UpdatedAt).Select(t => new { t.InvoiceId, t.State }).ToListAsync(ct);
        if (open.Count == 0 || await accessPoints.ForCompanyAsync(db, ct) is not { } point)
        {
            return [];
        }

        foreach (var item in open)
        {
            if (item.State == DeliveryState.Queued)
            {
                await SendAsync(db, item.InvoiceId, ct);
                continue;
            }

            var transmission = await db.Set<PeppolTransmission>().FirstAsync(t => t.InvoiceId == item.InvoiceId, ct);
            if (transmission.TransmissionId is { } id)
            {
                var status = await point.Transport.StatusAsync(id, ct);
                var answered = clock.GetUtcNow().UtcDateTime;
                transmission.Record(status, answered);
                await db.SaveChangesAsync(ct);
                await InvoiceDeliveries.FollowAndSaveAsync(db, transmission, answered, attempt: false, ct);
            }
        }

        var invoiceIds = open.Select(o => o.InvoiceId).ToList();
        return await db.Set<PeppolTransmission>().AsNoTracking().Where(t => invoiceIds.Contains(t.InvoiceId))
            .Select(t => new PeppolDeliveryState(t.InvoiceId, t.State, t.TransmissionId, t.Reason, t.Attempts, t.UpdatedAt)).ToListAsync(ct);
    }

    /// <summary>Where the Peppol delivery of an invoice stands; null when it was never handed over.</summary>
    public static Task<PeppolDeliveryState?> StateAsync(AppDb db, Guid invoiceId, CancellationToken ct) =>
        db.Set<PeppolTransmission>().AsNoTracking().Where(t => t.InvoiceId == invoiceId)
            .Select(t => new PeppolDeliveryState(t.InvoiceId, t.State, t.TransmissionId, t.Reason, t.Attempts, t.UpdatedAt)).FirstOrDefaultAsync(ct);

    /// <summary>The buyer's endpoint as the issued UBL names it (<c>cbc:EndpointID</c> of the customer party), <c>scheme:id</c>.</summary>
    public static string? ReceiverOf(byte[] ubl)
    {
        using var stream = new MemoryStream(ubl, writable: false);
        var endpoint = XDocument.Load(stream).Root?.Element(Cac + "AccountingCustomerParty")?.Element(Cac + "Party")?.Element(Cbc + "EndpointID");
        var scheme = endpoint?.Attribute("schemeID")?.Value;
        return endpoint is null || string.IsNullOrWhiteSpace(scheme) || string.IsNullOrWhiteSpace(endpoint.Value) ? null : $"{scheme.Trim()}:{endpoint.Value.Trim()}";
    }
}
