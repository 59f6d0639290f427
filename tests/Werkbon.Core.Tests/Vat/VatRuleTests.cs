using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Core.Vat;
using static Werkbon.Core.Tests.Pricing.Build;

namespace Werkbon.Core.Tests.Vat;

/// <summary>The VAT decision, the breakdown per rate and the legal texts (pricing.md, "Amounts and VAT").</summary>
public class VatRuleTests
{
    private static VisitReport Renovation(bool statement) =>
        Report("2026-03-11", 5m, [Work("2026-03-11", "13:00", "14:00")], Uses("VALVE-RAD", 1)) with { SixPercentStatementConfirmed = statement };

    [Theory]
    [InlineData(2016, VatRegime.RenovationSixPercent)]
    [InlineData(2017, VatRegime.LineRates)]
    public void Six_percent_needs_a_private_home_first_occupied_at_least_ten_calendar_years_before(int firstOccupied, VatRegime expected)
    {
        var priced = Price(Renovation(statement: true), customer: VatContext.Private(firstOccupied, isPrivateHome: true));

        Assert.Equal(expected, priced.VatRegime);
        Assert.Equal(expected == VatRegime.RenovationSixPercent ? 6m : 21m, Assert.Single(priced.VatBreakdown).Percent);
    }

    [Fact]
    public void Six_percent_applies_to_every_line_with_the_legal_text()
    {
        var priced = Price(Renovation(statement: true), customer: VatContext.Private(1990, isPrivateHome: true), language: Language.Nl);

        Assert.All(priced.Lines, l => Assert.Equal((VatCategory.S, 6m), (l.VatCategory, l.VatPercent)));
        Assert.StartsWith("Btw-tarief: Bij gebrek aan schriftelijke betwisting", Assert.Single(priced.LegalTexts).Text);
    }

    [Fact]
    public void Without_the_signed_statement_a_qualifying_home_pays_the_line_rates_and_the_office_is_told()
    {
        var priced = Price(Renovation(statement: false), customer: VatContext.Private(1990, isPrivateHome: true));

        Assert.Equal(VatRegime.LineRates, priced.VatRegime);
        Assert.Empty(priced.LegalTexts);
        Assert.True(priced.Warns(WarningKind.VatStatement));
    }

    [Fact]
    public void A_statement_for_a_home_that_does_not_qualify_is_flagged_and_ignored()
    {
        var priced = Price(Renovation(statement: true), customer: VatContext.Private(1990, isPrivateHome: false));

        Assert.Equal(VatRegime.LineRates, priced.VatRegime);
        Assert.True(priced.Warns(WarningKind.VatStatement));
    }

    [Fact]
    public void A_vat_filing_business_is_reverse_charged_for_works_on_immovable_property()
    {
        var priced = Price(Renovation(statement: false), customer: VatContext.Business(filesPeriodicVatReturns: true, worksOnImmovableProperty: true), language: Language.Fr);

        Assert.All(priced.Lines, l => Assert.Equal((VatCategory.AE, 0m), (l.VatCategory, l.VatPercent)));
        var subtotal = Assert.Single(priced.VatBreakdown);
        Assert.Equal((VatCategory.AE, 0.00m, "VATEX-EU-AE"), (subtotal.Category, subtotal.VatAmount, subtotal.ExemptionReasonCode));
        Assert.StartsWith("Autoliquidation", Assert.Single(priced.LegalTexts).Text);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void A_business_pays_the_line_rates_unless_it_files_vat_returns_and_the_works_are_on_immovable_property(bool files, bool immovable)
    {
        var priced = Price(Renovation(statement: false), customer: VatContext.Business(files, immovable));

        Assert.Equal(VatRegime.LineRates, priced.VatRegime);
        Assert.Equal(21m, Assert.Single(priced.VatBreakdown).Percent);
    }

    [Fact]
    public void Otherwise_each_line_keeps_its_own_rate_and_the_breakdown_has_one_subtotal_per_rate()
    {
        var priced = Price(Report("2026-03-10", 5m, [Work("2026-03-10", "09:00", "10:00")], Uses("HEATPUMP-KIT", 1), Uses("LEAFLET", 2)));

        Assert.Equal(
            [(VatCategory.S, 21m, 90.00m, 18.90m), (VatCategory.S, 6m, 30.00m, 1.80m), (VatCategory.Z, 0m, 2.00m, 0.00m)],
            priced.VatBreakdown.Select(s => (s.Category, s.Percent, s.TaxableAmount, s.VatAmount)));
        Assert.Equal(20.70m, priced.Vat);
        Assert.Equal(142.70m, priced.Total);
    }

    [Fact]
    public void Vat_is_computed_on_the_sum_per_rate_never_per_line()
    {
        var terms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Parts only") { Travel = TravelPolicy.Included() });

        var priced = Price(Report("2026-03-10", 5m, [], Uses("WASHER", 1), Uses("WASHER", 1), Uses("WASHER", 1)), terms);

        // Per line: 3 × round(0.105) = 0.33; on the sum: round(1.50 × 21 %) = round(0.315) = 0.32.
        Assert.Equal(1.50m, priced.Net);
        Assert.Equal(0.32m, priced.Vat);
    }

    [Theory]
    [InlineData(Language.Nl, "Verlegging van heffing", "Btw-tarief")]
    [InlineData(Language.Fr, "Autoliquidation", "Taux de TVA")]
    [InlineData(Language.En, "Reverse charge", "VAT rate")]
    [InlineData(Language.De, "Reverse charge", "VAT rate")]
    public void Legal_texts_are_written_in_the_customer_language(Language language, string reverseCharge, string sixPercent)
    {
        Assert.StartsWith(reverseCharge, LegalTexts.ReverseCharge(language));
        Assert.StartsWith(sixPercent, LegalTexts.RenovationSixPercent(language));
    }
}
