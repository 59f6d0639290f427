namespace Werkbon.Core.Vat;

/// <summary>UNCL5305 tax category codes as used by Peppol BIS Billing 3.0.</summary>
public enum VatCategory
{
    /// <summary>Standard or reduced rate with its percentage (21, 12, 6).</summary>
    S,

    /// <summary>Reverse charge ("medecontractant" / "verlegging van heffing"), 0 %, VATEX-EU-AE.</summary>
    AE,

    /// <summary>Zero-rated goods or services.</summary>
    Z,

    /// <summary>Exempt; needs an exemption reason. The engine never picks it by itself.</summary>
    E,
}

/// <summary>How VAT is decided for the whole invoice.</summary>
public enum VatRegime
{
    /// <summary>Each line at its own rate (articles' rates, the rate card's default for labour and travel).</summary>
    LineRates,

    /// <summary>6 % for renovating a private home at least 10 calendar years old, with the customer's statement.</summary>
    RenovationSixPercent,

    /// <summary>Reverse charge for works on immovable property for a business that files periodic VAT returns.</summary>
    ReverseCharge,
}
