using Werkbon.Core.Calendar;
using Werkbon.Core.Vat;

namespace Werkbon.Core.Pricing;

public enum TimeEntryKind
{
    Work,
    Travel,
}

/// <summary>
/// A period the technician recorded. <see cref="Start"/> and <see cref="End"/> are instants with the
/// device's offset (truncated to the minute); bands judge them on the company zone's wall clock, so a
/// visit across a DST change is neither lost nor counted twice, whatever zone the device was set to.
/// </summary>
public sealed record TimeEntry(
    DateTimeOffset Start,
    DateTimeOffset End,
    TimeEntryKind Kind = TimeEntryKind.Work,
    string? TechnicianClass = null,
    bool IsExtra = false);

/// <summary>
/// Material used (or a service performed, or a fixed-price task). An unknown code is priced at
/// <see cref="PriceOverride"/> or 0, described by <see cref="Description"/>, and flagged for the office.
/// </summary>
public sealed record MaterialUse(
    string ArticleCode,
    decimal Quantity,
    decimal? PriceOverride = null,
    string? Description = null,
    bool IsExtra = false);

/// <summary>The signed report as the engine reads it. Extras are the entries with <c>IsExtra</c> set.</summary>
public sealed record VisitReport(DateOnly VisitDate, IReadOnlyList<TimeEntry> Time, IReadOnlyList<MaterialUse> Materials)
{
    /// <summary>One-way distance the technician recorded.</summary>
    public decimal? DistanceKm { get; init; }

    /// <summary>The site's distance from the company base, used when the technician recorded none.</summary>
    public decimal? SiteDistanceKm { get; init; }

    public bool IsWarrantyRepair { get; init; }

    /// <summary>Last day of the asset's warranty (from the asset or a warranty contract).</summary>
    public DateOnly? WarrantyEndsOn { get; init; }

    /// <summary>The customer confirmed the 6 % renovation statement when signing.</summary>
    public bool SixPercentStatementConfirmed { get; init; }
}

/// <summary>Everything one pricing needs; nothing is read from anywhere else.</summary>
public sealed record PricingRequest(
    VisitReport Report,
    Terms Terms,
    ArticleCatalog Catalog,
    HolidayCalendar Holidays,
    VatContext Customer)
{
    /// <summary>The customer's language: descriptions, explanations and legal texts.</summary>
    public Language Language { get; init; } = Language.En;

    /// <summary>The office's language for warnings; the customer's when not given.</summary>
    public Language? OfficeLanguage { get; init; }

    /// <summary>
    /// Included minutes consumed by the contract's earlier visits, in any order; only those in the
    /// visit's contract year count. Price visits in chronological order and append each result.
    /// </summary>
    public IReadOnlyList<IncludedHoursUse> EarlierIncludedUse { get; init; } = [];
}
