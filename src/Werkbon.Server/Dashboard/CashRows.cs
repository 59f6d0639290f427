using Werkbon.Core.Banking;
using Werkbon.Core.Dashboard;
using Werkbon.Core.Invoicing;
using Werkbon.Server.Invoicing;

namespace Werkbon.Server.Dashboard;

/// <summary>
/// Issued invoices with their money as <see cref="CashFigures"/> reads them: what each owes after its credit notes,
/// what is still owed (the one rule <see cref="Settlement"/>) and the day its live payments first covered it.
/// </summary>
public static class CashRows
{
    /// <summary>How far back paid invoices count for days late.</summary>
    public const int HistoryDays = 365;

    /// <summary>The invoices issued in the last year, and older ones still owing; of one customer when given.</summary>
    public static async Task<IReadOnlyList<InvoiceCash>> LoadAsync(AppDb db, DateOnly today, Guid? customerId, CancellationToken ct)
    {
        var since = today.AddDays(-HistoryDays);
        var query = db.Invoices.AsNoTracking()
            .Where(i => i.Kind == InvoiceKind.Invoice && i.Status == InvoiceStatus.Issued)
            .Where(i => i.IssueDate >= since
                        || !db.InvoiceBalances.Any(b => b.InvoiceId == i.Id && (b.State == PaymentState.Paid || b.State == PaymentState.Overpaid)));
        if (customerId is { } customer)
        {
            query = query.Where(i => i.CustomerId == customer);
        }

        var invoices = await (
            from i in query
            join c in db.Customers on i.CustomerId equals c.Id
            select new { i.Id, i.CustomerId, c.Name, IssueDate = i.IssueDate!.Value, DueDate = i.DueDate!.Value, i.Total })
            .ToListAsync(ct);
        var ids = invoices.Select(i => i.Id).ToList();
        var notes = await db.Invoices.AsNoTracking()
            .Where(n => n.Status == InvoiceStatus.Issued && n.CorrectsInvoiceId != null && ids.Contains(n.CorrectsInvoiceId.Value))
            .Select(n => new { n.Id, Of = n.CorrectsInvoiceId!.Value, n.Total })
            .ToListAsync(ct);
        var noteOf = notes.ToDictionary(n => n.Id, n => n.Of);
        var paymentIds = ids.Concat(noteOf.Keys).ToList();
        var payments = (await db.Payments.AsNoTracking()
                .Where(p => p.UndoneAt == null && paymentIds.Contains(p.InvoiceId))
                .Select(p => new { p.InvoiceId, p.On, p.Amount })
                .ToListAsync(ct))
            .Select(p => noteOf.TryGetValue(p.InvoiceId, out var of) ? (Invoice: of, Payment: new PaymentOn(p.On, -p.Amount)) : (Invoice: p.InvoiceId, Payment: new PaymentOn(p.On, p.Amount)))
            .ToLookup(p => p.Invoice, p => p.Payment);
        var credited = notes.GroupBy(n => n.Of).ToDictionary(g => g.Key, g => g.Sum(n => n.Total));

        return
        [
            .. invoices.Select(i =>
            {
                var own = payments[i.Id].ToList();
                var settlement = new Settlement(i.Total, credited.GetValueOrDefault(i.Id), own.Where(p => p.Amount > 0).Sum(p => p.Amount), -own.Where(p => p.Amount < 0).Sum(p => p.Amount));
                var owed = i.Total - settlement.Credited;
                return new InvoiceCash(i.Id, i.CustomerId, i.Name, i.IssueDate, i.DueDate, owed, settlement.Outstanding, CashFigures.PaidOn(owed, own));
            }),
        ];
    }
}
