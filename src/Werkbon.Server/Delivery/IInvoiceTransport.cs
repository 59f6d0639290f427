namespace Werkbon.Server.Delivery;

/// <summary>Where an invoice's delivery stands on one channel.</summary>
public enum DeliveryState
{
    /// <summary>Waiting in the outbox (first try or a retry after a failure).</summary>
    Queued,

    /// <summary>Handed over: accepted by the SMTP server or by the access point.</summary>
    Sent,

    /// <summary>The receiving side confirmed it (Peppol: delivered to the buyer's access point).</summary>
    Delivered,

    /// <summary>Refused for good, with the reason; retrying would not help.</summary>
    Rejected,

    /// <summary>Every retry failed until the outbox gave up (about a day); the last error says why.</summary>
    Failed,

    /// <summary>Nothing to send to: the customer has no address on this channel.</summary>
    NoAddress,
}

/// <summary>One invoice or credit note on its way over the Peppol network.</summary>
/// <param name="SenderId">The supplier's participant id as <c>scheme:id</c>, e.g. <c>0208:0403170701</c>.</param>
/// <param name="ReceiverId">The buyer's participant id as <c>scheme:id</c>.</param>
/// <param name="Ubl">The Peppol BIS Billing 3.0 document, exactly as issued.</param>
public sealed record PeppolDocument(Guid CompanyId, Guid InvoiceId, string Number, bool IsCreditNote, string SenderId, string ReceiverId, byte[] Ubl);

/// <summary>What the transport answered.</summary>
/// <param name="TransmissionId">The transport's id for the document, to ask its status later.</param>
/// <param name="Reason">Why it was rejected or failed, in the transport's words.</param>
/// <param name="Retry">True when the failure is passing (timeout, 5xx, 429): try again later.</param>
public sealed record TransportReceipt(DeliveryState State, string? TransmissionId, string? Reason, bool Retry)
{
    public static TransportReceipt Failed(string reason) => new(DeliveryState.Queued, null, reason, Retry: true);
}

/// <summary>Sends documents over Peppol through an access point, and asks how they fared.</summary>
public interface IInvoiceTransport
{
    /// <summary>Hands the document over. Never throws for a network or server failure: answers <see cref="TransportReceipt.Retry"/>.</summary>
    Task<TransportReceipt> SendAsync(PeppolDocument document, CancellationToken ct);

    /// <summary>The current state of a document handed over earlier.</summary>
    Task<TransportReceipt> StatusAsync(string transmissionId, CancellationToken ct);
}

/// <summary>Whether a participant can receive a document type over Peppol.</summary>
public sealed record PeppolCapabilities(bool Registered, bool Invoices, bool CreditNotes);

/// <summary>Peppol participant lookup (the access point's directory API or SMP discovery).</summary>
public interface IPeppolDirectory
{
    /// <summary>What <paramref name="participantId"/> (<c>scheme:id</c>) can receive; null when the lookup itself failed.</summary>
    Task<PeppolCapabilities?> LookupAsync(string participantId, CancellationToken ct);
}
