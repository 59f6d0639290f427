using BenchmarkDotNet.Attributes;
using Werkbon.Core;
using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Core.Vat;

namespace Werkbon.Benchmarks;

/// <summary>
/// Prices a typical report (3 time entries, 8 materials) against a one-entry, one-material report as
/// the baseline, with 1 or 100 earlier visits drawing on the contract's included hours: the figures
/// read as ratios, and the allocations must not grow with the history.
/// </summary>
[MemoryDiagnoser]
public class PricingBenchmarks
{
    private static readonly TimeZoneInfo Brussels = WallClock.Brussels.Zone;
    private static readonly DateOnly VisitDay = new(2026, 3, 12);

    private PricingRequest minimal = null!;
    private PricingRequest typical = null!;

    [Params(1, 100)]
    public int EarlierVisits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var terms = RateCard.BelgianDefaults().ToTerms(Brussels, new ContractTerms("Gold")
        {
            HourlyRates = new Dictionary<string, decimal> { ["technician"] = 55.00m },
            PartsDiscountPercent = 10m,
            CoveredCategories = ["filters"],
            IncludedHours = new(6_000, new DateOnly(2026, 1, 1)),
        });
        var catalog = new ArticleCatalog(Enumerable.Range(1, 500).Select(i =>
            new Article($"ART-{i:000}", new($"Article {i}", $"Artikel {i}", $"Article {i}"), "C62", 1.05m * i, 21m, i % 10 == 0 ? "filters" : "parts")));
        var history = Enumerable.Range(1, EarlierVisits).Select(i => new IncludedHoursUse(new DateOnly(2026, 1, 1).AddDays(i % 60), 5)).ToArray();
        var holidays = HolidayCalendar.Belgium();
        var customer = VatContext.Private(1990, isPrivateHome: true);

        minimal = new PricingRequest(
            new VisitReport(VisitDay, [Entry("09:12", "10:05", TimeEntryKind.Work)], [new("ART-001", 2)]) { DistanceKm = 12m },
            terms,
            catalog,
            holidays,
            customer)
        {
            Language = Language.Nl,
            EarlierIncludedUse = history,
        };

        typical = minimal with
        {
            Report = new VisitReport(
                VisitDay,
                [Entry("08:10", "08:35", TimeEntryKind.Travel), Entry("08:35", "12:05", TimeEntryKind.Work), Entry("15:20", "17:45", TimeEntryKind.Work)],
                [
                    new("ART-001", 2), new("ART-017", 1), new("ART-020", 1), new("ART-033", 3.5m),
                    new("ART-101", 1, PriceOverride: 12.50m), new("ART-250", 4), new("UNKNOWN", 1, Description: "Special gasket"), new("ART-499", 1, IsExtra: true),
                ])
            {
                DistanceKm = 34m,
                SixPercentStatementConfirmed = true,
            },
        };
    }

    private static TimeEntry Entry(string from, string to, TimeEntryKind kind)
    {
        DateTimeOffset At(string time)
        {
            var local = VisitDay.ToDateTime(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture));
            return new DateTimeOffset(local, Brussels.GetUtcOffset(local));
        }

        return new TimeEntry(At(from), At(to), kind, "technician");
    }

    [Benchmark(Baseline = true)]
    public PricedReport OneEntryOneMaterial() => PricingEngine.Price(minimal);

    [Benchmark]
    public PricedReport TypicalReport() => PricingEngine.Price(typical);
}
