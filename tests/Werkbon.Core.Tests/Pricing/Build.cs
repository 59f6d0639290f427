using System.Globalization;
using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Core.Vat;

namespace Werkbon.Core.Tests.Pricing;

/// <summary>Test data: the rate card of pricing.md, a small catalog, and reports written as on a werkbon.</summary>
internal static class Build
{
    public static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");
    public static readonly HolidayCalendar Belgium = HolidayCalendar.Belgium();
    public static readonly RateCard BelgianRateCard = RateCard.BelgianDefaults();
    public static readonly Terms RateCardTerms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone);
    public static readonly VatContext PrivateCustomer = VatContext.Private();

    public static readonly ArticleCatalog Articles = new(
    [
        new("HOSE-12", new("Flexible hose 1/2\"", "Flexibele slang 1/2\"", "Flexible 1/2\""), "C62", 8.40m, 21m, "fittings"),
        new("VALVE-BALL", new("Ball valve 3/4\"", "Kogelkraan 3/4\"", "Vanne à bille 3/4\""), "C62", 14.95m, 21m, "fittings"),
        new("VALVE-RAD", new("Radiator valve", "Radiatorkraan", "Robinet de radiateur"), "C62", 42.50m, 21m, "fittings"),
        new("BOILER-25", new("Condensing boiler 25 kW", "Condensatieketel 25 kW", "Chaudière à condensation 25 kW"), "C62", 1850.00m, 21m, "boilers"),
        new("PTFE", new("PTFE tape", "Teflontape", "Ruban PTFE"), "C62", 2.10m, 21m, "consumables"),
        new("SEAL", new("Seal set", "Dichtingset", "Jeu de joints"), "C62", 2.15m, 21m, "consumables"),
        new("WASHER", new("Washer", "Ring", "Rondelle"), "C62", 0.50m, 21m, "consumables"),
        new("FILTER", new("Boiler filter", "Ketelfilter", "Filtre de chaudière"), "C62", 12.00m, 21m, "filters"),
        new("PIPE-CU", new("Copper pipe 15 mm", "Koperen buis 15 mm", "Tube cuivre 15 mm"), "MTR", 6.20m, 21m, "pipes"),
        new("HEATPUMP-KIT", new("Heat pump service kit", "Onderhoudskit warmtepomp", "Kit d'entretien pompe à chaleur"), "C62", 30.00m, 6m, "kits"),
        new("LEAFLET", new("Safety leaflet", "Veiligheidsfolder", "Dépliant sécurité"), "C62", 1.00m, 0m, "documents"),
        new("INSPECTION", new("Safety inspection", "Veiligheidskeuring", "Contrôle de sécurité"), "C62", 45.00m, 21m, "services", ArticleKind.Service),
        new("SERVICE-BOILER", new("Annual boiler service", "Jaarlijks ketelonderhoud", "Entretien annuel de chaudière"), "C62", 120.00m, 21m, "services", ArticleKind.FixedPriceTask)
        {
            IncludedMinutes = 60,
        },
    ]);

    /// <summary>An instant from the wall clock in Brussels, as the technician's phone records it.</summary>
    public static DateTimeOffset At(DateOnly day, string time)
    {
        var local = day.ToDateTime(TimeOnly.ParseExact(time, "HH:mm", CultureInfo.InvariantCulture));
        return new DateTimeOffset(local, Brussels.GetUtcOffset(local));
    }

    public static DateOnly Day(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static TimeEntry Work(string day, string from, string to, string? technicianClass = "technician", bool extra = false) =>
        new(At(Day(day), from), At(Day(day), to), TimeEntryKind.Work, technicianClass, extra);

    public static TimeEntry Travel(string day, string from, string to, string? technicianClass = "technician") =>
        new(At(Day(day), from), At(Day(day), to), TimeEntryKind.Travel, technicianClass);

    public static MaterialUse Uses(string code, decimal quantity, decimal? priceOverride = null, string? description = null, bool extra = false) =>
        new(code, quantity, priceOverride, description, extra);

    public static VisitReport Report(string day, decimal? km, IReadOnlyList<TimeEntry> time, params MaterialUse[] materials) =>
        new(Day(day), time, materials) { DistanceKm = km };

    public static PricedReport Price(
        VisitReport report,
        Terms? terms = null,
        VatContext? customer = null,
        Language language = Language.En,
        HolidayCalendar? holidays = null,
        IReadOnlyList<IncludedHoursUse>? earlierUse = null) =>
        PricingEngine.Price(new PricingRequest(report, terms ?? RateCardTerms, Articles, holidays ?? Belgium, customer ?? PrivateCustomer)
        {
            Language = language,
            EarlierIncludedUse = earlierUse ?? [],
        });

    public static decimal[] Amounts(this PricedReport priced) => [.. priced.Lines.Select(l => l.Amount)];

    public static PricedLine Labour(this PricedReport priced) => priced.Lines.Single(l => l.Kind == LineKind.Labour);

    public static decimal LabourAmount(this PricedReport priced) => priced.Lines.Where(l => l.Kind == LineKind.Labour).Sum(l => l.Amount);

    public static PricedLine[] Travel(this PricedReport priced) => [.. priced.Lines.Where(l => l.Kind == LineKind.Travel)];

    public static PricedLine Material(this PricedReport priced, string code) => priced.Lines.Single(l => l.ArticleCode == code);

    public static bool Warns(this PricedReport priced, WarningKind kind) => priced.Warnings.Any(w => w.Kind == kind);
}
