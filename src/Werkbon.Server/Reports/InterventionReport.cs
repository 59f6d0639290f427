using System.Text.Json;
using Werkbon.Core.Reports;

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

    public ReportDocument Document() =>
        JsonSerializer.Deserialize<ReportDocument>(CanonicalDocument, JsonColumns.Options)
        ?? throw new InvalidOperationException("The stored report cannot be read.");

    /// <summary>True when the stored canonical form still hashes to the stored hash.</summary>
    public bool IsIntact() => ReportHash.Verify(Document(), Hash) && CanonicalReport.ToText(Document()) == CanonicalDocument;
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
}
