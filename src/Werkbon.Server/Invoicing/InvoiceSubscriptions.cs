using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Vat;
using Werkbon.Server.Contracts;

namespace Werkbon.Server.Invoicing;

public sealed record SubscriptionDrafts(string Period, int Created, IReadOnlyList<Guid> DraftIds);

/// <summary>
/// Maintenance subscriptions are invoiced per period: a draft for each contract whose period starts in the
/// given month, once (a second run for the same month makes nothing new).
/// </summary>
public static class InvoiceSubscriptions
{
    public static async Task<Results<Ok<SubscriptionDrafts>, ProblemHttpResult>> Handle(string? period, AppDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return TypedResults.Problem("The period is a month written as yyyy-MM, e.g. 2026-03.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown period");
        }

        var monthEnd = month.AddMonths(1).AddDays(-1);
        var contracts = await db.Contracts.AsNoTracking()
            .Where(c => c.Kind == ContractKind.MaintenanceSubscription && c.ArchivedAt == null && c.SubscriptionFee != null
                && c.StartsOn <= monthEnd && (c.EndsOn == null || c.EndsOn >= month))
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var created = new List<Guid>();
        foreach (var contract in contracts)
        {
            var months = ((month.Year - contract.StartsOn.Year) * 12) + month.Month - contract.StartsOn.Month;
            if (contract.SubscriptionFee is not > 0 || months % Math.Max(contract.SubscriptionPeriodMonths, 1) != 0)
            {
                continue;
            }

            var key = $"sub:{contract.Id}:{month:yyyy-MM}";
            if (await db.Invoices.AnyAsync(i => i.SubscriptionKey == key, ct))
            {
                continue;
            }

            var end = month.AddMonths(contract.SubscriptionPeriodMonths).AddDays(-1);
            var fee = contract.SubscriptionFee.Value;
            var line = new InvoiceLine(
                string.Create(CultureInfo.InvariantCulture, $"{contract.Name} {month:yyyy-MM-dd} – {end:yyyy-MM-dd}"), 1, "C62", fee, Core.Money.Round(fee), VatCategory.S, 21m)
            {
                Explanation = $"(contract {contract.Name})",
            };
            var draft = new Invoice(InvoiceKind.Invoice, contract.CustomerId, key, [line], now);
            draft.ForSubscription(key, month, end);
            db.Invoices.Add(draft);
            created.Add(draft.Id);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (SerialWrites.IsUniqueViolation(e))
        {
            // A simultaneous run made these drafts; the period is invoiced once all the same.
            db.ChangeTracker.Clear();
            return TypedResults.Ok(new SubscriptionDrafts(period!, 0, []));
        }

        return TypedResults.Ok(new SubscriptionDrafts(period!, created.Count, created));
    }
}
