using Werkbon.Core.Pricing;

namespace Werkbon.Core.Vat;

/// <summary>Net, VAT and total of a list of lines.</summary>
public sealed record VatTotals(IReadOnlyList<VatSubtotal> Breakdown, decimal Net, decimal Vat)
{
    public decimal Total => Net + Vat;
}

/// <summary>
/// VAT per category and rate on the sum of its lines (BR-CO-17), never per line. The pricing engine
/// and an office correction total their lines the same way.
/// </summary>
public static class VatBreakdown
{
    public static VatTotals Of(IEnumerable<PricedLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var bases = new List<(VatCategory Category, decimal Percent, decimal Taxable)>();
        var net = 0m;
        foreach (var line in lines)
        {
            net += line.Amount;
            var i = bases.FindIndex(b => b.Category == line.VatCategory && b.Percent == line.VatPercent);
            if (i < 0)
            {
                bases.Add((line.VatCategory, line.VatPercent, line.Amount));
            }
            else
            {
                bases[i] = bases[i] with { Taxable = bases[i].Taxable + line.Amount };
            }
        }

        bases.Sort(static (a, b) => a.Percent != b.Percent ? b.Percent.CompareTo(a.Percent) : a.Category.CompareTo(b.Category));
        var breakdown = new VatSubtotal[bases.Count];
        var vat = 0m;
        for (var i = 0; i < bases.Count; i++)
        {
            var (category, percent, taxable) = bases[i];
            breakdown[i] = new VatSubtotal(category, percent, taxable, Money.Percent(taxable, percent))
            {
                ExemptionReasonCode = category == VatCategory.AE ? VatRules.ReverseChargeExemptionCode : null,
            };
            vat += breakdown[i].VatAmount;
        }

        return new VatTotals(breakdown, net, vat);
    }
}
