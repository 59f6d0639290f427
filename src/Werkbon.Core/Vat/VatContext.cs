namespace Werkbon.Core.Vat;

/// <summary>
/// What the VAT decision needs to know about the customer and the site. The 6 % statement itself is
/// part of the signed report (<c>VisitReport.SixPercentStatementConfirmed</c>).
/// </summary>
public sealed record VatContext(
    bool IsBusiness,
    bool FilesPeriodicVatReturns = false,
    bool WorksOnImmovableProperty = false,
    int? DwellingFirstOccupiedYear = null,
    bool IsPrivateHome = false)
{
    public static VatContext Private(int? dwellingFirstOccupiedYear = null, bool isPrivateHome = false) =>
        new(false, DwellingFirstOccupiedYear: dwellingFirstOccupiedYear, IsPrivateHome: isPrivateHome);

    public static VatContext Business(bool filesPeriodicVatReturns = true, bool worksOnImmovableProperty = false) =>
        new(true, filesPeriodicVatReturns, worksOnImmovableProperty);
}
