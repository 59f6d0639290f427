using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using static Werkbon.Core.Tests.Pricing.Build;

namespace Werkbon.Core.Tests.Pricing;

/// <summary>Travel policies: zones and beyond, flat, included, billed travel time, missing distance.</summary>
public class TravelRuleTests
{
    private static PricedReport PriceTrip(decimal? km, Terms? terms = null, decimal? siteKm = null) =>
        Price(Report("2026-03-10", km, [Work("2026-03-10", "09:00", "10:00")]) with { SiteDistanceKm = siteKm }, terms);

    [Theory]
    [InlineData(0, 30.00)]
    [InlineData(15, 30.00)]
    [InlineData(15.1, 45.00)]
    [InlineData(30, 45.00)]
    public void Travel_is_priced_by_the_zone_of_the_one_way_distance(decimal km, decimal fee)
    {
        var travel = Assert.Single(PriceTrip(km).Travel());

        Assert.Equal(fee, travel.Amount);
        Assert.Equal("C62", travel.UnitCode);
    }

    [Fact]
    public void Travel_beyond_the_last_zone_adds_a_price_per_km_over_it()
    {
        var travel = PriceTrip(42m).Travel();

        Assert.Equal([45.00m, 6.00m], travel.Select(l => l.Amount));
        Assert.Equal(12m, travel[1].Quantity);
        Assert.Equal("KMT", travel[1].UnitCode);
        Assert.Equal(0.50m, travel[1].UnitPrice);
        Assert.Equal("Travel beyond 30 km", travel[1].Description);
    }

    [Fact]
    public void A_flat_travel_fee_does_not_depend_on_the_distance()
    {
        var terms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Flat") { Travel = TravelPolicy.Flat(25.00m) });

        var travel = Assert.Single(PriceTrip(80m, terms).Travel());

        Assert.Equal(25.00m, travel.Amount);
        Assert.Equal("flat fee (contract Flat)", travel.Explanation);
    }

    [Fact]
    public void Included_travel_is_shown_at_zero_with_the_contract_that_includes_it()
    {
        var terms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("All-in") { Travel = TravelPolicy.Included() });

        var travel = Assert.Single(PriceTrip(80m, terms).Travel());

        Assert.Equal(0.00m, travel.Amount);
        Assert.Equal("travel included (contract All-in)", travel.Explanation);
    }

    [Fact]
    public void Travel_time_is_billed_at_the_normal_labour_rate_when_the_policy_says_so()
    {
        var terms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Far away")
        {
            Travel = TravelPolicy.ByZones([new(15m, 30.00m), new(30m, 45.00m)], 0.50m, billTravelTime: true),
        });
        var report = Report("2026-03-14", 12m, [Travel("2026-03-14", "08:00", "08:40"), Work("2026-03-14", "08:40", "09:40")]);

        var priced = Price(report, terms);

        // Saturday: work at +50 %, travel time at the plain rate.
        var travelTime = Assert.Single(priced.Lines, l => l.Kind == LineKind.TravelTime);
        Assert.Equal(40.00m, travelTime.Amount);
        Assert.Equal(40, travelTime.Minutes);
        Assert.Equal("40 min, Sat 08:00–08:40, travel time at the normal rate (contract Far away), technician 60.00/h (rate card)", travelTime.Explanation);
        Assert.Equal(90.00m, priced.Labour().Amount);
        Assert.Equal(30.00m, Assert.Single(priced.Travel()).Amount);
    }

    [Fact]
    public void Travel_time_is_not_billed_unless_the_policy_says_so()
    {
        var priced = Price(Report("2026-03-10", 12m, [Travel("2026-03-10", "08:00", "08:40"), Work("2026-03-10", "08:40", "09:40")]));

        Assert.DoesNotContain(priced.Lines, l => l.Kind == LineKind.TravelTime);
        Assert.Equal(60.00m, priced.Labour().Amount);
    }

    [Fact]
    public void Without_a_recorded_distance_the_site_distance_from_the_base_is_used()
    {
        var travel = Assert.Single(PriceTrip(km: null, siteKm: 20m).Travel());

        Assert.Equal(45.00m, travel.Amount);
        Assert.StartsWith("20 km from base to site", travel.Explanation);
    }

    [Fact]
    public void Without_any_distance_travel_is_priced_at_zero_with_a_warning()
    {
        var priced = PriceTrip(km: null);

        Assert.Equal(0.00m, Assert.Single(priced.Travel()).Amount);
        Assert.True(priced.Warns(WarningKind.MissingDistance));
    }
}
