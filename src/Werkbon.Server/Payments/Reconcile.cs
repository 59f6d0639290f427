using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core;
using Werkbon.Server.Hosting;
using Werkbon.Server.Invoicing;

namespace Werkbon.Server.Payments;

public sealed record BankLineItem(
    Guid Id, Guid StatementId, DateOnly BookingDate, decimal Amount, string? CounterpartyName, string? CounterpartyIban,
    string? Communication, string? FreeText, string? Batch, BankLineState State, Guid? ProposedInvoiceId, string? ProposedInvoiceNumber,
    IReadOnlyList<Allocation> Allocations);

/// <summary>A part of a movement booked on one invoice (or refunded on a credit note).</summary>
public sealed record Allocation(Guid InvoiceId, decimal Amount);

public sealed record MatchRequest(IReadOnlyList<Allocation>? Allocations);

/// <summary>
/// The reconciliation list: movements that wait (open or proposed), and what the office does with them —
/// confirm a proposal, book by hand over one or several invoices, set aside as not ours, or undo.
/// Every step is audited; nothing is matched twice.
/// </summary>
public static class Reconcile
{
    public static async Task<Ok<IReadOnlyList<BankLineItem>>> List(BankLineState? state, AppDb db, CancellationToken ct)
    {
        var query = db.BankLines.AsNoTracking();
        query = state is { } only ? query.Where(l => l.State == only) : query.Where(l => l.State == BankLineState.Open || l.State == BankLineState.Proposed);
        var lines = await query.OrderBy(l => l.BookingDate).ThenBy(l => l.StatementId).ThenBy(l => l.Index).Take(500).ToListAsync(ct);
        return TypedResults.Ok(await ItemsAsync(db, lines, ct));
    }

    public static async Task<Results<Ok<BankLineItem>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ValidationProblem>> Confirm(
        Guid id, ClaimsPrincipal user, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var line = await db.BankLines.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (line is null)
        {
            return Rows.Missing("movement");
        }

        if (line is not { State: BankLineState.Proposed, ProposedInvoiceId: { } invoiceId })
        {
            return TypedResults.Conflict(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = texts["Payments.NoProposal"] });
        }

        return await BookAsync(db, texts, clock, user, line, [new Allocation(invoiceId, Math.Abs(line.Amount))], ct);
    }

    public static async Task<Results<Ok<BankLineItem>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ValidationProblem>> Match(
        Guid id, MatchRequest request, ClaimsPrincipal user, AppDb db, Texts texts, TimeProvider clock, CancellationToken ct)
    {
        var line = await db.BankLines.FirstOrDefaultAsync(l => l.Id == id, ct);
        return line is null ? Rows.Missing("movement") : await BookAsync(db, texts, clock, user, line, request.Allocations ?? [], ct);
    }

    /// <summary>
    /// Books a movement over invoices (money received) or credit notes (money refunded). The parts add up to
    /// the movement; each goes to an issued document of the right kind; an invoice may be paid more than it
    /// owes (an overpayment), never twice from one movement.
    /// </summary>
    private static async Task<Results<Ok<BankLineItem>, NotFound<ProblemDetails>, Conflict<ProblemDetails>, ValidationProblem>> BookAsync(
        AppDb db, Texts texts, TimeProvider clock, ClaimsPrincipal user, BankLine line, IReadOnlyList<Allocation> allocations, CancellationToken ct)
    {
        if (line.State is BankLineState.Matched or BankLineState.NotOurs)
        {
            return TypedResults.Conflict(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = texts["Payments.AlreadyHandled"] });
        }

        var v = new Validation(texts).Ids("allocations", allocations);
        if (allocations.Count == 0)
        {
            v.Add("allocations", "Validation.Required");
        }

        var refund = line.Amount < 0;
        var ids = allocations.Select(a => a.InvoiceId).ToList();
        var documents = await db.Invoices.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => new { i.Id, i.Kind, i.Status }).ToDictionaryAsync(i => i.Id, ct);
        for (var n = 0; n < allocations.Count; n++)
        {
            var a = allocations[n];
            if (a.Amount <= 0 || a.Amount != Money.Round(a.Amount))
            {
                v.Add($"allocations[{n}].amount", "Payments.AllocationAmount");
            }

            if (!documents.TryGetValue(a.InvoiceId, out var document) || document.Status != InvoiceStatus.Issued
                || (document.Kind == Core.Invoicing.InvoiceKind.CreditNote) != refund)
            {
                v.Add($"allocations[{n}].invoiceId", refund ? "Payments.NotACreditNote" : "Payments.NotAnInvoice");
            }
        }

        if (ids.Distinct().Count() != ids.Count)
        {
            v.Add("allocations", "Payments.TwiceInOneMovement");
        }

        if (v.IsValid && allocations.Sum(a => a.Amount) != Math.Abs(line.Amount))
        {
            v.Add("allocations", "Payments.AllocationsMustAddUp", Math.Abs(line.Amount));
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var by = RecordPayment.UserId(user);
        foreach (var a in allocations)
        {
            db.Payments.Add(new Payment(a.InvoiceId, a.Amount, line.BookingDate, PaymentSource.Statement, line.Id, "", by, now));
            RecordPayment.Audit(db, "payment.matched", a.InvoiceId, by, $"{a.Amount:0.00} {line.BookingDate:yyyy-MM-dd} by hand", now);
        }

        line.Matched();
        await RecordPayment.SettleAsync(db, ids, now, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ItemsAsync(db, [line], ct))[0]);
    }

    public static async Task<Results<Ok<BankLineItem>, NotFound<ProblemDetails>, Conflict<ProblemDetails>>> NotOurs(
        Guid id, AppDb db, Texts texts, CancellationToken ct)
    {
        var line = await db.BankLines.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (line is null)
        {
            return Rows.Missing("movement");
        }

        if (line.State is BankLineState.Matched or BankLineState.NotOurs)
        {
            return TypedResults.Conflict(new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = texts["Payments.AlreadyHandled"] });
        }

        line.SetAside();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ItemsAsync(db, [line], ct))[0]);
    }

    /// <summary>Back to the list: a match's payments are undone (kept, marked), a proposal or "not ours" is dropped.</summary>
    public static async Task<Results<Ok<BankLineItem>, NotFound<ProblemDetails>>> Undo(
        Guid id, ClaimsPrincipal user, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        var line = await db.BankLines.FirstOrDefaultAsync(l => l.Id == id, ct);
        if (line is null)
        {
            return Rows.Missing("movement");
        }

        var payments = await db.Payments.Where(p => p.BankLineId == id && p.UndoneAt == null).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await RecordPayment.UndoAsync(db, payments, RecordPayment.UserId(user), now, ct);
        line.Reopen();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok((await ItemsAsync(db, [line], ct))[0]);
    }

    private static async Task<IReadOnlyList<BankLineItem>> ItemsAsync(AppDb db, IReadOnlyList<BankLine> lines, CancellationToken ct)
    {
        var ids = lines.Select(l => l.Id).ToList();
        var payments = await db.Payments.AsNoTracking().Where(p => p.BankLineId != null && ids.Contains(p.BankLineId.Value) && p.UndoneAt == null)
            .Select(p => new { Line = p.BankLineId!.Value, p.InvoiceId, p.Amount }).ToListAsync(ct);
        var proposed = lines.Where(l => l.ProposedInvoiceId is not null).Select(l => l.ProposedInvoiceId!.Value).ToList();
        var numbers = await db.Invoices.AsNoTracking().Where(i => proposed.Contains(i.Id)).Select(i => new { i.Id, i.Number }).ToDictionaryAsync(i => i.Id, i => i.Number, ct);
        return [.. lines.Select(l => new BankLineItem(
            l.Id, l.StatementId, l.BookingDate, l.Amount, l.CounterpartyName, l.CounterpartyIban,
            l.Communication is null ? null : Core.Invoicing.StructuredCommunication.Parse(l.Communication).ToString(), l.FreeText, l.Batch,
            l.State, l.ProposedInvoiceId, l.ProposedInvoiceId is { } p ? numbers.GetValueOrDefault(p) : null,
            [.. payments.Where(x => x.Line == l.Id).Select(x => new Allocation(x.InvoiceId, x.Amount))]))];
    }
}

/// <summary>The payments route table.</summary>
public static class PaymentEndpoints
{
    public static IServiceCollection AddPayments(this IServiceCollection services) => services
        .AddSingleton<StatementImports>()
        .AddHostedService<StatementImportWorker>()
        .AddHostedService<ReminderRun>();

    public static IEndpointRouteBuilder MapPayments(this IEndpointRouteBuilder app)
    {
        var invoices = app.MapGroup("/api/invoices").WithTags("Payments").RequireAuthorization(Policies.Office);
        invoices.MapGet("/{id:guid}/payments", RecordPayment.List);
        invoices.MapPost("/{id:guid}/payments", RecordPayment.Handle);

        var payments = app.MapGroup("/api/payments").WithTags("Payments").RequireAuthorization(Policies.Office);
        payments.MapPost("/{id:guid}/undo", RecordPayment.Undo);

        var statements = app.MapGroup("/api/bank-statements").WithTags("Payments").RequireAuthorization(Policies.Office);
        statements.MapPost("/", ImportStatement.Handle).DisableAntiforgery();

        var lines = app.MapGroup("/api/bank-lines").WithTags("Payments").RequireAuthorization(Policies.Office);
        lines.MapGet("/", Reconcile.List);
        lines.MapPost("/{id:guid}/confirm", Reconcile.Confirm);
        lines.MapPost("/{id:guid}/match", Reconcile.Match);
        lines.MapPost("/{id:guid}/not-ours", Reconcile.NotOurs);
        lines.MapPost("/{id:guid}/undo", Reconcile.Undo);
        return app;
    }
}
