namespace Werkbon.Core.Vat;

/// <summary>The Belgian VAT decision for a report (pricing.md, "Amounts and VAT"). Law, not terms: not configurable.</summary>
public static class VatRules
{
    public const decimal RenovationPercent = 6m;
    public const int RenovationMinimumDwellingAge = 10;
    public const string ReverseChargeExemptionCode = "VATEX-EU-AE";

    public static VatRegime Decide(VatContext customer, int visitYear, bool statementConfirmed)
    {
        if (customer.IsBusiness)
        {
            return customer.FilesPeriodicVatReturns && customer.WorksOnImmovableProperty
                ? VatRegime.ReverseCharge
                : VatRegime.LineRates;
        }

        return statementConfirmed && QualifiesForRenovationRate(customer, visitYear)
            ? VatRegime.RenovationSixPercent
            : VatRegime.LineRates;
    }

    /// <summary>
    /// A private home first occupied in a calendar year at least ten years before the visit's year,
    /// for a private customer. The statement is a separate condition.
    /// </summary>
    public static bool QualifiesForRenovationRate(VatContext customer, int visitYear) =>
        !customer.IsBusiness
        && customer.IsPrivateHome
        && customer.DwellingFirstOccupiedYear is { } firstOccupied
        && visitYear - firstOccupied >= RenovationMinimumDwellingAge;

    /// <summary>The category and rate of a line under the regime, given the line's own rate.</summary>
    public static (VatCategory Category, decimal Percent) ForLine(VatRegime regime, decimal ownPercent) => regime switch
    {
        VatRegime.RenovationSixPercent => (VatCategory.S, RenovationPercent),
        VatRegime.ReverseCharge => (VatCategory.AE, 0m),
        _ => (ownPercent == 0m ? VatCategory.Z : VatCategory.S, ownPercent),
    };
}
