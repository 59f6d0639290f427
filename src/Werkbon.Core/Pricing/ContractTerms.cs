namespace Werkbon.Core.Pricing;

/// <summary>
/// A fixed-price task: the catalog service <see cref="ArticleCode"/> at <see cref="Price"/>, covering
/// <see cref="IncludedMinutes"/> of labour per unit (and travel if <see cref="IncludesTravel"/>).
/// Time beyond is billed at the rates.
/// </summary>
public sealed record FixedPriceTask(string ArticleCode, decimal Price, int IncludedMinutes, bool IncludesTravel = false);

/// <summary>Labour minutes included per contract year, which runs from each anniversary of <see cref="ContractStart"/>.</summary>
public sealed record IncludedHours(int MinutesPerContractYear, DateOnly ContractStart)
{
    /// <summary>The start of the contract year <paramref name="date"/> falls in.</summary>
    public DateOnly ContractYearOf(DateOnly date)
    {
        var start = ContractStart.AddYears(Math.Max(0, date.Year - ContractStart.Year));
        return start > date && start > ContractStart ? start.AddYears(-1) : start;
    }
}

/// <summary>Included minutes an earlier visit consumed (from its priced result), in the contract's history.</summary>
public readonly record struct IncludedHoursUse(DateOnly VisitDate, int Minutes);

/// <summary>
/// A service contract's terms. Null means "as the rate card"; hourly rates override per technician
/// class; fixed-price tasks override the catalog's price for their article.
/// </summary>
public sealed record ContractTerms(string Name)
{
    public IReadOnlyDictionary<string, decimal>? HourlyRates { get; init; }
    public IReadOnlyList<TimeBand>? TimeBands { get; init; }
    public int? MinimumMinutes { get; init; }
    public int? RoundingMinutes { get; init; }
    public TravelPolicy? Travel { get; init; }
    public decimal PartsDiscountPercent { get; init; }
    public IReadOnlyCollection<string> CoveredCategories { get; init; } = [];
    public IncludedHours? IncludedHours { get; init; }
    public IReadOnlyList<FixedPriceTask> FixedPriceTasks { get; init; } = [];
}
