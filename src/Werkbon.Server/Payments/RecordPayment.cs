using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core;
using Werkbon.Core.Banking;
using Werkbon.Core.Invoicing;
using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing;
using Werkbon.Server.Reports;

namespace Werkbon.Server.Payments;

public sealed record PaymentRequest(decimal Amount, DateOnly On, string? Note, PaymentMethod? Method = null);

public sealed record PaymentItem(
    Guid Id, decimal Amount, DateOnly On, PaymentSource Source, string Note, DateTime RecordedAt, DateTime? UndoneAt, Guid? BankLineId,
    PaymentMethod Method = PaymentMethod.Transfer);

/// <summary>An invoice's standing with the money, as every screen and the API show it.</summary>
public sealed record InvoicePayments(
    Guid InvoiceId, decimal Total, decimal Credited, decimal Paid, decimal Refunded, decimal Outstanding, PaymentState State,
    bool Overdue, IReadOnlyList<PaymentItem> Payments);

/// <summary>
/// Records a payment by hand or through the API (money received for an invoice, or refunded on a credit
/// note), undoes one, and keeps every balance of the invoice and its credit notes in step.
/// </summary>
public static class RecordPayment
{
    public static Task<Results<Created<InvoicePayments>, NotFound<ProblemDetails>, ValidationProblem, UnprocessableEntity<ProblemDetails>>> Handle(
        Guid id, PaymentRequest request, ClaimsPrincipal user, HttpContext http, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct) =>
        // A session (the back office) records by hand; a bearer token is an accounting system.
        RecordAsync(id, request, http.Request.Headers.Authorization.Count > 0 ? PaymentSource.Api : PaymentSource.Manual, UserId(user), db, texts, clock, ct);

    /// <summary>Records a payment; the invoice page calls it as the API does.</summary>
    public static async Task<Results<Created<InvoicePayments>, NotFound<ProblemDetails>, ValidationProblem, UnprocessableEntity<ProblemDetails>>> RecordAsync(
        Guid id, PaymentRequest request, PaymentSource source, Guid? by, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
        {
            return Rows.Missing("invoice");
        }

        if (!invoice.IsIssued)
        {
            return TypedResults.UnprocessableEntity(new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = texts["Payments.NotIssued"],
            });
        }

        var v = new Validation(texts)
            .Range("amount", request.Amount, 0.01m, 99_999_999m)
            .Date("on", request.On)
            .MaxLength("note", request.Note, 500)
            .Text("note", request.Note);
        if (request.Amount != Money.Round(request.Amount))
        {
            v.Add("amount", "Invoices.AmountInCents");
        }

        if (request.Method is { } method && !Enum.IsDefined(method))
        {
            v.Add("method", "Validation.Invalid");
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var paidBy = request.Method ?? PaymentMethod.Transfer;
        db.Payments.Add(new Payment(id, request.Amount, request.On, source, paidBy, request.Note?.Trim() ?? "", by, now));
        await SettleAsync(db, [id], now, ct);
        Audit(db, "payment.recorded", id, by, $"{request.Amount:0.00} {request.On:yyyy-MM-dd} {source} {paidBy}", now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/invoices/{id}/payments", await ReadAsync(db, id, clock, ct));
    }

    public static async Task<Results<Ok<InvoicePayments>, NotFound<ProblemDetails>>> List(Guid id, AppDb db, TimeProvider clock, CancellationToken ct) =>
        await db.Invoices.AsNoTracking().AnyAsync(i => i.Id == id && i.Status == InvoiceStatus.Issued, ct)
            ? TypedResults.Ok(await ReadAsync(db, id, clock, ct))
            : Rows.Missing("invoice");

    public static Task<Results<Ok<InvoicePayments>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> Undo(
        Guid id, ClaimsPrincipal user, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct) =>
        UndoAsync(id, UserId(user), db, texts, clock, ct);

    public static async Task<Results<Ok<InvoicePayments>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> UndoAsync(
        Guid id, Guid? by, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var payment = await db.Payments.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (payment is null)
        {
            return Rows.Missing("payment");
        }

        if (payment.IsUndone)
        {
            return TypedResults.Conflict(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = texts["Payments.AlreadyUndone"] });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await UndoAsync(db, [payment], by, now, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await ReadAsync(db, payment.InvoiceId, clock, ct));
    }

    /// <summary>
    /// Undoes payments (kept, marked undone), reopens the statement movements they came from, and settles
    /// the invoices again. One rule for the invoice screen and the reconciliation list.
    /// </summary>
    public static async Task UndoAsync(AppDb db, IReadOnlyList<Payment> payments, Guid? by, DateTime now, CancellationToken ct)
    {
        foreach (var payment in payments.Where(p => !p.IsUndone))
        {
            payment.Undo(by, now);
            Audit(db, "payment.undone", payment.InvoiceId, by, $"{payment.Amount:0.00} {payment.On:yyyy-MM-dd} {payment.Source}", now);
        }

        var lineIds = payments.Where(p => p.BankLineId is not null).Select(p => p.BankLineId!.Value).Distinct().ToList();
        foreach (var line in await db.BankLines.Where(l => lineIds.Contains(l.Id)).ToListAsync(ct))
        {
            line.Reopen();
        }

        await SettleAsync(db, [.. payments.Select(p => p.InvoiceId).Distinct()], now, ct);
    }

    /// <summary>
    /// Brings the balances of the given invoices (and of the invoices their credit notes correct, with all
    /// those invoices' credit notes) in line with their payments, counting the tracked, unsaved changes too.
    /// The reports on an invoice that is settled are paid.
    /// </summary>
    public static async Task SettleAsync(AppDb db, IReadOnlyCollection<Guid> touched, DateTime now, CancellationToken ct)
    {
        var roots = await db.Invoices.AsNoTracking()
            .Where(i => touched.Contains(i.Id))
            .Select(i => i.CorrectsInvoiceId ?? i.Id)
            .Distinct()
            .ToListAsync(ct);
        var family = await db.Invoices.AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Issued && (roots.Contains(i.Id) || (i.CorrectsInvoiceId != null && roots.Contains(i.CorrectsInvoiceId.Value))))
            .Select(i => new { i.Id, i.Kind, i.Total, i.CorrectsInvoiceId, i.ReportIds })
            .ToListAsync(ct);
        var ids = family.Select(i => i.Id).ToList();
        var stored = await db.Payments.Where(p => ids.Contains(p.InvoiceId)).ToListAsync(ct);
        var added = db.ChangeTracker.Entries<Payment>().Where(e => e.State == EntityState.Added).Select(e => e.Entity);
        var payments = stored.Concat(added).Distinct().Where(p => !p.IsUndone && ids.Contains(p.InvoiceId)).ToList();
        var balances = await db.InvoiceBalances.Where(b => ids.Contains(b.InvoiceId)).ToDictionaryAsync(b => b.InvoiceId, ct);

        foreach (var invoice in family.Where(i => i.Kind == InvoiceKind.Invoice))
        {
            var notes = family.Where(n => n.CorrectsInvoiceId == invoice.Id).ToList();
            var settlement = Of(invoice.Total, notes.Sum(n => n.Total), payments.Where(p => p.InvoiceId == invoice.Id).Sum(p => p.Amount),
                payments.Where(p => notes.Any(n => n.Id == p.InvoiceId)).Sum(p => p.Amount));
            Balance(invoice.Id).Set(settlement.Paid, settlement.Outstanding, settlement.State, now);

            // What is left to refund is spread over the credit notes, oldest first.
            var toRefund = settlement.ToRefund;
            foreach (var note in notes)
            {
                var refunded = payments.Where(p => p.InvoiceId == note.Id).Sum(p => p.Amount);
                var open = Math.Min(toRefund, note.Total - refunded);
                toRefund -= Math.Max(0, open);
                Balance(note.Id).Set(refunded, Math.Max(0, open), open > 0 ? PaymentState.PartlyPaid : PaymentState.Paid, now);
            }

            if (settlement.State is PaymentState.Paid or PaymentState.Overpaid && settlement.Paid > 0 && invoice.ReportIds.Count > 0)
            {
                foreach (var report in await db.Reports.Where(r => invoice.ReportIds.Contains(r.Id) && r.PaidAt == null && r.InvoicedAt != null).ToListAsync(ct))
                {
                    report.MarkPaid(now);
                }
            }
        }

        InvoiceBalance Balance(Guid id)
        {
            if (!balances.TryGetValue(id, out var balance))
            {
                balance = new InvoiceBalance(id);
                db.InvoiceBalances.Add(balance);
                balances[id] = balance;
            }

            return balance;
        }
    }

    private static Settlement Of(decimal total, decimal credited, decimal paid, decimal refunded) => new(total, credited, paid, refunded);

    /// <summary>The invoice's money as the API and the invoice page show it.</summary>
    public static async Task<InvoicePayments> ReadAsync(AppDb db, Guid id, TimeProvider clock, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.Id, i.Kind, i.Total, i.DueDate, i.CorrectsInvoiceId }).FirstAsync(ct);
        var rootId = invoice.CorrectsInvoiceId ?? invoice.Id;
        var notes = await db.Invoices.AsNoTracking().Where(n => n.CorrectsInvoiceId == rootId && n.Status == InvoiceStatus.Issued).Select(n => new { n.Id, n.Total }).ToListAsync(ct);
        var noteIds = notes.Select(n => n.Id).ToList();
        var all = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == rootId || noteIds.Contains(p.InvoiceId)).OrderBy(p => p.RecordedAt).ToListAsync(ct);
        var live = all.Where(p => !p.IsUndone).ToList();
        var root = invoice.Kind == InvoiceKind.Invoice ? invoice : await db.Invoices.AsNoTracking().Where(i => i.Id == rootId).Select(i => new { i.Id, i.Kind, i.Total, i.DueDate, i.CorrectsInvoiceId }).FirstAsync(ct);
        var settlement = Of(root.Total, notes.Sum(n => n.Total), live.Where(p => p.InvoiceId == rootId).Sum(p => p.Amount), live.Where(p => p.InvoiceId != rootId).Sum(p => p.Amount));
        var today = await IssueInvoice.TodayAsync(db, clock, ct);
        return new InvoicePayments(
            rootId, root.Total, settlement.Credited, settlement.Paid, settlement.Refunded, settlement.Outstanding, settlement.State,
            root.DueDate is { } due && settlement.IsOverdue(due, today),
            [.. all.Select(p => new PaymentItem(p.Id, p.InvoiceId == rootId ? p.Amount : -p.Amount, p.On, p.Source, p.Note, p.RecordedAt, p.UndoneAt, p.BankLineId, p.Method))]);
    }

    public static void Audit(AppDb db, string action, Guid invoiceId, Guid? by, string after, DateTime now) =>
        db.AuditEvents.Add(new AuditEvent { At = now, UserId = by, Action = action, Entity = "invoice", EntityId = invoiceId, After = after });

    public static Guid? UserId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
