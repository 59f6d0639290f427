namespace Werkbon.Core.Pricing;

/// <summary>
/// The effective terms a report is priced with: a rate card with a contract's overrides applied, and
/// for each term whether it came from the contract, so every line can say which term set its price.
/// Build it once per contract (<see cref="Merge"/>) and reuse it for every report.
/// </summary>
public sealed class Terms
{
    private readonly HashSet<string> contractRateClasses;
    private readonly Dictionary<string, (string Name, decimal Rate)> classes;
    private readonly IReadOnlyDictionary<string, LocalizedText>? classNames;

    private Terms(RateCard rateCard, ContractTerms? contract, TimeZoneInfo zone)
    {
        var rates = new Dictionary<string, decimal>(rateCard.HourlyRates, StringComparer.OrdinalIgnoreCase);
        contractRateClasses = new(StringComparer.OrdinalIgnoreCase);
        foreach (var (technicianClass, rate) in contract?.HourlyRates ?? new Dictionary<string, decimal>())
        {
            rates[technicianClass] = rate;
            contractRateClasses.Add(technicianClass);
        }

        HourlyRates = rates;
        classes = new(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, rate) in rates)
        {
            classes[name] = (name, rate);
        }
        DefaultTechnicianClass = rateCard.DefaultTechnicianClass;
        classNames = rateCard.ClassNames;
        TimeBands = contract?.TimeBands ?? rateCard.TimeBands;
        TimeZone = zone;
        MinimumMinutes = Math.Max(0, contract?.MinimumMinutes ?? rateCard.MinimumMinutes);
        RoundingMinutes = Math.Max(0, contract?.RoundingMinutes ?? rateCard.RoundingMinutes);
        Travel = contract?.Travel ?? rateCard.Travel;
        DefaultVatPercent = rateCard.DefaultVatPercent;
        PartsDiscountPercent = contract?.PartsDiscountPercent ?? 0m;
        CoveredCategories = new HashSet<string>(contract?.CoveredCategories ?? [], StringComparer.OrdinalIgnoreCase);
        IncludedHours = contract?.IncludedHours;
        var tasks = new Dictionary<string, FixedPriceTask>(StringComparer.OrdinalIgnoreCase);
        foreach (var task in contract?.FixedPriceTasks ?? [])
        {
            tasks[task.ArticleCode] = task;
        }

        FixedPriceTasks = tasks;
        ContractName = contract?.Name;
        BandsFromContract = contract?.TimeBands is not null;
        MinimumFromContract = contract?.MinimumMinutes is not null;
        RoundingFromContract = contract?.RoundingMinutes is not null;
        TravelFromContract = contract?.Travel is not null;
        Windows = [.. TimeBands.Select(b => new BandWindow(b))];
    }

    public IReadOnlyDictionary<string, decimal> HourlyRates { get; }
    public string DefaultTechnicianClass { get; }
    public IReadOnlyList<TimeBand> TimeBands { get; }
    public TimeZoneInfo TimeZone { get; }
    public int MinimumMinutes { get; }
    public int RoundingMinutes { get; }
    public TravelPolicy Travel { get; }
    public decimal DefaultVatPercent { get; }
    public decimal PartsDiscountPercent { get; }
    public IReadOnlySet<string> CoveredCategories { get; }
    public IncludedHours? IncludedHours { get; }
    public IReadOnlyDictionary<string, FixedPriceTask> FixedPriceTasks { get; }

    /// <summary>The contract's name, or null when pricing with the bare rate card.</summary>
    public string? ContractName { get; }
    public bool BandsFromContract { get; }
    public bool MinimumFromContract { get; }
    public bool RoundingFromContract { get; }
    public bool TravelFromContract { get; }

    /// <summary>The bands as minute-of-day windows, precomputed so pricing a minute does no conversions.</summary>
    internal BandWindow[] Windows { get; }

    /// <summary>
    /// Applies <paramref name="contract"/>'s overrides to <paramref name="rateCard"/>; time bands are read on the
    /// wall clock of <paramref name="zone"/>, the company's time zone. Never throws for report data.
    /// </summary>
    public static Terms Merge(RateCard rateCard, TimeZoneInfo zone, ContractTerms? contract = null)
    {
        ArgumentNullException.ThrowIfNull(rateCard);
        ArgumentNullException.ThrowIfNull(zone);
        return new(rateCard, contract, zone);
    }

    public bool RateFromContract(string technicianClass) => contractRateClasses.Contains(technicianClass);

    /// <summary>The class as a customer reads it in <paramref name="language"/> ("technieker", not "technician").</summary>
    public string ClassName(string technicianClass, Language language) => TechnicianClasses.Name(technicianClass, classNames, language);

    /// <summary>Finds the rate card's spelling of a class, so "Senior" and "senior" price and group alike.</summary>
    internal bool TryFindClass(string? technicianClass, out string canonical, out decimal hourlyRate)
    {
        if (technicianClass is not null && classes.TryGetValue(technicianClass.Trim(), out var found))
        {
            (canonical, hourlyRate) = found;
            return true;
        }

        canonical = "";
        hourlyRate = 0m;
        return false;
    }
}

internal readonly struct BandWindow(TimeBand band)
{
    public int From { get; } = (band.From.Hour * 60) + band.From.Minute;
    public int To { get; } = (band.To.Hour * 60) + band.To.Minute;
    public BandDays Days { get; } = band.Days;
    public decimal Surcharge { get; } = band.SurchargePercent;

    public bool Covers(BandDays day, int minuteOfDay) =>
        (Days & day) != 0
        && (From == To
            || (From < To ? minuteOfDay >= From && minuteOfDay < To : minuteOfDay >= From || minuteOfDay < To));
}
