using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;

namespace Werkbon.Core.Sync;

/// <summary>
/// A catalog article for searching, scanning (<see cref="Ean"/>) and pricing on the device. Removed
/// articles come as codes in <see cref="PullResponse.RemovedArticleCodes"/>.
/// </summary>
public sealed record FieldArticle(
    string Code,
    LocalizedText Name,
    string UnitCode,
    decimal ListPrice,
    decimal VatPercent,
    string? Category,
    string? Ean,
    ArticleKind Kind,
    int IncludedMinutes,
    bool IncludesTravel)
{
    public static FieldArticle From(Article article, string? ean = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new(article.Code, article.Name, article.UnitCode, article.ListPrice, article.VatPercent, article.Category, ean, article.Kind, article.IncludedMinutes, article.IncludesTravel);
    }

    /// <summary>The article as the pricing engine reads it.</summary>
    public Article ToArticle() => new(Code, Name, UnitCode, ListPrice, VatPercent, Category, Kind)
    {
        IncludedMinutes = IncludedMinutes,
        IncludesTravel = IncludesTravel,
    };
}

/// <summary>
/// Everything the device needs, besides the catalog and the work order, to price a visit offline
/// exactly as the server will: the company's rate card and own holidays, the terms of the contracts
/// its work orders fall under, and the company's time zone (<see cref="TimeZoneId"/>), which prices the
/// time bands and shows every time on the device.
/// </summary>
public sealed record FieldPricing(
    RateCard RateCard,
    IReadOnlyList<CompanyHoliday> CompanyHolidays,
    IReadOnlyList<FieldContract> Contracts,
    string TimeZoneId)
{
    /// <summary>The company's clock; a device that pulled before the zone was sent reads the default zone.</summary>
    public WallClock Clock() => WallClock.For(TimeZoneId);

    /// <summary>The effective terms of a work order's contract, or the bare rate card without one (or an unknown one).</summary>
    public Terms TermsFor(Guid? contractId) =>
        RateCard.ToTerms(Clock().Zone, Contracts.FirstOrDefault(c => c.Id == contractId)?.Terms);

    public HolidayCalendar Holidays() => HolidayCalendar.Belgium(CompanyHolidays);
}

/// <summary>
/// A contract's terms, and the included minutes its earlier visits used
/// (<see cref="PricingRequest.EarlierIncludedUse"/>), so included hours run down on the device too.
/// </summary>
public sealed record FieldContract(Guid Id, ContractTerms Terms, IReadOnlyList<IncludedHoursUse> IncludedUse);
