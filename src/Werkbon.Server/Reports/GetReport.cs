using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Core.Review;
using Werkbon.Server.Contracts;

namespace Werkbon.Server.Reports;

/// <summary>A photo or the signature image of a report; <see cref="Received"/> is false while the device has not uploaded it yet.</summary>
public sealed record ReportFileView(string Sha256, bool IsSignature, string Caption, bool Received);

public sealed record AuditView(DateTime At, string UserName, string Action, string Before, string After, string Reason);

/// <summary>An earlier (or later) report for the same customer, for the office to compare.</summary>
public sealed record HistoryItem(Guid Id, string WorkOrderNumber, DateOnly VisitDate, string SiteName, ReportStatus Status, decimal Total);

public sealed record ContractView(Guid Id, string Name, ContractKind Kind, DateOnly StartsOn, DateOnly? EndsOn, string? PartsDiscount);

/// <summary>
/// Everything the review screen shows: the signed document as received with its hash status, the
/// pricing on arrival, the office's revisions, the audit trail, the contract and the customer's history.
/// <see cref="CurrentTotal"/> is the latest revision's total, else the signed pricing's.
/// </summary>
public sealed record ReportDetails(
    Guid Id,
    ReportStatus Status,
    IReadOnlyList<ReviewReason> Reasons,
    string WorkOrderNumber,
    Guid CustomerId,
    string CustomerName,
    string SiteName,
    string TechnicianName,
    DateTime ReceivedAt,
    DateTime? ApprovedAt,
    ReportDocument Document,
    string Hash,
    bool HashVerified,
    PricedReport? Pricing,
    decimal CurrentTotal,
    ContractView? Contract,
    IReadOnlyList<ReportFileView> Files,
    IReadOnlyList<RevisionView> Revisions,
    IReadOnlyList<AuditView> Audit,
    IReadOnlyList<HistoryItem> History);

/// <summary><c>GET /api/reports/{id}</c>: the signed report, its pricing, revisions and audit trail.</summary>
public static class GetReport
{
    public static async Task<Results<Ok<ReportDetails>, NotFound<ProblemDetails>>> Handle(Guid id, AppDb db, CancellationToken ct) =>
        await LoadAsync(id, db, ct) is { } details ? TypedResults.Ok(details) : Rows.Missing("report");

    public static async Task<ReportDetails?> LoadAsync(Guid id, AppDb db, CancellationToken ct)
    {
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return null;
        }

        var header = await (
            from w in db.WorkOrders.AsNoTracking()
            join c in db.Customers on w.CustomerId equals c.Id
            join s in db.Sites on w.SiteId equals s.Id
            where w.Id == report.WorkOrderId
            select new { w.Number, CustomerId = c.Id, CustomerName = c.Name, SiteName = s.Name }).FirstAsync(ct);
        var document = report.Document();
        var contract = report.ContractId is { } contractId
            ? await db.Contracts.AsNoTracking().Where(c => c.Id == contractId)
                .Select(c => new { c.Id, c.Name, c.Kind, c.StartsOn, c.EndsOn, c.Terms }).FirstOrDefaultAsync(ct)
            : null;
        var received = await db.Files.AsNoTracking().Where(f => report.FileHashes.Contains(f.Sha256)).Select(f => f.Sha256).ToListAsync(ct);
        var revisions = await db.ReportRevisions.AsNoTracking().Where(r => r.ReportId == id).OrderBy(r => r.Number).ToListAsync(ct);
        var audit = await db.AuditEvents.AsNoTracking()
            .Where(a => a.Entity == nameof(InterventionReport) && a.EntityId == id)
            .OrderBy(a => a.At).ThenBy(a => a.Id)
            .ToListAsync(ct);
        var people = revisions.Select(r => (Guid?)r.UserId).Concat(audit.Select(a => a.UserId)).Append(report.TechnicianId).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var history = await (
            from r in db.Reports.AsNoTracking()
            join w in db.WorkOrders on r.WorkOrderId equals w.Id
            join s in db.Sites on w.SiteId equals s.Id
            where w.CustomerId == header.CustomerId && r.Id != id
            orderby r.VisitDate descending
            select new HistoryItem(r.Id, w.Number, r.VisitDate, s.Name, r.Status, r.PricedTotal)).Take(20).ToListAsync(ct);

        string Name(Guid? user) => user is { } u && names.TryGetValue(u, out var name) ? name : "Werkbon";
        var files = new List<ReportFileView>();
        foreach (var photo in document.Photos)
        {
            files.Add(new ReportFileView(photo.Sha256, false, photo.Caption, received.Contains(photo.Sha256)));
        }

        if (document.Signature.ImageSha256 is { } signature)
        {
            files.Add(new ReportFileView(signature, true, document.Signature.SignerName, received.Contains(signature)));
        }

        return new ReportDetails(
            report.Id,
            report.Status,
            report.Reasons,
            header.Number,
            header.CustomerId,
            header.CustomerName,
            header.SiteName,
            Name(report.TechnicianId),
            report.ReceivedAt,
            report.ApprovedAt,
            document,
            report.Hash,
            report.IsIntact(),
            report.Pricing,
            revisions.Count > 0 ? revisions[^1].Revised.Total : report.PricedTotal,
            contract is null ? null : new ContractView(contract.Id, contract.Name, contract.Kind, contract.StartsOn, contract.EndsOn,
                contract.Terms.PartsDiscountPercent > 0 ? $"{contract.Terms.PartsDiscountPercent:0.##} %" : null),
            files,
            [.. revisions.Select(r => new RevisionView(r.Number, r.At, r.Reason, Name(r.UserId), r.Revised, r.Corrections))],
            [.. audit.Select(a => new AuditView(a.At, Name(a.UserId), a.Action, a.Before, a.After, a.Reason))],
            history);
    }
}
