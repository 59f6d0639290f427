using Werkbon.Core.Pricing;

namespace Werkbon.Core.Reports;

/// <summary>
/// The signed intervention report (werkbon) exactly as the device produces it. Every field is part of
/// the signed content: <see cref="ReportHash"/> seals it through <see cref="CanonicalReport"/>, the
/// server recomputes that hash, and <see cref="ReportRules"/> refuses a malformed document.
/// Instants are recorded to the second; photos and the signature image travel apart, by their SHA-256.
/// </summary>
public sealed record ReportDocument(
    int ProtocolVersion,
    Guid ReportId,
    Guid WorkOrderId,
    Guid TechnicianId,
    string? TechnicianClass,
    DateOnly VisitDate,
    IReadOnlyList<ReportTimeEntry> Time,
    decimal? DistanceKm,
    IReadOnlyList<ReportMaterial> Materials,
    string WorkDone,
    string Remarks,
    IReadOnlyList<ChecklistAnswer> Checklist,
    IReadOnlyList<ReportPhoto> Photos,
    bool WarrantyRepair,
    Guid? AssetId,
    bool SixPercentStatementConfirmed,
    ReportSignature Signature)
{
    /// <summary>The version of this document's shape and canonical form; a new field means a new version.</summary>
    public const int CurrentVersion = 1;

    /// <summary>
    /// The report as the pricing engine reads it. <paramref name="siteDistanceKm"/> and
    /// <paramref name="warrantyEndsOn"/> come from the work order's site and asset, which the device
    /// does not sign. A free-text material goes in with article code "" so the engine prices it as
    /// given (or 0) and warns the office; its description names the line.
    /// </summary>
    public VisitReport ToVisitReport(decimal? siteDistanceKm = null, DateOnly? warrantyEndsOn = null) =>
        new(
            VisitDate,
            [.. (Time ?? []).Select(t => new TimeEntry(t.Start, t.End, t.Kind, TechnicianClass, t.IsExtra))],
            [.. (Materials ?? []).Select(m => new MaterialUse(m.IsFreeText ? "" : m.ArticleCode ?? "", m.Quantity, m.PriceOverride, m.Description, m.IsExtra))])
        {
            DistanceKm = DistanceKm,
            SiteDistanceKm = siteDistanceKm,
            IsWarrantyRepair = WarrantyRepair,
            WarrantyEndsOn = warrantyEndsOn,
            SixPercentStatementConfirmed = SixPercentStatementConfirmed,
        };

    /// <summary>The files this document refers to (photos, then the signature image), each once, in document order.</summary>
    public IReadOnlyList<string> FileHashes()
    {
        var hashes = new List<string>();
        foreach (var photo in Photos ?? [])
        {
            if (photo?.Sha256 is { } hash && !hashes.Contains(hash, StringComparer.Ordinal))
            {
                hashes.Add(hash);
            }
        }

        if (Signature?.ImageSha256 is { } image && !hashes.Contains(image, StringComparer.Ordinal))
        {
            hashes.Add(image);
        }

        return hashes;
    }
}

/// <summary>A period of travel or work, as the device's timers recorded it (to the second, with the device's offset).</summary>
public sealed record ReportTimeEntry(
    Guid Id,
    DateTimeOffset Start,
    DateTimeOffset End,
    TimeEntryKind Kind,
    bool IsExtra,
    string? Note);

/// <summary>
/// A material or service used. <see cref="IsFreeText"/> marks an item typed by hand because the
/// article is not in the catalog: the office prices it. <see cref="IsExtra"/> marks what the customer
/// asked for on site.
/// </summary>
public sealed record ReportMaterial(
    Guid Id,
    string? ArticleCode,
    string Description,
    decimal Quantity,
    string UnitCode,
    bool IsExtra,
    decimal? PriceOverride,
    bool IsFreeText);

/// <summary>An answer to one of the work order's checklist questions; the question is signed as it was shown.</summary>
public sealed record ChecklistAnswer(string Key, string Question, string Answer);

/// <summary>A photo, by the lowercase hex SHA-256 of the exact bytes uploaded (after downscaling and EXIF stripping).</summary>
public sealed record ReportPhoto(string Sha256, string Caption, int Width, int Height, long Length);

/// <summary>
/// Who signed and when. The signature image (PNG) travels like a photo, by <see cref="ImageSha256"/>.
/// When the customer is absent the technician records why, and there is no customer signature.
/// </summary>
public sealed record ReportSignature(
    string SignerName,
    DateTimeOffset SignedAt,
    string? ImageSha256,
    bool CustomerAbsent,
    string? AbsenceReason);
