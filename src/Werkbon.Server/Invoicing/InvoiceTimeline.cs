using Werkbon.Core.Invoicing;
using Werkbon.Server.Customers;

namespace Werkbon.Server.Invoicing;

/// <summary>The customer overview's invoicing source: issued invoices and credit notes, each opening its invoice page.</summary>
public static class InvoiceTimeline
{
    public static async Task<IReadOnlyList<TimelineEntry>> EntriesAsync(AppDb db, Guid customerId, CancellationToken ct)
    {
        var rows = await (
            from i in db.Invoices.AsNoTracking()
            where i.CustomerId == customerId && i.Status == InvoiceStatus.Issued
            join c in db.Invoices on i.CorrectsInvoiceId equals c.Id into corrected
            from c in corrected.DefaultIfEmpty()
            orderby i.ChainPosition descending
            select new { i.Id, i.Kind, i.Number, i.IssueDate, i.IssuedAt, i.Total, Corrects = c == null ? null : c.Number })
            .Take(CustomerOverview.MaxTimeline).ToListAsync(ct);
        return [.. rows.Select(i => new TimelineEntry(
            i.IssuedAt!.Value, TimelineKind.Invoice, i.Id, i.Number!,
            i.Kind == InvoiceKind.CreditNote ? $"{i.IssueDate:yyyy-MM-dd} · {i.Number} → {i.Corrects}" : $"{i.IssueDate:yyyy-MM-dd} · {i.Number}",
            $"InvoiceKind.{i.Kind}", i.Total, 0, $"/invoices/{i.Id}"))];
    }
}
