using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Vat;
using Werkbon.Core;
using Werkbon.Core.Pricing;
using Werkbon.Server.Contracts;
using Werkbon.Server.Customers;
using Werkbon.Server.Hosting;

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
            return TypedResults.Problem("The period is a month written as yyyy-MM, e.g. 2026-03.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown period", extensions: new Dictionary<string, object?> { ["field"] = "period" });
        }

        if (!Validation.IsSaneDate(month))
        {
            return TypedResults.Problem(
                $"The period lies between the years {Validation.MinYear} and {Validation.MaxYear}.", statusCode: StatusCodes.Status400BadRequest, title: "Unknown period", extensions: new Dictionary<string, object?> { ["field"] = "period" });
        }

        var monthEnd = month.AddMonths(1).AddDays(-1);
        var contracts = await db.Contracts.AsNoTracking()
            .Where(c => c.Kind == ContractKind.MaintenanceSubscription && c.ArchivedAt == null && c.SubscriptionFee != null
                && c.StartsOn <= monthEnd && (c.EndsOn == null || c.EndsOn >= month))
            .ToListAsync(ct);
        var customerIds = contracts.Select(c => c.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
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
            var customer = customers[contract.CustomerId];
            var (regime, category, percent) = Vat(customer, month);
            var line = new InvoiceLine(
                string.Create(CultureInfo.InvariantCulture, $"{contract.Name} {month:yyyy-MM-dd} – {end:yyyy-MM-dd}"), 1, "C62", fee, Core.Money.Round(fee), category, percent)
            {
                Explanation = $"(contract {contract.Name})",
            };
            var draft = new Invoice(InvoiceKind.Invoice, contract.CustomerId, key, [line], now);
            draft.ForSubscription(
                key,
                month,
                end,
                regime == VatRegime.ReverseCharge ? [new LegalText(LegalTextKind.ReverseCharge, LegalTexts.ReverseCharge(Languages.FromCode(customer.Language)))] : []);
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

    /// <summary>
    /// The fee follows the VAT rules of the work it covers, maintenance of installations on the customer's
    /// premises: reverse charge for a business that files periodic VAT returns, otherwise the standard rate
    /// (the 6 % rate needs the customer's statement on a signed report, which a subscription does not have).
    /// </summary>
    private static (VatRegime Regime, VatCategory Category, decimal Percent) Vat(Customer customer, DateOnly month)
    {
        var regime = VatRules.Decide(customer.VatFacts(site: null), month.Year, statementConfirmed: false);
        var (category, percent) = VatRules.ForLine(regime, 21m);
        return (regime, category, percent);
    }
}
