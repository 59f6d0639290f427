using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;

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
/// exactly as the server will: the company's rate card and own holidays, and the contracts of the
/// customers its work orders are for (with what each covers), so the device picks the contract for
/// the day the visit actually happens with the same rule as the server (<see cref="ContractCoverage.For{T}"/>),
/// and the company's time zone (<see cref="TimeZoneId"/>), which prices the time bands and shows every time on the device.
/// </summary>
public sealed record FieldPricing(
    RateCard RateCard,
    IReadOnlyList<CompanyHoliday> CompanyHolidays,
    IReadOnlyList<FieldContract> Contracts,
    string TimeZoneId)
{
    /// <summary>The company's clock; a device that pulled before the zone was sent reads the default zone.</summary>
    public WallClock Clock() => WallClock.For(TimeZoneId);

    /// <summary>The effective terms of a contract, or the bare rate card without one (or an unknown one).</summary>
    public Terms TermsFor(Guid? contractId) =>
        RateCard.ToTerms(Clock().Zone, Contracts.FirstOrDefault(c => c.Id == contractId)?.Terms);

    public HolidayCalendar Holidays() => HolidayCalendar.Belgium(CompanyHolidays);

    /// <summary>
    /// The contract a visit of <paramref name="order"/> on <paramref name="visitDate"/> is priced under,
    /// by the server's rule, among the pulled contracts. A work order stored before contracts came with
    /// their coverage keeps the contract the server named for it.
    /// </summary>
    public FieldContract? ContractFor(FieldWorkOrder order, DateOnly visitDate)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.CustomerId == Guid.Empty
            ? Contracts.FirstOrDefault(c => c.Id == order.Contract?.Id)
            : ContractCoverage.For(Contracts, c => c.Coverage, order.CustomerId, order.Site.Id, visitDate);
    }

    /// <summary>
    /// The price of a report on the device: the signed document with the pulled rate card, the contract
    /// covering its visit date, the catalog and the customer's VAT facts — the same request the server
    /// builds on arrival, so the customer signs the price the office invoices.
    /// </summary>
    public PricedReport Price(ReportDocument document, FieldWorkOrder order, ArticleCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(order);
        var contract = ContractFor(order, document.VisitDate);
        var warrantyEnds = order.Assets.FirstOrDefault(a => a.Id == document.AssetId)?.WarrantyUntil;
        var request = new PricingRequest(
            document.ToVisitReport(order.Site.DistanceKm, warrantyEnds),
            RateCard.ToTerms(Clock().Zone, contract?.Terms),
            catalog,
            Holidays(),
            order.Vat)
        {
            Language = Languages.FromCode(order.CustomerLanguage),
            EarlierIncludedUse = [.. (contract?.IncludedUse ?? []).Where(u => u.VisitDate < document.VisitDate)],
        };
        return PricingEngine.Price(request);
    }

    /// <summary>
    /// This pull's pricing, plus the contracts of <paramref name="previous"/> it no longer carries that
    /// the work orders kept on the device (a draft or an unsent report) may still be priced under.
    /// </summary>
    public FieldPricing Keeping(FieldPricing? previous, IEnumerable<FieldWorkOrder> kept)
    {
        ArgumentNullException.ThrowIfNull(kept);
        if (previous is null)
        {
            return this;
        }

        var orders = kept.ToList();
        var customers = orders.Select(o => o.CustomerId).Where(id => id != Guid.Empty).ToHashSet();
        var named = orders.Select(o => o.Contract?.Id).OfType<Guid>().ToHashSet();
        var present = Contracts.Select(c => c.Id).ToHashSet();
        var extra = previous.Contracts
            .Where(c => !present.Contains(c.Id) && (named.Contains(c.Id) || (c.Coverage is { } coverage && customers.Contains(coverage.CustomerId))))
            .ToList();
        return extra.Count == 0 ? this : this with { Contracts = [.. Contracts, .. extra] };
    }
}

/// <summary>
/// A contract's terms, and the included minutes its earlier visits used
/// (<see cref="PricingRequest.EarlierIncludedUse"/>), so included hours run down on the device too.
/// </summary>
public sealed record FieldContract(Guid Id, ContractTerms Terms, IReadOnlyList<IncludedHoursUse> IncludedUse)
{
    /// <summary>Whose contract it is, for which days and sites; null when pulled from a server that did not send it.</summary>
    public ContractCoverage? Coverage { get; init; }

    /// <summary>The customer sees no amounts on the device under this contract.</summary>
    public bool HidePrices { get; init; }

    /// <summary>The contract as a work order names it.</summary>
    public FieldContractSummary Summary() => new(Id, Terms.Name, HidePrices);
}
