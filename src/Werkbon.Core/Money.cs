namespace Werkbon.Core;

/// <summary>Money is <see cref="decimal"/> euros; this is the one place where it is rounded.</summary>
public static class Money
{
    /// <summary>Rounds to the cent, half away from zero (2.345 → 2.35), as Belgian invoices and EN 16931 expect.</summary>
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>The rounded <paramref name="percent"/> % of <paramref name="amount"/> (VAT, discounts).</summary>
    public static decimal Percent(decimal amount, decimal percent) => Round(amount * percent / 100m);
}
