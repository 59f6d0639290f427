using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;

namespace Werkbon.Server.Contracts;

public enum ContractKind
{
    TimeAndMaterial,
    MaintenanceSubscription,
    AllIn,
    Warranty,
}

/// <summary>
/// The company's rate card: the default terms every report is priced with unless a contract says
/// otherwise. One per company; stored as the Core <see cref="RateCard"/> itself (JSON).
/// </summary>
public sealed class RateCardSettings : CompanyEntity
{
    public RateCard Card { get; set; } = RateCard.BelgianDefaults();

    /// <summary>Days the company treats as public holidays on top of the country's calendar.</summary>
    public List<CompanyHoliday> CompanyHolidays { get; set; } = [];

    public HolidayCalendar Holidays() => HolidayCalendar.Belgium(CompanyHolidays);

    private WallClock? _clock;

    /// <summary>
    /// The company's clock the card's time bands are read on. Not stored: the zone is the company's
    /// (<see cref="Companies.CompanyClock"/>), given when the card is read for pricing (<see cref="ReportPricing.RateCardAsync"/>).
    /// </summary>
    public WallClock Clock => _clock ?? throw new InvalidOperationException("The rate card was read without the company's clock.");

    public RateCardSettings On(WallClock clock)
    {
        _clock = clock;
        return this;
    }

    /// <summary>The effective terms: the card with a contract's overrides, on the company's clock.</summary>
    public Terms Terms(ContractTerms? contract = null) => Card.ToTerms(Clock.Zone, contract);
}

/// <summary>A customer's service contract: what it covers and how it overrides the rate card.</summary>
public sealed class ServiceContract : CompanyEntity
{
    public Guid CustomerId { get; set; }

    public string Name { get; set; } = "";

    public ContractKind Kind { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    /// <summary>Sites covered; empty means every site of the customer.</summary>
    public List<Guid> CoveredSiteIds { get; set; } = [];

    /// <summary>Assets covered; empty means every asset at the covered sites.</summary>
    public List<Guid> CoveredAssetIds { get; set; } = [];

    /// <summary>The overrides and contract-only terms, as the pricing engine reads them.</summary>
    public ContractTerms Terms { get; set; } = new("");

    public int? SlaResponseHours { get; set; }

    public string TermsText { get; set; } = "";

    /// <summary>The technician's device does not show prices to the customer.</summary>
    public bool HidePricesOnDevice { get; set; }

    /// <summary>For a maintenance subscription: the fee (excl. VAT) invoiced every <see cref="SubscriptionPeriodMonths"/> months.</summary>
    public decimal? SubscriptionFee { get; set; }

    /// <summary>1 (monthly), 3 (quarterly), 6 or 12 (yearly); periods start in the contract's start month.</summary>
    public int SubscriptionPeriodMonths { get; set; } = 12;

    public bool IsActiveOn(DateOnly day) => Coverage().IsActiveOn(day);

    /// <summary>What this contract covers, as the one Core rule (<see cref="ContractCoverage.For{T}"/>) reads it.</summary>
    public ContractCoverage Coverage() => new(Id, CustomerId, StartsOn, EndsOn, CoveredSiteIds, IsArchived);

    /// <summary>The terms with the contract's name, so explanations can say "(contract Gold)".</summary>
    public ContractTerms PricingTerms() => Terms with
    {
        Name = Name,
        IncludedHours = Terms.IncludedHours is { } included ? included with { ContractStart = StartsOn } : null,
    };
}

/// <summary>Labour minutes a visit drew from a contract's included hours.</summary>
public sealed class ContractHoursUse : CompanyEntity
{
    public Guid ContractId { get; set; }

    public DateOnly VisitDate { get; set; }

    public int Minutes { get; set; }

    /// <summary>The report that used them, once reports exist.</summary>
    public Guid? ReportId { get; set; }
}
