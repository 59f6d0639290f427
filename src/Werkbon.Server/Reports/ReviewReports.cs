using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Review;
using Werkbon.Server.Contracts;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Reports;

public sealed record ReportListItem(
    Guid Id, string WorkOrderNumber, Guid CustomerId, string CustomerName, string SiteName, string TechnicianName,
    DateTime SignedAt, decimal PricedTotal, ReportStatus Status, IReadOnlyList<ReviewReason> Reasons);

public sealed record InboxSummary(int Waiting, decimal WaitingValue, IReadOnlyList<ReportListItem> Items, int Total);

public sealed record ApproveMany(IReadOnlyList<Guid> Ids);

/// <summary>The office's inbox of signed reports: what waits and why, and the approval for invoicing.</summary>
public static class ReviewReports
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Office);
        reports.MapGet("/", Search);
        reports.MapGet("/{id:guid}", GetReport.Handle);
        reports.MapGet("/{id:guid}/files/{sha256}", ReadReportFile.Handle);
        reports.MapPost("/{id:guid}/revisions", CorrectReport.Handle);
        reports.MapPost("/{id:guid}/approve", Approve);
        reports.MapPost("/approve", ApproveAll);
        return app;
    }

    public static Task<Ok<InboxSummary>> Search(AppDb db, ReportStatus? status, string? search, int? page, int? pageSize, CancellationToken ct) =>
        SearchAsync(db, status is { } one ? [one] : null, search, page, pageSize, ct);

    /// <summary>Reports in the given states (all when null), newest signature first, with what waits and its value.</summary>
    public static async Task<Ok<InboxSummary>> SearchAsync(
        AppDb db, IReadOnlyCollection<ReportStatus>? statuses, string? search, int? page, int? pageSize, CancellationToken ct)
    {
        var query =
            from r in db.Reports.AsNoTracking()
            join w in db.WorkOrders on r.WorkOrderId equals w.Id
            join c in db.Customers on w.CustomerId equals c.Id
            join s in db.Sites on w.SiteId equals s.Id
            join u in db.Users on r.TechnicianId equals u.Id
            select new { r, w, c, s, u };
        if (statuses is not null)
        {
            query = query.Where(x => statuses.Contains(x.r.Status));
        }

        if (Paging.Pattern(search) is { } pattern)
        {
            query = query.Where(x => EF.Functions.Like(x.c.Name.ToLower(), pattern)
                || EF.Functions.Like(x.w.Number.ToLower(), pattern)
                || EF.Functions.Like(x.u.DisplayName.ToLower(), pattern));
        }

        var rows = await query
            .OrderByDescending(x => x.r.SignedAt).ThenByDescending(x => x.r.Id)
            .Select(x => new ReportListItem(x.r.Id, x.w.Number, x.c.Id, x.c.Name, x.s.Name, x.u.DisplayName, x.r.SignedAt, x.r.PricedTotal, x.r.Status, x.r.Reasons))
            .ToPageAsync(page, pageSize, ct);

        // Money is summed in C#, never in SQL (SQLite keeps decimals as text).
        var waiting = await db.Reports.AsNoTracking()
            .Where(r => r.Status == ReportStatus.InReview || r.Status == ReportStatus.Signed)
            .Select(r => r.PricedTotal)
            .ToListAsync(ct);
        return TypedResults.Ok(new InboxSummary(waiting.Count, waiting.Sum(), rows.Items, rows.Total));
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> Approve(
        Guid id, ClaimsPrincipal user, AppDb db, TimeProvider clock, IReportFeed feed, CancellationToken ct)
    {
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return Rows.Missing("report");
        }

        await ApproveAsync([report], UserId(user), db, clock, ct);
        await feed.PublishAsync(new ReportChanged(report.CompanyId, report.Id), CancellationToken.None);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<int>, ValidationProblem>> ApproveAll(
        ApproveMany request, ClaimsPrincipal user, AppDb db, Texts texts, TimeProvider clock, IReportFeed feed, CancellationToken ct)
    {
        if (new Validation(texts).Ids("ids", request.Ids) is { IsValid: false } tooMany)
        {
            return tooMany.Problem();
        }

        var ids = (request.Ids ?? []).Distinct().ToList();
        var reports = await db.Reports.Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        if (ids.Count == 0 || reports.Count != ids.Count)
        {
            return new Validation(texts).Add("ids", "Validation.UnknownReport").Problem();
        }

        var approvable = reports.Where(r => r.Status is ReportStatus.InReview or ReportStatus.Signed).ToList();
        await ApproveAsync(approvable, UserId(user), db, clock, ct);
        foreach (var report in approvable)
        {
            await feed.PublishAsync(new ReportChanged(report.CompanyId, report.Id), CancellationToken.None);
        }

        return TypedResults.Ok(approvable.Count);
    }

    /// <summary>
    /// Approves for invoicing, draws the contract's included hours, audits who did it and puts the reports on drafts (with
    /// any other approved report of the same customers still off a draft), all in one transaction: an approved report is
    /// never left off a draft.
    /// </summary>
    public static async Task ApproveAsync(IReadOnlyList<InterventionReport> reports, Guid userId, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        await using var transaction = await SerialWrites.BeginWriteAsync(db, ct);
        // Only these reports' customers are drafted for: approving one report neither waits for nor reads the rest of the company.
        var workOrderIds = reports.Select(r => r.WorkOrderId).Distinct().ToList();
        var customerIds = await db.WorkOrders.Where(w => workOrderIds.Contains(w.Id)).Select(w => w.CustomerId).Distinct().ToListAsync(ct);
        await SerialWrites.LockDraftsAsync(db, customerIds, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var report in reports)
        {
            var before = report.Status;
            report.Approve(userId, now);
            if (report.ContractId is { } contractId && report.Pricing?.IncludedUse(report.VisitDate) is { } used)
            {
                db.ContractHoursUses.Add(new ContractHoursUse { ContractId = contractId, VisitDate = used.VisitDate, Minutes = used.Minutes, ReportId = report.Id });
            }

            db.AuditEvents.Add(new AuditEvent
            {
                At = now,
                UserId = userId,
                Action = "report.approved",
                Entity = nameof(InterventionReport),
                EntityId = report.Id,
                Before = before.ToString(),
                After = report.Status.ToString(),
                Reason = string.Join(", ", report.Reasons),
            });
        }

        await db.SaveChangesAsync(ct);
        await Invoicing.DraftInvoices.GatherInAsync(db, clock, customerIds, ct);
        await transaction.CommitAsync(ct);
    }

    private static Guid UserId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
