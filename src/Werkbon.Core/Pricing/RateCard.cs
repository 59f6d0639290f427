namespace Werkbon.Core.Pricing;

/// <summary>Days a time band applies to; <see cref="PublicHoliday"/> matches any holiday of the calendar.</summary>
[Flags]
public enum BandDays
{
    None = 0,
    Monday = 1,
    Tuesday = 2,
    Wednesday = 4,
    Thursday = 8,
    Friday = 16,
    Saturday = 32,
    Sunday = 64,
    PublicHoliday = 128,
    Weekdays = Monday | Tuesday | Wednesday | Thursday | Friday,
    EveryDay = Weekdays | Saturday | Sunday,
}

/// <summary>
/// A surcharge on the local wall clock: minutes in [<see cref="From"/>, <see cref="To"/>) on the given days.
/// <c>To</c> at or before <c>From</c> wraps past midnight (22:00–07:00); <c>From == To</c> is the whole day.
/// A minute's own day decides (02:00 on a Saturday is a Saturday minute).
/// </summary>
public sealed record TimeBand(string Key, LocalizedText Name, decimal SurchargePercent, BandDays Days, TimeOnly From, TimeOnly To)
{
    public static TimeBand AllDay(string key, LocalizedText name, decimal surchargePercent, BandDays days) =>
        new(key, name, surchargePercent, days, TimeOnly.MinValue, TimeOnly.MinValue);
}

public enum TravelKind
{
    Included,
    Flat,
    Zones,
}

/// <summary>Fee for a one-way distance up to and including <see cref="UpToKm"/>.</summary>
public sealed record TravelZone(decimal UpToKm, decimal Fee);

/// <summary>
/// How travel is charged per visit. Beyond the last zone: its fee plus <see cref="BeyondPerKm"/> per km over it.
/// With <see cref="BillTravelTime"/>, travel entries are billed at the normal labour rate as well.
/// </summary>
public sealed record TravelPolicy(
    TravelKind Kind,
    decimal FlatFee,
    IReadOnlyList<TravelZone> Zones,
    decimal BeyondPerKm,
    bool BillTravelTime)
{
    public static TravelPolicy Included(bool billTravelTime = false) => new(TravelKind.Included, 0m, [], 0m, billTravelTime);

    public static TravelPolicy Flat(decimal fee, bool billTravelTime = false) => new(TravelKind.Flat, fee, [], 0m, billTravelTime);

    public static TravelPolicy ByZones(IReadOnlyList<TravelZone> zones, decimal beyondPerKm, bool billTravelTime = false) =>
        new(TravelKind.Zones, 0m, zones, beyondPerKm, billTravelTime);
}

/// <summary>
/// The company's standard terms. A <see cref="ContractTerms"/> overrides any of them; the engine prices with
/// the merge of both (<see cref="ToTerms"/>), so every number here is data, none is in the engine. Its time
/// bands are read on the company's clock: the zone is the company's, given when the terms are made.
/// </summary>
public sealed record RateCard(
    IReadOnlyDictionary<string, decimal> HourlyRates,
    string DefaultTechnicianClass,
    IReadOnlyList<TimeBand> TimeBands,
    int MinimumMinutes,
    int RoundingMinutes,
    TravelPolicy Travel,
    decimal DefaultVatPercent)
{
    /// <summary>
    /// What each technician class is called on documents, per language ("technieker", "technicien"); a class
    /// without a name here reads as <see cref="TechnicianClasses.Name"/> decides.
    /// </summary>
    public IReadOnlyDictionary<string, LocalizedText>? ClassNames { get; init; }

    /// <summary>The defaults of pricing.md: what a new company starts with.</summary>
    public static RateCard BelgianDefaults() => new(
        HourlyRates: new Dictionary<string, decimal> { ["technician"] = 60.00m, ["senior"] = 72.00m },
        DefaultTechnicianClass: "technician",
        // No German names: German documents are written with the English texts until those are translated.
        TimeBands:
        [
            new("normal", new("normal", "normaal", "normal"), 0m, BandDays.Weekdays, new(7, 0), new(17, 0)),
            new("evening", new("evening", "avond", "soirée"), 50m, BandDays.Weekdays, new(17, 0), new(22, 0)),
            new("saturday", new("Saturday", "zaterdag", "samedi"), 50m, BandDays.Saturday, new(7, 0), new(22, 0)),
            // Listed before "night" so that, at equal surcharge, a Sunday night reads as Sunday.
            TimeBand.AllDay("sunday-holiday", new("Sunday/public holiday", "zon- en feestdag", "dimanche/jour férié"), 100m, BandDays.Sunday | BandDays.PublicHoliday),
            new("night", new("night", "nacht", "nuit"), 100m, BandDays.EveryDay, new(22, 0), new(7, 0)),
        ],
        MinimumMinutes: 30,
        RoundingMinutes: 15,
        Travel: TravelPolicy.ByZones([new(15m, 30.00m), new(30m, 45.00m)], beyondPerKm: 0.50m),
        DefaultVatPercent: 21m)
    {
        ClassNames = new Dictionary<string, LocalizedText>
        {
            ["technician"] = TechnicianClasses.Technician,
            ["senior"] = TechnicianClasses.Senior,
        },
    };

    /// <summary>The effective terms: this rate card with the contract's overrides applied, in the company's <paramref name="zone"/>.</summary>
    public Terms ToTerms(TimeZoneInfo zone, ContractTerms? contract = null) => Terms.Merge(this, zone, contract);
}

/// <summary>The one rule for a technician class's name on a line: the rate card's name, the built-in name of a common class, or the class as the company wrote it.</summary>
public static class TechnicianClasses
{
    public static readonly LocalizedText Technician = new("technician", "technieker", "technicien");

    public static readonly LocalizedText Senior = new("senior technician", "senior technieker", "technicien senior");

    private static readonly Dictionary<string, LocalizedText> BuiltIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["technician"] = Technician,
        ["technicien"] = Technician,
        ["technieker"] = Technician,
        ["technicus"] = Technician,
        ["senior"] = Senior,
        ["apprentice"] = new("apprentice", "leerling", "apprenti"),
        ["helper"] = new("helper", "helper", "aide"),
        ["engineer"] = new("engineer", "ingenieur", "ingénieur"),
    };

    public static string Name(string technicianClass, IReadOnlyDictionary<string, LocalizedText>? names, Language language)
    {
        var key = technicianClass.Trim();
        if (names is not null)
        {
            foreach (var (name, text) in names)
            {
                if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
                {
                    return text.In(language);
                }
            }
        }

        return BuiltIn.TryGetValue(key, out var builtIn) ? builtIn.In(language) : key;
    }
}
