using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using static Werkbon.Core.Tests.Pricing.Build;

namespace Werkbon.Core.Tests.Pricing;

/// <summary>Parts: list price, contract discount, covered categories, unknown articles, prices given on site.</summary>
public class PartsRuleTests
{
    private static PricedReport PriceParts(Terms? terms, params MaterialUse[] materials) =>
        Price(Report("2026-03-10", 5m, [Work("2026-03-10", "09:00", "10:00")], materials), terms);

    [Fact]
    public void Parts_are_priced_at_the_catalog_list_price()
    {
        var line = PriceParts(null, Uses("PIPE-CU", 2.5m)).Material("PIPE-CU");

        Assert.Equal(15.50m, line.Amount);
        Assert.Equal("MTR", line.UnitCode);
        Assert.Equal("2.5 × PIPE-CU (report): list price 6.20 (catalog)", line.Explanation);
    }

    [Fact]
    public void A_contract_discount_rounds_the_unit_net_price_to_the_cent_before_multiplying()
    {
        var terms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Silver") { PartsDiscountPercent = 10m });

        var line = PriceParts(terms, Uses("SEAL", 3)).Material("SEAL");

        // 2.15 − 10 % = 1.935 → 1.94 per unit; 3 × 1.94 = 5.82 (not round(5.805) = 5.81).
        Assert.Equal(1.94m, line.UnitPrice);
        Assert.Equal(5.82m, line.Amount);
        Assert.Equal("3 × SEAL (report): list price 2.15 (catalog) −10 % = 1.94 (contract Silver)", line.Explanation);
    }

    [Fact]
    public void The_parts_discount_does_not_apply_to_services()
    {
        var terms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Silver") { PartsDiscountPercent = 10m });

        Assert.Equal(45.00m, PriceParts(terms, Uses("INSPECTION", 1)).Material("INSPECTION").Amount);
    }

    [Fact]
    public void Categories_covered_by_the_contract_are_priced_at_zero()
    {
        var terms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Filters included") { CoveredCategories = ["filters"] });

        var priced = PriceParts(terms, Uses("FILTER", 2), Uses("PTFE", 1));

        Assert.Equal(0.00m, priced.Material("FILTER").Amount);
        Assert.EndsWith("category filters covered (contract Filters included)", priced.Material("FILTER").Explanation);
        Assert.Equal(2.10m, priced.Material("PTFE").Amount);
    }

    [Fact]
    public void An_unknown_article_is_priced_at_zero_with_its_description_and_a_warning()
    {
        var priced = PriceParts(null, Uses("XYZ-999", 1, description: "Special gasket"));
        var line = priced.Material("XYZ-999");

        Assert.Equal(0.00m, line.Amount);
        Assert.Equal("Special gasket", line.Description);
        Assert.Equal(21m, line.VatPercent);
        Assert.Equal("Unknown article XYZ-999: priced at 0.00.", Assert.Single(priced.Warnings, w => w.Kind == WarningKind.UnknownArticle).Message);
    }

    [Fact]
    public void An_unknown_article_with_a_price_given_on_site_is_priced_at_that_price()
    {
        var priced = PriceParts(null, Uses("XYZ-999", 2, priceOverride: 12.50m, description: "Special gasket"));

        Assert.Equal(25.00m, priced.Material("XYZ-999").Amount);
        Assert.True(priced.Warns(WarningKind.UnknownArticle));
        Assert.True(priced.Warns(WarningKind.PriceOverride));
    }

    [Fact]
    public void A_price_given_on_site_replaces_the_list_price_and_is_flagged()
    {
        var priced = PriceParts(null, Uses("VALVE-BALL", 1, priceOverride: 12.00m));

        Assert.Equal(12.00m, priced.Material("VALVE-BALL").Amount);
        Assert.Equal("Price of VALVE-BALL changed on site to 12.00.", Assert.Single(priced.Warnings).Message);
    }
}
