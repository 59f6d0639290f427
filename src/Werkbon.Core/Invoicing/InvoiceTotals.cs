using Werkbon.Core.Pricing;
using Werkbon.Core.Vat;

namespace Werkbon.Core.Invoicing;

/// <summary>
/// The VAT breakdown and totals of a set of invoice lines: one subtotal per category and rate, its VAT
/// computed on the sum of its lines and rounded once (BR-CO-17), never per line; the net is the sum of the
/// lines (BR-CO-10), the total the net plus the VAT (BR-CO-15). The same arithmetic as the pricing engine,
/// so an invoice of several reports adds up exactly like each report did.
/// </summary>
public sealed record InvoiceTotals(IReadOnlyList<VatSubtotal> VatBreakdown, decimal Net, decimal Vat, decimal Total)
{
    /// <summary>
    /// Subtotals are ordered by rate, highest first, then by category. AE subtotals carry
    /// <c>VATEX-EU-AE</c>; exempt (E) lines need <paramref name="exemptionReasonCode"/> (a VATEX code).
    /// </summary>
    public static InvoiceTotals Compute(IReadOnlyList<InvoiceLine> lines, string? exemptionReasonCode = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            if (line.Amount != Money.Round(line.Amount))
            {
                throw new ArgumentException($"Line '{line.Description}' has an amount of {line.Amount}, not rounded to the cent.", nameof(lines));
            }

            if ((line.VatCategory is VatCategory.AE or VatCategory.Z or VatCategory.E) && line.VatPercent != 0m)
            {
                throw new ArgumentException($"Line '{line.Description}' is {line.VatCategory} at {line.VatPercent} %; that category is always 0 %.", nameof(lines));
            }
        }

        if (lines.Any(l => l.VatCategory == VatCategory.E) && string.IsNullOrWhiteSpace(exemptionReasonCode))
        {
            throw new ArgumentException("Exempt (E) lines need the exemption reason (a VATEX code).", nameof(exemptionReasonCode));
        }

        var totals = Werkbon.Core.Vat.VatBreakdown.Of(lines.Select(l => (l.VatCategory, l.VatPercent, l.Amount)), exemptionReasonCode);
        return new InvoiceTotals(totals.Breakdown, totals.Net, totals.Vat, totals.Total);
    }

    /// <summary>Invoice lines from a priced report, as the office issues them unchanged.</summary>
    public static InvoiceLine FromPriced(PricedLine line, Guid? reportId = null) =>
        new(line.Description, line.Quantity, line.UnitCode, line.UnitPrice, line.Amount, line.VatCategory, line.VatPercent)
        {
            Kind = line.Kind,
            ArticleCode = line.ArticleCode,
            Explanation = line.Explanation,
            IsExtra = line.IsExtra,
            ReportId = reportId,
        };
}
