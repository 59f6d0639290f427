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
        return Of(lines.Select(l => (l.VatCategory, l.VatPercent, l.Amount)));
    }

    /// <summary>
    /// The same for any lines given as category, rate and amount. Subtotals are ordered by rate, highest
    /// first, then by category; AE carries <c>VATEX-EU-AE</c>, E the given <paramref name="exemptionReasonCode"/>.
    /// </summary>
    public static VatTotals Of(IEnumerable<(VatCategory Category, decimal Percent, decimal Amount)> lines, string? exemptionReasonCode = null)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var bases = new List<(VatCategory Category, decimal Percent, decimal Taxable)>();
        var net = 0m;
        foreach (var (category, percent, amount) in lines)
        {
            net += amount;
            var i = bases.FindIndex(b => b.Category == category && b.Percent == percent);
            if (i < 0)
            {
                bases.Add((category, percent, amount));
            }
            else
            {
                bases[i] = bases[i] with { Taxable = bases[i].Taxable + amount };
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
                ExemptionReasonCode = category switch
                {
                    VatCategory.AE => VatRules.ReverseChargeExemptionCode,
                    VatCategory.E => exemptionReasonCode,
                    _ => null,
                },
            };
            vat += breakdown[i].VatAmount;
        }

        return new VatTotals(breakdown, net, vat);
    }
}
