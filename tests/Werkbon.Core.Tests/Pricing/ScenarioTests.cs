using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Core.Vat;
using static Werkbon.Core.Tests.Pricing.Build;

namespace Werkbon.Core.Tests.Pricing;

/// <summary>The scenarios of pricing.md, to the cent, through the rate card and contract model.</summary>
public class ScenarioTests
{
    private static void AssertPriced(PricedReport priced, decimal[] lines, decimal net, decimal vatPercent, decimal vat, decimal total)
    {
        Assert.Equal(lines, priced.Amounts());
        Assert.Equal(net, priced.Net);
        Assert.Equal(vat, priced.Vat);
        Assert.Equal(total, priced.Total);
        var subtotal = Assert.Single(priced.VatBreakdown);
        Assert.Equal(vatPercent, subtotal.Percent);
        Assert.Equal(net, subtotal.TaxableAmount);
    }

    [Fact]
    public void V1_a_short_weekday_visit_is_rounded_up_to_one_hour_with_zone_travel_and_parts()
    {
        var priced = Price(Report("2026-03-10", 12m, [Work("2026-03-10", "09:12", "10:05")], Uses("HOSE-12", 2), Uses("VALVE-BALL", 1)));

        AssertPriced(priced, [60.00m, 30.00m, 16.80m, 14.95m], net: 121.75m, vatPercent: 21m, vat: 25.57m, total: 147.32m);
        Assert.Equal(1.00m, priced.Lines[0].Quantity);
        Assert.Equal("HUR", priced.Lines[0].UnitCode);
        Assert.Equal(60m, priced.Lines[0].UnitPrice);
    }

    [Fact]
    public void V2_work_running_into_the_evening_is_split_between_normal_and_evening_rates()
    {
        var priced = Price(Report("2026-03-12", 22m, [Work("2026-03-12", "16:20", "17:50")]));

        AssertPriced(priced, [40.00m, 75.00m, 45.00m], net: 160.00m, vatPercent: 21m, vat: 33.60m, total: 193.60m);
        Assert.Equal([40, 50], priced.Lines.Take(2).Select(l => l.Minutes!.Value));
        Assert.Equal(90m, priced.Lines[1].UnitPrice);
    }

    [Fact]
    public void V3_a_senior_on_Easter_Monday_is_paid_the_holiday_rate()
    {
        var priced = Price(Report("2026-04-06", 8m, [Work("2026-04-06", "08:00", "09:30", "senior")]));

        AssertPriced(priced, [216.00m, 30.00m], net: 246.00m, vatPercent: 21m, vat: 51.66m, total: 297.66m);
        Assert.Equal(1.50m, priced.Lines[0].Quantity);
        Assert.Equal(144m, priced.Lines[0].UnitPrice);
    }

    [Fact]
    public void V4_renovating_an_old_private_home_with_the_signed_statement_is_taxed_at_six_percent()
    {
        var report = Report("2026-03-11", 5m, [Work("2026-03-11", "13:00", "15:40")], Uses("VALVE-RAD", 1)) with
        {
            SixPercentStatementConfirmed = true,
        };

        var priced = Price(report, customer: VatContext.Private(dwellingFirstOccupiedYear: 1987, isPrivateHome: true));

        AssertPriced(priced, [165.00m, 30.00m, 42.50m], net: 237.50m, vatPercent: 6m, vat: 14.25m, total: 251.75m);
        Assert.Equal(165, priced.Lines[0].Minutes);
        Assert.Equal(VatRegime.RenovationSixPercent, priced.VatRegime);
        Assert.Equal(LegalTextKind.RenovationSixPercent, Assert.Single(priced.LegalTexts).Kind);
    }

    [Fact]
    public void V5_a_contractor_pays_no_vat_by_reverse_charge_on_works_on_a_building()
    {
        var priced = Price(
            Report("2026-03-17", 18m, [Work("2026-03-17", "08:00", "12:00")], Uses("BOILER-25", 1)),
            customer: VatContext.Business(filesPeriodicVatReturns: true, worksOnImmovableProperty: true));

        AssertPriced(priced, [240.00m, 45.00m, 1850.00m], net: 2135.00m, vatPercent: 0m, vat: 0.00m, total: 2135.00m);
        Assert.All(priced.Lines, l => Assert.Equal(VatCategory.AE, l.VatCategory));
        Assert.Equal("VATEX-EU-AE", priced.VatBreakdown[0].ExemptionReasonCode);
        Assert.Equal(LegalTextKind.ReverseCharge, Assert.Single(priced.LegalTexts).Kind);
    }

    [Fact]
    public void V6_contract_Gold_overrides_the_rate_card_rate_minimum_travel_and_parts_price()
    {
        var gold = new ContractTerms("Gold")
        {
            HourlyRates = new Dictionary<string, decimal> { ["technician"] = 55.00m },
            MinimumMinutes = 0,
            RoundingMinutes = 15,
            Travel = TravelPolicy.Flat(25.00m),
            PartsDiscountPercent = 10m,
        };
        var terms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone, gold);

        var priced = Price(Report("2026-03-13", 9m, [Work("2026-03-13", "14:05", "14:50")], Uses("PTFE", 3)), terms);

        AssertPriced(priced, [41.25m, 25.00m, 5.67m], net: 71.92m, vatPercent: 21m, vat: 15.10m, total: 87.02m);
        Assert.Equal(0.75m, priced.Lines[0].Quantity);
        Assert.Equal(1.89m, priced.Lines[2].UnitPrice);
        Assert.Contains("(contract Gold)", priced.Lines[0].Explanation);
    }
}
