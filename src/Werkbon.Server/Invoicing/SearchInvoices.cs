using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Invoicing;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Invoicing;

public sealed record InvoiceListItem(
    Guid Id, InvoiceKind Kind, InvoiceStatus Status, string? Number, Guid CustomerId, string CustomerName,
    DateOnly? IssueDate, DateOnly? DueDate, decimal Net, decimal Vat, decimal Total, bool Overdue, int Version,
    Delivery.DeliveryState? Delivery = null,
    Werkbon.Core.Banking.PaymentState? Payment = null);

public sealed record InvoiceDetails(
    Guid Id, InvoiceKind Kind, InvoiceStatus Status, string? Number, long? Sequence, Guid CustomerId, string CustomerName,
    DateOnly? IssueDate, DateOnly? DueDate, string? StructuredCommunication, IReadOnlyList<InvoiceLine> Lines,
    decimal Net, decimal Vat, decimal Total, IReadOnlyList<Guid> ReportIds, Guid? CorrectsInvoiceId, string? CreditReason,
    long? ChainPosition, string? ChainHash, string? PdfSha256, string? UblSha256, DateTime CreatedAt, DateTime? IssuedAt, int Version);

/// <summary>The invoices and credit notes of the company, drafts included, newest first.</summary>
public static class SearchInvoices
{
    /// <summary>
    /// An issued invoice (not a credit note) whose due date lies before <paramref name="today"/> and that still
    /// owes money: neither paid nor fully credited (its <see cref="Payments.InvoiceBalance"/> says so).
    /// </summary>
    public static System.Linq.Expressions.Expression<Func<Invoice, bool>> OverdueOn(AppDb db, DateOnly today) =>
        i => i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.Issued && i.DueDate < today
             && !db.InvoiceBalances.Any(b => b.InvoiceId == i.Id
                 && (b.State == Werkbon.Core.Banking.PaymentState.Paid || b.State == Werkbon.Core.Banking.PaymentState.Overpaid));

    public static async Task<Ok<Page<InvoiceListItem>>> Search(
        AppDb db, TimeProvider clock, InvoiceStatus? status, InvoiceKind? kind, Guid? customerId, DateOnly? from, DateOnly? to, bool? overdue,
        string? delivery, Werkbon.Core.Banking.PaymentState? payment, int? page, int? pageSize, CancellationToken ct)
    {
        var today = await IssueInvoice.TodayAsync(db, clock, ct);
        var overdueIds = db.Invoices.Where(OverdueOn(db, today)).Select(i => i.Id);
        var query = from i in db.Invoices.AsNoTracking()
                    join c in db.Customers on i.CustomerId equals c.Id
                    select new { i, c.Name };
        if (status is not null)
        {
            query = query.Where(x => x.i.Status == status);
        }

        if (kind is not null)
        {
            query = query.Where(x => x.i.Kind == kind);
        }

        if (customerId is not null)
        {
            query = query.Where(x => x.i.CustomerId == customerId);
        }

        if (from is not null)
        {
            query = query.Where(x => x.i.IssueDate >= from);
        }

        if (to is not null)
        {
            query = query.Where(x => x.i.IssueDate <= to);
        }

        if (overdue == true)
        {
            query = query.Where(x => overdueIds.Contains(x.i.Id));
        }

        if (payment is { } only)
        {
            // An issued document without a balance row has had no payment yet: it is unpaid.
            query = only == Werkbon.Core.Banking.PaymentState.Unpaid
                ? query.Where(x => x.i.Status == InvoiceStatus.Issued && !db.InvoiceBalances.Any(b => b.InvoiceId == x.i.Id && b.State != only))
                : query.Where(x => db.InvoiceBalances.Any(b => b.InvoiceId == x.i.Id && b.State == only));
        }

        if (Delivery.InvoiceDeliveries.Filter(delivery) is { } wanted)
        {
            var states = Delivery.InvoiceDeliveries.StatesOf(wanted);
            var matching = db.Set<Delivery.InvoiceDelivery>().Where(d => states.Contains(d.State)).Select(d => d.InvoiceId);
            query = query.Where(x => matching.Contains(x.i.Id));
        }

        // The channel the invoice actually went by: e-mail, or Peppol when it went there alone.
        var deliveries = db.Set<Delivery.InvoiceDelivery>().Where(d => d.State != Delivery.DeliveryState.NoAddress || d.Channel == Delivery.DeliveryChannel.Email);
        var rows = await query
            .OrderBy(x => x.i.Status).ThenByDescending(x => x.i.ChainPosition).ThenByDescending(x => x.i.CreatedAt).ThenByDescending(x => x.i.Id)
            .Select(x => new InvoiceListItem(
                x.i.Id, x.i.Kind, x.i.Status, x.i.Number, x.i.CustomerId, x.Name, x.i.IssueDate, x.i.DueDate, x.i.Net, x.i.Vat, x.i.Total,
                overdueIds.Contains(x.i.Id), x.i.Version,
                deliveries.Where(d => d.InvoiceId == x.i.Id).OrderBy(d => d.Channel).Select(d => (Delivery.DeliveryState?)d.State).FirstOrDefault(),
                x.i.Status != InvoiceStatus.Issued ? null
                    : db.InvoiceBalances.Where(b => b.InvoiceId == x.i.Id).Select(b => (Werkbon.Core.Banking.PaymentState?)b.State).FirstOrDefault()
                      ?? Werkbon.Core.Banking.PaymentState.Unpaid))
            .ToPageAsync(page, pageSize, ct);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<InvoiceDetails>, NotFound<ProblemDetails>>> Get(Guid id, AppDb db, CancellationToken ct) =>
        await DetailsAsync(db, id, ct) is { } details ? TypedResults.Ok(details) : Rows.Missing("invoice");

    public static Task<InvoiceDetails?> DetailsAsync(AppDb db, Guid id, CancellationToken ct) =>
        (from i in db.Invoices.AsNoTracking()
         join c in db.Customers on i.CustomerId equals c.Id
         where i.Id == id
         select new InvoiceDetails(
             i.Id, i.Kind, i.Status, i.Number, i.Sequence, i.CustomerId, c.Name, i.IssueDate, i.DueDate, i.StructuredCommunication, i.Lines,
             i.Net, i.Vat, i.Total, i.ReportIds, i.CorrectsInvoiceId, i.CreditReason, i.ChainPosition, i.ChainHash, i.PdfSha256, i.UblSha256,
             i.CreatedAt, i.IssuedAt, i.Version))
        .FirstOrDefaultAsync(ct);
}
