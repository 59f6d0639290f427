using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using static Werkbon.Core.Tests.Pricing.Build;

namespace Werkbon.Core.Tests.Pricing;

/// <summary>Contract terms: overrides, included hours, warranty, fixed-price tasks, extras.</summary>
public class ContractRuleTests
{
    private static readonly IncludedHours NinetyMinutesFromJanuary = new(90, Day("2026-01-01"));

    [Fact]
    public void A_contract_overrides_only_the_terms_it_names()
    {
        var terms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Gold")
        {
            HourlyRates = new Dictionary<string, decimal> { ["technician"] = 55.00m },
            MinimumMinutes = 0,
        });

        Assert.Equal(55.00m, terms.HourlyRates["technician"]);
        Assert.Equal(72.00m, terms.HourlyRates["senior"]);
        Assert.True(terms.RateFromContract("technician"));
        Assert.False(terms.RateFromContract("senior"));
        Assert.Equal(0, terms.MinimumMinutes);
        Assert.Equal(15, terms.RoundingMinutes);
        Assert.Same(BelgianRateCard.TimeBands, terms.TimeBands);
        Assert.Equal(TravelKind.Zones, terms.Travel.Kind);
        Assert.Equal("Gold", terms.ContractName);
        Assert.Equal("Europe/Brussels", terms.TimeZone.Id);
    }

    [Fact]
    public void Included_hours_are_drawn_down_across_visits_earliest_minutes_first()
    {
        var terms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Care") { IncludedHours = NinetyMinutesFromJanuary });

        var first = Price(Report("2026-03-10", 5m, [Work("2026-03-10", "09:00", "10:00")]), terms);
        var second = Price(
            Report("2026-03-12", 5m, [Work("2026-03-12", "16:30", "17:30")]),
            terms,
            earlierUse: [first.IncludedUse(Day("2026-03-10"))!.Value]);

        Assert.Equal(0.00m, first.Labour().Amount);
        Assert.Equal(new IncludedHoursBalance(Day("2026-01-01"), 90, 60), first.IncludedHours);
        Assert.EndsWith("; included hours (contract Care)", first.Labour().Explanation);

        // 30 minutes left: they cover the earliest (normal) half hour; the evening half hour is billed.
        var labour = second.Lines.Where(l => l.Kind == LineKind.Labour).ToArray();
        Assert.Equal([(30, 0.00m), (30, 45.00m)], labour.Select(l => (l.Minutes!.Value, l.Amount)));
        Assert.Equal(new IncludedHoursBalance(Day("2026-01-01"), 30, 30), second.IncludedHours);
        Assert.Equal(0, second.IncludedHours!.MinutesLeft);
    }

    [Fact]
    public void Included_hours_start_afresh_each_contract_year()
    {
        var terms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Care") { IncludedHours = new(90, Day("2025-04-01")) });

        var priced = Price(
            Report("2026-04-01", 5m, [Work("2026-04-01", "09:00", "10:00")]),
            terms,
            earlierUse: [new(Day("2025-06-10"), 90), new(Day("2026-03-31"), 0)]);

        Assert.Equal(new IncludedHoursBalance(Day("2026-04-01"), 90, 60), priced.IncludedHours);
    }

    [Fact]
    public void Without_included_hours_the_result_reports_no_balance() =>
        Assert.Null(Price(Report("2026-03-10", 5m, [Work("2026-03-10", "09:00", "10:00")])).IncludedHours);

    [Fact]
    public void A_warranty_repair_prices_labour_parts_and_travel_at_zero_with_the_reason()
    {
        var report = Report("2026-03-10", 12m, [Work("2026-03-10", "09:00", "10:00")], Uses("HOSE-12", 2)) with
        {
            IsWarrantyRepair = true,
            WarrantyEndsOn = Day("2026-12-31"),
        };

        var priced = Price(report);

        Assert.Equal(3, priced.Lines.Count);
        Assert.All(priced.Lines, l => Assert.Equal(0.00m, l.Amount));
        Assert.All(priced.Lines, l => Assert.EndsWith("warranty until 2026-12-31", l.Explanation));
        Assert.Equal(0.00m, priced.Total);
    }

    [Fact]
    public void Extras_asked_on_site_are_not_covered_by_the_warranty()
    {
        var report = Report(
            "2026-03-10",
            12m,
            [Work("2026-03-10", "09:00", "10:00"), Work("2026-03-10", "10:00", "10:30", extra: true)],
            Uses("HOSE-12", 2),
            Uses("VALVE-BALL", 1, extra: true)) with
        {
            IsWarrantyRepair = true,
            WarrantyEndsOn = Day("2026-12-31"),
        };

        var priced = Price(report);

        Assert.Equal(
            [(LineKind.Labour, false, 0.00m), (LineKind.Labour, true, 30.00m), (LineKind.Travel, false, 0.00m), (LineKind.Material, false, 0.00m), (LineKind.Material, true, 14.95m)],
            priced.Lines.Select(l => (l.Kind, l.IsExtra, l.Amount)));
    }

    [Fact]
    public void An_expired_warranty_is_priced_normally_with_a_warning()
    {
        var report = Report("2026-03-10", 12m, [Work("2026-03-10", "09:00", "10:00")]) with
        {
            IsWarrantyRepair = true,
            WarrantyEndsOn = Day("2026-03-09"),
        };

        var priced = Price(report);

        Assert.Equal(90.00m, priced.Net);
        Assert.True(priced.Warns(WarningKind.WarrantyNotApplicable));
    }

    [Fact]
    public void A_fixed_price_task_covers_its_minutes_and_the_time_beyond_is_billed_at_the_rates()
    {
        var priced = Price(Report("2026-03-10", 12m, [Work("2026-03-10", "09:00", "10:20")], Uses("SERVICE-BOILER", 1)));

        // 80 min worked, rounded to 90: the task's 60 min at 0, 30 min billed.
        var labour = priced.Lines.Where(l => l.Kind == LineKind.Labour).ToArray();
        Assert.Equal([(60, 0.00m), (30, 30.00m)], labour.Select(l => (l.Minutes!.Value, l.Amount)));
        Assert.EndsWith("; included in the fixed-price task", labour[0].Explanation);
        Assert.Equal(120.00m, priced.Material("SERVICE-BOILER").Amount);
        Assert.Equal("1 × SERVICE-BOILER (report): fixed price 120.00 incl. 60 min labour (catalog)", priced.Material("SERVICE-BOILER").Explanation);
        Assert.Equal(30.00m, Assert.Single(priced.Travel()).Amount);
        Assert.Equal("30 min beyond the 60 min included in the fixed price.", Assert.Single(priced.Warnings, w => w.Kind == WarningKind.FixedPriceOvertime).Message);
    }

    [Fact]
    public void A_contract_can_set_its_own_fixed_price_including_travel()
    {
        var terms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Service plan") { FixedPriceTasks = [new("SERVICE-BOILER", 99.00m, 45, IncludesTravel: true)] });

        var priced = Price(Report("2026-03-10", 25m, [Work("2026-03-10", "09:00", "09:40")], Uses("SERVICE-BOILER", 1)), terms);

        Assert.Equal([0.00m, 0.00m, 99.00m], priced.Amounts());
        Assert.EndsWith("included in the fixed-price task", priced.Travel()[0].Explanation);
        Assert.Contains("(contract Service plan)", priced.Material("SERVICE-BOILER").Explanation);
        Assert.False(priced.Warns(WarningKind.FixedPriceOvertime));
    }

    [Fact]
    public void Extras_are_priced_like_other_lines_and_flagged_for_the_office()
    {
        var priced = Price(Report(
            "2026-03-10",
            5m,
            [Work("2026-03-10", "09:00", "10:00"), Work("2026-03-10", "10:00", "10:30", extra: true)],
            Uses("PTFE", 1),
            Uses("VALVE-BALL", 1, extra: true)));

        Assert.Equal(
            [(false, 60.00m), (true, 30.00m), (false, 30.00m), (false, 2.10m), (true, 14.95m)],
            priced.Lines.Select(l => (l.IsExtra, l.Amount)));
        Assert.Equal("2 extra(s) asked on site.", Assert.Single(priced.Warnings, w => w.Kind == WarningKind.Extras).Message);
        Assert.Contains("(report, asked on site)", priced.Material("VALVE-BALL").Explanation);
    }
}
