using CsCheck;
using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Core.Vat;
using static Werkbon.Core.Tests.Pricing.Build;

namespace Werkbon.Core.Tests.Pricing;

/// <summary>Properties that hold for any report a technician can send, checked on random reports (CsCheck).</summary>
public class PricingPropertyTests
{
    private const long Iterations = 1_000;

    private static readonly Terms[] TermsChoices =
    [
        RateCardTerms,
        BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Gold")
        {
            HourlyRates = new Dictionary<string, decimal> { ["technician"] = 55.00m },
            MinimumMinutes = 0,
            Travel = TravelPolicy.Flat(25.00m),
            PartsDiscountPercent = 10m,
        }),
        BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Care")
        {
            IncludedHours = new(120, new DateOnly(2026, 1, 1)),
            CoveredCategories = ["filters"],
            FixedPriceTasks = [new("SERVICE-BOILER", 99.00m, 45, IncludesTravel: true)],
            Travel = TravelPolicy.ByZones([new(10m, 20.00m), new(40m, 35.00m)], 0.35m, billTravelTime: true),
        }),
        // Odd rates, bands with gaps, no minimum and no rounding: amounts with many decimals before rounding.
        BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Odd")
        {
            HourlyRates = new Dictionary<string, decimal> { ["technician"] = 57.33m, ["senior"] = 71.17m },
            TimeBands = [new("day", new("day"), 12.5m, BandDays.Weekdays, new(8, 0), new(16, 0)), new("late", new("late"), 33.3m, BandDays.EveryDay, new(19, 0), new(6, 0))],
            MinimumMinutes = 0,
            RoundingMinutes = 0,
            PartsDiscountPercent = 7.5m,
        }),
        BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("All-in") { Travel = TravelPolicy.Included(billTravelTime: true), CoveredCategories = ["fittings"] }),
    ];

    private static readonly VatContext[] Customers =
    [
        VatContext.Private(),
        VatContext.Private(1990, isPrivateHome: true),
        VatContext.Business(filesPeriodicVatReturns: true, worksOnImmovableProperty: true),
        VatContext.Business(filesPeriodicVatReturns: false),
    ];

    private static readonly string?[] Classes = ["technician", "senior", "technician", null, "apprentice"];

    private static readonly string[] Codes =
        ["HOSE-12", "VALVE-BALL", "PTFE", "SEAL", "FILTER", "PIPE-CU", "HEATPUMP-KIT", "LEAFLET", "INSPECTION", "SERVICE-BOILER", "UNKNOWN-1"];

    public sealed record Case(VisitReport Report, int TermsChoice, VatContext Customer, Language Language, IReadOnlyList<IncludedHoursUse> History)
    {
        public PricedReport Price() => PricingEngine.Price(new PricingRequest(Report, TermsChoices[TermsChoice], Articles, Belgium, Customer)
        {
            Language = Language,
            EarlierIncludedUse = History,
        });

        public override string ToString() =>
            $"{Report.VisitDate:yyyy-MM-dd} terms {TermsChoice} {Customer} {Language} km {Report.DistanceKm} warranty {Report.WarrantyEndsOn} | "
            + string.Join("; ", Report.Time.Select(t => $"{t.Kind} {t.Start:yyyy-MM-dd HH:mm zzz}–{t.End:HH:mm} {t.TechnicianClass} extra={t.IsExtra}"))
            + " | " + string.Join("; ", Report.Materials.Select(m => $"{m.Quantity} × {m.ArticleCode} {m.PriceOverride} extra={m.IsExtra}"));
    }

    private static readonly Gen<(int Gap, int Minutes, string? Class, bool Extra, TimeEntryKind Kind)> GenEntry =
        from gap in Gen.Int[0, 180]
        from minutes in Gen.Int[1, 300]
        from technicianClass in Gen.Int[0, Classes.Length - 1]
        from extra in Gen.Int[0, 5]
        from kind in Gen.Int[0, 4]
        select (gap, minutes, Classes[technicianClass], extra == 0, kind == 0 ? TimeEntryKind.Travel : TimeEntryKind.Work);

    private static readonly Gen<MaterialUse> GenMaterial =
        from code in Gen.Int[0, Codes.Length - 1]
        from halves in Gen.Int[1, 20]
        from overridePick in Gen.Int[0, 4]
        from cents in Gen.Int[1, 20_000]
        from extra in Gen.Int[0, 5]
        select new MaterialUse(Codes[code], halves / 2m, overridePick == 0 ? cents / 100m : null, "free text", extra == 0);

    internal static readonly Gen<Case> GenCase =
        from dayOffset in Gen.Int[0, 729]
        from startMinute in Gen.Int[0, 1439]
        from entries in GenEntry.Array[0, 4]
        from materials in GenMaterial.Array[0, 6]
        from km in Gen.Int[-1, 90]
        from warrantyPick in Gen.Int[0, 5]
        from statement in Gen.Bool
        from terms in Gen.Int[0, TermsChoices.Length - 1]
        from customer in Gen.Int[0, Customers.Length - 1]
        from language in Gen.Int[0, 3]
        from used in Gen.Int[0, 150]
        select MakeCase(new DateOnly(2026, 1, 1).AddDays(dayOffset), startMinute, entries, materials, km, warrantyPick, statement, terms, customer, (Language)language, used);

    private static Case MakeCase(
        DateOnly day,
        int startMinute,
        (int Gap, int Minutes, string? Class, bool Extra, TimeEntryKind Kind)[] entries,
        MaterialUse[] materials,
        int km,
        int warrantyPick,
        bool statement,
        int terms,
        int customer,
        Language language,
        int used)
    {
        // Entries follow each other, as one technician records them.
        var time = new List<TimeEntry>();
        var at = At(day, "00:00").AddMinutes(startMinute);
        foreach (var (gap, minutes, technicianClass, extra, kind) in entries)
        {
            at = at.AddMinutes(gap);
            time.Add(new TimeEntry(at, at.AddMinutes(minutes), kind, technicianClass, extra));
            at = at.AddMinutes(minutes);
        }

        var report = new VisitReport(day, time, materials)
        {
            DistanceKm = km < 0 ? null : km,
            IsWarrantyRepair = warrantyPick < 2,
            WarrantyEndsOn = warrantyPick switch { 0 => day.AddDays(30), 1 => day.AddDays(-1), _ => null },
            SixPercentStatementConfirmed = statement,
        };
        return new Case(report, terms, Customers[customer], language, [new(day.AddDays(-7), used)]);
    }

    [Fact]
    public void The_total_is_the_sum_of_the_lines_plus_the_vat_of_each_rate() =>
        GenCase.Sample(
            c =>
            {
                var priced = c.Price();

                Assert.Equal(priced.Lines.Sum(l => l.Amount), priced.Net);
                foreach (var rate in priced.Lines.GroupBy(l => (l.VatCategory, l.VatPercent)))
                {
                    var subtotal = Assert.Single(priced.VatBreakdown, s => (s.Category, s.Percent) == rate.Key);
                    Assert.Equal(rate.Sum(l => l.Amount), subtotal.TaxableAmount);
                    Assert.Equal(Money.Round(subtotal.TaxableAmount * subtotal.Percent / 100m), subtotal.VatAmount);
                }

                Assert.Equal(priced.VatBreakdown.Sum(s => s.VatAmount), priced.Vat);
                Assert.Equal(priced.Net + priced.Vat, priced.Total);
            },
            iter: Iterations);

    [Fact]
    public void Every_amount_has_at_most_two_decimals() =>
        GenCase.Sample(
            c =>
            {
                var priced = c.Price();
                decimal[] amounts =
                [
                    .. priced.Lines.Select(l => l.Amount),
                    .. priced.VatBreakdown.SelectMany(s => new[] { s.TaxableAmount, s.VatAmount }),
                    priced.Net,
                    priced.Vat,
                    priced.Total,
                ];

                Assert.All(amounts, a => Assert.True(a.Scale <= 2, $"{a} has more than two decimals"));
            },
            iter: Iterations);

    [Fact]
    public void Splitting_a_time_entry_in_two_at_any_minute_does_not_change_the_price() =>
        Gen.Select(GenCase, Gen.Int[0, 100], Gen.Int[0, 10_000]).Sample(
            (c, entryPick, minutePick) =>
            {
                if (c.Report.Time.Count == 0)
                {
                    return;
                }

                var index = entryPick % c.Report.Time.Count;
                var entry = c.Report.Time[index];
                var minutes = (int)(entry.End - entry.Start).TotalMinutes;
                if (minutes < 2)
                {
                    return;
                }

                var at = entry.Start.AddMinutes(1 + (minutePick % (minutes - 1)));
                List<TimeEntry> split = [.. c.Report.Time];
                split[index] = entry with { End = at };
                split.Insert(index + 1, entry with { Start = at });
                var whole = c.Price();
                var halves = (c with { Report = c.Report with { Time = split } }).Price();

                Assert.Equal(whole.Lines, halves.Lines);
                Assert.Equal(whole.VatBreakdown, halves.VatBreakdown);
                Assert.Equal((whole.Net, whole.Vat, whole.Total), (halves.Net, halves.Vat, halves.Total));
                Assert.Equal(whole.IncludedHours, halves.IncludedHours);
            },
            iter: Iterations);

    [Fact]
    public void A_later_start_never_makes_normal_hours_work_cheaper() =>
        Gen.Select(Gen.Int[0, 103], Gen.Int[0, 4], Gen.Int[7 * 60, 17 * 60], Gen.Int[1, 360], Gen.Int[1, 360], Gen.OneOf(0, 1, 2, 4)).Sample(
            (week, weekday, start, minutes, delay, terms) =>
            {
                // A weekday, starting within normal hours; shifted work still ends before 07:00 the next day.
                var day = new DateOnly(2026, 1, 5).AddDays((week * 7) + weekday);
                PricedReport PriceFrom(int minute)
                {
                    var from = At(day, "00:00").AddMinutes(minute);
                    var report = new VisitReport(day, [new TimeEntry(from, from.AddMinutes(minutes), TimeEntryKind.Work, "technician")], []) { DistanceKm = 10m };
                    return new Case(report, terms, PrivateCustomer, Language.En, []).Price();
                }

                Assert.True(PriceFrom(start + delay).Total >= PriceFrom(start).Total);
            },
            iter: Iterations);

    [Fact]
    public void Pricing_is_deterministic() =>
        GenCase.Sample(
            c =>
            {
                var first = c.Price();
                var second = (c with { Report = c.Report with { Time = [.. c.Report.Time], Materials = [.. c.Report.Materials] } }).Price();

                Assert.Equal(first.Lines, second.Lines);
                Assert.Equal(first.VatBreakdown, second.VatBreakdown);
                Assert.Equal(first.Warnings, second.Warnings);
                Assert.Equal(first.LegalTexts, second.LegalTexts);
                Assert.Equal((first.Net, first.Vat, first.Total, first.VatRegime, first.IncludedHours), (second.Net, second.Vat, second.Total, second.VatRegime, second.IncludedHours));
            },
            iter: Iterations);
}
