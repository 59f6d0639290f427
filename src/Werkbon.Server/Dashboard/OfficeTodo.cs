using Werkbon.Core.Review;
using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Reports;

namespace Werkbon.Server.Dashboard;

/// <summary>What a to-do item asks of the office.</summary>
public enum TodoKind
{
    /// <summary>Signed reports kept back for review, with the reasons why.</summary>
    ReportsToReview,

    /// <summary>Approved reports on no invoice yet: gathering puts them on drafts.</summary>
    ReportsToGather,

    /// <summary>Draft invoices to check and issue.</summary>
    DraftsToIssue,

    /// <summary>Issued invoices past their due date.</summary>
    OverdueInvoices,

    /// <summary>A technician's device whose pushed reports the server refused.</summary>
    FailedSyncs,

    /// <summary>Issued invoices whose delivery failed or was refused.</summary>
    FailedDeliveries,

    /// <summary>An issued invoice the customer disputed in the portal, not resolved yet.</summary>
    OpenDisputes,
}

/// <summary>A reason with the number of waiting reports that carry it.</summary>
public sealed record ReasonCount(ReviewReason Reason, int Count);

/// <summary>
/// One line of the office's to-do list: what, how many, the amount at stake, who (a technician for failed
/// syncs), why (review reasons; the last refusal's status and reason) and the link to where it is done.
/// </summary>
public sealed record TodoItem(
    TodoKind Kind, int Count, decimal? Amount, string Link, IReadOnlyList<ReasonCount> Reasons,
    Guid? TechnicianId = null, string? TechnicianName = null, int? LastStatus = null, string? LastReason = null, DateTime? LastAt = null,
    string? InvoiceNumber = null, string? CustomerName = null);

/// <summary>
/// <c>GET /api/todo</c>: the office's to-do list, the home page's content. Only what waits is listed,
/// in the order the work flows: review, gather, issue, collect; then devices that could not deliver.
/// </summary>
public static class OfficeTodo
{
    /// <summary>A refused push stays on the list this long unless its report arrives after it.</summary>
    public static readonly TimeSpan FailedSyncWindow = TimeSpan.FromDays(14);

    public static IEndpointRouteBuilder MapOfficeTodo(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/todo", Handle).WithTags("Dashboard").RequireAuthorization(Policies.Office);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<TodoItem>>> Handle(AppDb db, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(db, clock, ct));

    public static async Task<IReadOnlyList<TodoItem>> ListAsync(AppDb db, TimeProvider clock, CancellationToken ct)
    {
        var items = new List<TodoItem>();

        // Reasons are stored as JSON text, so they are counted here, not in SQL; so are amounts (never summed in SQL).
        var waiting = await db.Reports.AsNoTracking()
            .Where(r => r.Status == ReportStatus.Signed || r.Status == ReportStatus.InReview)
            .Select(r => new { r.Reasons, r.PricedTotal })
            .ToListAsync(ct);
        if (waiting.Count > 0)
        {
            var reasons = waiting.SelectMany(r => r.Reasons.Distinct()).GroupBy(r => r)
                .Select(g => new ReasonCount(g.Key, g.Count())).OrderByDescending(r => r.Count).ThenBy(r => r.Reason).ToList();
            items.Add(new TodoItem(TodoKind.ReportsToReview, waiting.Count, waiting.Sum(r => r.PricedTotal), "/inbox", reasons));
        }

        var notInvoiced = await DraftInvoices.NotInvoicedAsync(db, ct);
        if (notInvoiced.ApprovedNotOnDraft > 0)
        {
            items.Add(new TodoItem(TodoKind.ReportsToGather, notInvoiced.ApprovedNotOnDraft, null, "/invoices", []));
        }

        var drafts = await db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Draft).Select(i => i.Total).ToListAsync(ct);
        if (drafts.Count > 0)
        {
            items.Add(new TodoItem(TodoKind.DraftsToIssue, drafts.Count, drafts.Sum(), "/invoices?status=Draft", []));
        }

        var today = await IssueInvoice.TodayAsync(db, clock, ct);
        // What is still owed on them: the balance after partial payments and credit notes, else the total.
        var overdue = await (from i in db.Invoices.AsNoTracking().Where(SearchInvoices.OverdueOn(db, today))
                             join b in db.InvoiceBalances on i.Id equals b.InvoiceId into balances
                             from b in balances.DefaultIfEmpty()
                             select b == null ? i.Total : b.Outstanding).ToListAsync(ct);
        if (overdue.Count > 0)
        {
            items.Add(new TodoItem(TodoKind.OverdueInvoices, overdue.Count, overdue.Sum(), "/invoices?overdue=true", []));
        }

        var undelivered = await db.Set<Delivery.InvoiceDelivery>().AsNoTracking()
            .Where(d => d.State == Delivery.DeliveryState.Failed || d.State == Delivery.DeliveryState.Rejected)
            .Select(d => d.InvoiceId).Distinct().CountAsync(ct);
        if (undelivered > 0)
        {
            items.Add(new TodoItem(TodoKind.FailedDeliveries, undelivered, null, "/invoices?delivery=failed", []));
        }

        items.AddRange(await OpenDisputesAsync(db, ct));
        items.AddRange(await FailedSyncsAsync(db, clock, ct));
        return items;
    }

    /// <summary>
    /// Per invoice, the lines its customer disputed in the portal that the office has not resolved, oldest first, with
    /// the latest comment; the link opens the invoice.
    /// </summary>
    private static async Task<IEnumerable<TodoItem>> OpenDisputesAsync(AppDb db, CancellationToken ct)
    {
        var open = await (from d in db.Set<Portal.InvoiceDispute>().AsNoTracking().Where(d => d.ResolvedAt == null)
                          join i in db.Invoices.AsNoTracking() on d.InvoiceId equals i.Id
                          join c in db.Customers.AsNoTracking() on i.CustomerId equals c.Id
                          select new { d.InvoiceId, d.At, d.Comment, i.Number, CustomerName = c.Name })
            .ToListAsync(ct);
        return open.GroupBy(d => d.InvoiceId)
            .OrderBy(g => g.Min(d => d.At))
            .Select(g =>
            {
                var last = g.MaxBy(d => d.At)!;
                return new TodoItem(
                    TodoKind.OpenDisputes, g.Count(), null, $"/invoices/{g.Key}", [],
                    LastReason: last.Comment, LastAt: last.At, InvoiceNumber: last.Number, CustomerName: last.CustomerName);
            });
    }

    /// <summary>
    /// Per technician, the reports their device pushed and the server refused in the last two weeks, and that
    /// have not arrived since; the link opens the work order of the latest one.
    /// </summary>
    private static async Task<IEnumerable<TodoItem>> FailedSyncsAsync(AppDb db, TimeProvider clock, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime - FailedSyncWindow;
        var refusals = await db.AuditEvents.AsNoTracking()
            .Where(a => a.Action == PushReport.Refused && a.At >= since && a.UserId != null)
            .Select(a => new { a.At, TechnicianId = a.UserId!.Value, WorkOrderId = a.EntityId, ReportId = a.Before, Status = a.After, a.Reason })
            .ToListAsync(ct);
        if (refusals.Count == 0)
        {
            return [];
        }

        var reportIds = refusals.Select(r => Guid.TryParse(r.ReportId, out var id) ? id : Guid.Empty).Distinct().ToList();
        var arrived = await db.Reports.AsNoTracking().Where(r => reportIds.Contains(r.Id))
            .Select(r => new { r.Id, r.ReceivedAt }).ToDictionaryAsync(r => r.Id, r => r.ReceivedAt, ct);
        var open = refusals
            .Where(r => !(Guid.TryParse(r.ReportId, out var id) && arrived.TryGetValue(id, out var at) && at >= r.At))
            .ToList();
        var technicianIds = open.Select(r => r.TechnicianId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => u.CompanyId == db.CompanyId && technicianIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return open.GroupBy(r => r.TechnicianId)
            .Select(g =>
            {
                var last = g.MaxBy(r => r.At)!;
                return new TodoItem(
                    TodoKind.FailedSyncs, g.Select(r => r.ReportId).Distinct().Count(), null, $"/work-orders/{last.WorkOrderId}", [],
                    g.Key, names.GetValueOrDefault(g.Key) ?? "", int.TryParse(last.Status, out var status) ? status : null, last.Reason, last.At);
            })
            .OrderByDescending(i => i.LastAt);
    }
}
