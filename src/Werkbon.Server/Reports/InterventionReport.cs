using System.Text.Json;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Core.Review;

namespace Werkbon.Server.Reports;

public enum ReportStatus
{
    Signed,
    InReview,
    Approved,
    Invoiced,
}

/// <summary>
/// A signed intervention report (werkbon) as it arrived from the device. The signed content is kept
/// byte-exact in its canonical form with its SHA-256; it never changes (corrections are revisions).
/// The id is the one the device made.
/// </summary>
public sealed class InterventionReport : CompanyEntity
{
    private InterventionReport()
    {
    }

    public InterventionReport(ReportDocument document, string canonical, string hash, DateTime receivedAt)
    {
        Id = document.ReportId;
        WorkOrderId = document.WorkOrderId;
        TechnicianId = document.TechnicianId;
        VisitDate = document.VisitDate;
        SignedAt = document.Signature.SignedAt.UtcDateTime;
        CanonicalDocument = canonical;
        Hash = hash;
        ReceivedAt = receivedAt;
        FileHashes = [.. document.FileHashes()];
    }

    public Guid WorkOrderId { get; private set; }

    public Guid TechnicianId { get; private set; }

    public DateOnly VisitDate { get; private set; }

    public DateTime SignedAt { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    public ReportStatus Status { get; private set; } = ReportStatus.Signed;

    /// <summary>The canonical form the hash covers (docs/report-canonical-form.md), as received.</summary>
    public string CanonicalDocument { get; private set; } = "";

    public string Hash { get; private set; } = "";

    /// <summary>Photos and the signature image the report refers to, by SHA-256.</summary>
    public List<string> FileHashes { get; private set; } = [];

    /// <summary>The contract the report was priced under on arrival, if any.</summary>
    public Guid? ContractId { get; private set; }

    /// <summary>The server's pricing on arrival, lines with their explanations.</summary>
    public PricedReport? Pricing { get; private set; }

    public decimal PricedTotal { get; private set; }

    /// <summary>Why the report waits for the office, or <see cref="ReviewReason.Clean"/> when it went straight through.</summary>
    public List<ReviewReason> Reasons { get; private set; } = [];

    public DateTime? ApprovedAt { get; private set; }

    /// <summary>Who approved it; null when the straight-through rules did.</summary>
    public Guid? ApprovedBy { get; private set; }

    /// <summary>When the report's work went out on an invoice.</summary>
    public DateTime? InvoicedAt { get; private set; }

    /// <summary>When the invoice holding the report's work was paid in full.</summary>
    public DateTime? PaidAt { get; private set; }

    /// <summary>Prices the report on arrival and approves it when the straight-through rules allow.</summary>
    public void Arrive(PricedReport pricing, Guid? contractId, StraightThroughDecision decision, DateTime now)
    {
        if (Status != ReportStatus.Signed)
        {
            throw new DomainException("The report has already been handled.", nameof(Status), StatusCodes.Status409Conflict);
        }

        Pricing = pricing;
        ContractId = contractId;
        PricedTotal = pricing.Total;
        Reasons = [.. decision.Reasons];
        if (decision.Approve)
        {
            Status = ReportStatus.Approved;
            ApprovedAt = now;
        }
        else
        {
            Status = ReportStatus.InReview;
        }
    }

    /// <summary>The office approves the report for invoicing.</summary>
    public void Approve(Guid userId, DateTime now)
    {
        if (Status is not (ReportStatus.Signed or ReportStatus.InReview))
        {
            throw new DomainException($"A report that is {Status} cannot be approved again.", nameof(Status), StatusCodes.Status409Conflict);
        }

        Status = ReportStatus.Approved;
        ApprovedAt = now;
        ApprovedBy = userId;
    }

    /// <summary>The report's work is on an issued invoice.</summary>
    public void MarkInvoiced(DateTime at)
    {
        if (Status != ReportStatus.Approved)
        {
            throw new DomainException($"A report that is {Status} cannot be invoiced.", nameof(Status), StatusCodes.Status409Conflict);
        }

        Status = ReportStatus.Invoiced;
        InvoicedAt = at;
    }

    /// <summary>The invoice holding the report's work is paid.</summary>
    public void MarkPaid(DateTime at)
    {
        if (InvoicedAt is null)
        {
            throw new DomainException("A report that is not invoiced cannot be paid.", nameof(PaidAt), StatusCodes.Status409Conflict);
        }

        PaidAt ??= at;
    }

    /// <summary>The office may correct what feeds the invoice until the report is invoiced; after that a credit note corrects it.</summary>
    public void EnsureCorrectable()
    {
        if (Status == ReportStatus.Invoiced)
        {
            throw new DomainException("An invoiced report can no longer be corrected; issue a credit note instead.", nameof(Status), StatusCodes.Status409Conflict);
        }

        if (Pricing is null)
        {
            throw new DomainException("The report has not been priced yet.", nameof(Pricing), StatusCodes.Status409Conflict);
        }
    }

    public ReportDocument Document() =>
        JsonSerializer.Deserialize<ReportDocument>(CanonicalDocument, JsonColumns.Options)
        ?? throw new InvalidOperationException("The stored report cannot be read.");

    /// <summary>True when the stored canonical form still hashes to the stored hash.</summary>
    public bool IsIntact()
    {
        var document = Document();
        return ReportHash.Verify(document, Hash) && CanonicalReport.ToText(document) == CanonicalDocument;
    }
}

public enum StoredFileKind
{
    Photo,
    Signature,
}

/// <summary>A photo or signature image received from a device, stored once per company by its SHA-256.</summary>
public sealed class StoredFile : CompanyEntity
{
    public string Sha256 { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Length { get; set; }

    public DateTime ReceivedAt { get; set; }

    /// <summary>The technician who sent it; null for files stored by the server itself.</summary>
    public Guid? UploadedBy { get; set; }

    /// <summary>
    /// Sent ahead of its report and not yet referred to by a stored report: it counts against the sender's
    /// allowance and is removed after the retention period (<see cref="OrphanFiles"/>).
    /// </summary>
    public bool AwaitingReport { get; set; }
}
