using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Invoicing;
using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Reports;

namespace Werkbon.Server.WorkOrders;

public sealed record PaperworkReport(Guid Id, ReportStatus Status, DateOnly VisitDate, DateTime SignedAt);

public sealed record PaperworkInvoice(Guid Id, InvoiceKind Kind, InvoiceStatus Status, string? Number, Guid? CorrectsInvoiceId);

/// <summary>What a work order led to: its signed reports and the invoices (drafts included) and credit notes they are on.</summary>
public sealed record Paperwork(IReadOnlyList<PaperworkReport> Reports, IReadOnlyList<PaperworkInvoice> Invoices);

/// <summary><c>GET /api/work-orders/{id}/paperwork</c>: the reports and invoices of one work order, for the page that links to them.</summary>
public static class WorkOrderPaperwork
{
    public static async Task<Results<Ok<Paperwork>, NotFound<ProblemDetails>>> Handle(Guid id, AppDb db, CancellationToken ct) =>
        await db.WorkOrders.AnyAsync(w => w.Id == id, ct) ? TypedResults.Ok(await OfAsync(db, id, ct)) : Rows.Missing("work order");

    public static async Task<Paperwork> OfAsync(AppDb db, Guid workOrderId, CancellationToken ct)
    {
        var reports = await db.Reports.AsNoTracking().Where(r => r.WorkOrderId == workOrderId)
            .OrderBy(r => r.SignedAt)
            .Select(r => new PaperworkReport(r.Id, r.Status, r.VisitDate, r.SignedAt))
            .ToListAsync(ct);
        var reportIds = reports.Select(r => r.Id).ToList();
        var invoiceIds = db.InvoiceSources.Where(s => reportIds.Contains(s.ReportId)).Select(s => s.InvoiceId);
        var invoices = await db.Invoices.AsNoTracking()
            .Where(i => invoiceIds.Contains(i.Id) || (i.CorrectsInvoiceId != null && invoiceIds.Contains(i.CorrectsInvoiceId.Value)))
            .OrderBy(i => i.CreatedAt)
            .Select(i => new PaperworkInvoice(i.Id, i.Kind, i.Status, i.Number, i.CorrectsInvoiceId))
            .ToListAsync(ct);
        return new Paperwork(reports, invoices);
    }
}
