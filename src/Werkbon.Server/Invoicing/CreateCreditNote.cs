using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core;
using Werkbon.Core.Catalog;
using Werkbon.Core.Invoicing;
using Werkbon.Server.Hosting;

namespace Werkbon.Server.Invoicing;

/// <summary>A line to credit: its index on the invoice and either a quantity (at the invoiced unit price) or an amount; neither credits the whole line.</summary>
public sealed record CreditLine(int Index, decimal? Quantity, decimal? Amount);

public sealed record CreditNoteRequest(string? Reason, IReadOnlyList<CreditLine>? Lines);

/// <summary>
/// An issued invoice is corrected by a credit note that names it: in full, or for chosen lines and amounts.
/// The credit note has its own series and is issued the same way, in the same chain.
/// </summary>
public static class CreateCreditNote
{
    public static async Task<Results<Created<InvoiceDetails>, NotFound<ProblemDetails>, ValidationProblem, UnprocessableEntity<ProblemDetails>>> Handle(
        Guid id, CreditNoteRequest request, ClaimsPrincipal user, AppDb db, Texts texts, TimeProvider clock, InvoiceIssueHooks hooks, InvoiceRendering rendering, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
        {
            return Rows.Missing("invoice");
        }

        if (invoice.Kind != InvoiceKind.Invoice || !invoice.IsIssued)
        {
            return TypedResults.UnprocessableEntity(new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "Only an issued invoice can be credited.",
                Detail = "A draft is changed or deleted instead; a credit note is not credited again.",
            });
        }

        var v = new Validation(texts).Required("reason", request.Reason, Fields.Note);
        var customerLanguage = await db.Customers.AsNoTracking().Where(c => c.Id == invoice.CustomerId).Select(c => c.Language).FirstOrDefaultAsync(ct);
        var lines = new List<InvoiceLine>();
        var chosen = request.Lines is { Count: > 0 } some ? some : [.. invoice.Lines.Select((_, i) => new CreditLine(i, null, null))];
        if (chosen.Select(c => c.Index).Distinct().Count() != chosen.Count)
        {
            v.Add("lines", "Invoices.DuplicateLine");
        }

        for (var n = 0; n < chosen.Count; n++)
        {
            var credit = chosen[n];
            if (credit.Index < 0 || credit.Index >= invoice.Lines.Count)
            {
                v.Add($"lines[{n}].index", "Validation.Invalid");
                continue;
            }

            var line = invoice.Lines[credit.Index];
            if (credit.Quantity is { } quantity)
            {
                if (quantity <= 0 || quantity > line.Quantity)
                {
                    v.Add($"lines[{n}].quantity", "Validation.Range", 0, line.Quantity);
                    continue;
                }

                // The same unit and price for fewer of them; time still multiplies out in minutes.
                lines.Add(line with { Quantity = quantity, Amount = LineQuantity.Of(quantity, line.UnitCode).AmountAt(line.UnitPrice) });
            }
            else if (credit.Amount is { } amount)
            {
                if (amount <= 0 || amount > line.Amount)
                {
                    v.Add($"lines[{n}].amount", "Validation.Range", 0, line.Amount);
                    continue;
                }

                if (amount != Money.Round(amount))
                {
                    v.Add($"lines[{n}].amount", "Invoices.AmountInCents");
                    continue;
                }

                // An amount off a line is one lump sum of that amount, not "1 hour" at a made-up price.
                var language = Werkbon.Core.Languages.FromCode(customerLanguage);
                lines.Add(line with
                {
                    Quantity = 1,
                    UnitCode = "LS",
                    UnitPrice = amount,
                    Amount = amount,
                    Explanation = string.Format(CultureInfo.InvariantCulture, texts.In(language.Code(), "Invoices.CreditedPartOf"), LineQuantity.Of(line.Quantity, line.UnitCode).Text(language)),
                });
            }
            else
            {
                lines.Add(line);
            }
        }

        if (!v.IsValid)
        {
            return v.Problem();
        }

        var earlier = await db.Invoices.AsNoTracking()
            .Where(c => c.CorrectsInvoiceId == id && c.Status == InvoiceStatus.Issued)
            .Select(c => c.Total)
            .ToListAsync(ct);
        var total = InvoiceTotals.Compute(lines).Total;
        if (earlier.Sum() + total > invoice.Total)
        {
            return TypedResults.UnprocessableEntity(new ProblemDetails
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "The credit notes would exceed the invoice.",
                Detail = $"Invoice {invoice.Number} totals {invoice.Total:0.00}; {earlier.Sum():0.00} was already credited.",
            });
        }

        var note = new Invoice(InvoiceKind.CreditNote, invoice.CustomerId, $"cn:{invoice.Id}", lines, clock.GetUtcNow().UtcDateTime);
        note.ForCreditNote(invoice, request.Reason!.Trim());
        db.Invoices.Add(note);
        await db.SaveChangesAsync(ct);
        try
        {
            await IssueInvoice.IssueAsync(note.Id, Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) ? userId : null, db, clock, hooks, rendering, ct);
        }
        catch
        {
            // The credit note either exists issued or not at all.
            await db.Invoices.Where(i => i.Id == note.Id && i.Status == InvoiceStatus.Draft).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }

        // The credit note is netted against the invoice: what is still owed, or what is now to refund.
        db.ChangeTracker.Clear();
        await Payments.RecordPayment.SettleAsync(db, [note.Id], clock.GetUtcNow().UtcDateTime, ct);
        await db.SaveChangesAsync(ct);

        return TypedResults.Created($"/api/invoices/{note.Id}", (await SearchInvoices.DetailsAsync(db, note.Id, ct))!);
    }
}
