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
        var groups = new List<(VatCategory Category, decimal Percent, decimal Taxable)>();
        var net = 0m;
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

            net += line.Amount;
            var i = groups.FindIndex(g => g.Category == line.VatCategory && g.Percent == line.VatPercent);
            if (i < 0)
            {
                groups.Add((line.VatCategory, line.VatPercent, line.Amount));
            }
            else
            {
                groups[i] = groups[i] with { Taxable = groups[i].Taxable + line.Amount };
            }
        }

        if (groups.Any(g => g.Category == VatCategory.E) && string.IsNullOrWhiteSpace(exemptionReasonCode))
        {
            throw new ArgumentException("Exempt (E) lines need the exemption reason (a VATEX code).", nameof(exemptionReasonCode));
        }

        groups.Sort(static (a, b) => a.Percent != b.Percent ? b.Percent.CompareTo(a.Percent) : a.Category.CompareTo(b.Category));
        var breakdown = new VatSubtotal[groups.Count];
        var vat = 0m;
        for (var i = 0; i < groups.Count; i++)
        {
            var (category, percent, taxable) = groups[i];
            breakdown[i] = new VatSubtotal(category, percent, taxable, Money.Percent(taxable, percent))
            {
                ExemptionReasonCode = category switch
                {
                    VatCategory.AE => VatRules.ReverseChargeExemptionCode,
                    VatCategory.E => exemptionReasonCode,
                    _ => null,
                },
            };
            vat += breakdown[i].VatAmount;
        }

        return new InvoiceTotals(breakdown, net, vat, net + vat);
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
