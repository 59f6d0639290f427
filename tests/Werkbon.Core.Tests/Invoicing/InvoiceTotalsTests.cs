using CsCheck;
using Werkbon.Core.Calendar;
using Werkbon.Core.Invoicing;
using Werkbon.Core.Pricing;
using Werkbon.Core.Vat;
using Werkbon.Core.Tests.Pricing;
using static Werkbon.Core.Tests.Pricing.Build;

namespace Werkbon.Core.Tests.Invoicing;

public class InvoiceTotalsTests
{
    /// <summary>The six scenarios of pricing.md, priced by the engine.</summary>
    public static TheoryData<string, decimal, decimal, decimal> Scenarios() => new()
    {
        { "V1", 121.75m, 25.57m, 147.32m },
        { "V2", 160.00m, 33.60m, 193.60m },
        { "V3", 246.00m, 51.66m, 297.66m },
        { "V4", 237.50m, 14.25m, 251.75m },
        { "V5", 2135.00m, 0.00m, 2135.00m },
        { "V6", 71.92m, 15.10m, 87.02m },
    };

    private static PricedReport Scenario(string name) => name switch
    {
        "V1" => Price(Report("2026-03-10", 12m, [Work("2026-03-10", "09:12", "10:05")], Uses("HOSE-12", 2), Uses("VALVE-BALL", 1))),
        "V2" => Price(Report("2026-03-12", 22m, [Work("2026-03-12", "16:20", "17:50")])),
        "V3" => Price(Report("2026-04-06", 8m, [Work("2026-04-06", "08:00", "09:30", "senior")])),
        "V4" => Price(
            Report("2026-03-11", 5m, [Work("2026-03-11", "13:00", "15:40")], Uses("VALVE-RAD", 1)) with { SixPercentStatementConfirmed = true },
            customer: VatContext.Private(dwellingFirstOccupiedYear: 1987, isPrivateHome: true)),
        "V5" => Price(
            Report("2026-03-17", 18m, [Work("2026-03-17", "08:00", "12:00")], Uses("BOILER-25", 1)),
            customer: VatContext.Business(filesPeriodicVatReturns: true, worksOnImmovableProperty: true)),
        _ => Price(
            Report("2026-03-13", 9m, [Work("2026-03-13", "14:05", "14:50")], Uses("PTFE", 3)),
            BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Gold")
            {
                HourlyRates = new Dictionary<string, decimal> { ["technician"] = 55.00m },
                MinimumMinutes = 0,
                RoundingMinutes = 15,
                Travel = TravelPolicy.Flat(25.00m),
                PartsDiscountPercent = 10m,
            })),
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Invoice_totals_of_a_priced_report_are_the_scenario_to_the_cent(string scenario, decimal net, decimal vat, decimal total)
    {
        var priced = Scenario(scenario);

        var totals = InvoiceTotals.Compute([.. priced.Lines.Select(l => InvoiceTotals.FromPriced(l))]);

        Assert.Equal((net, vat, total), (totals.Net, totals.Vat, totals.Total));
        Assert.Equal(priced.VatBreakdown, totals.VatBreakdown);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_scenario_issued_as_a_Peppol_invoice_is_valid_UBL_and_breaks_no_rule(string scenario, decimal net, decimal vat, decimal total)
    {
        var priced = Scenario(scenario);
        var document = InvoiceSamples.Document([.. priced.Lines.Select(l => InvoiceTotals.FromPriced(l))], priced.LegalTexts);

        var xml = System.Xml.Linq.XDocument.Load(new MemoryStream(PeppolUbl.ToUtf8Bytes(document)));

        Assert.Equal((net, vat, total), (document.Net, document.Vat, document.Total));
        Assert.Empty(PeppolFiles.XsdErrors(xml));
        Assert.Empty(PeppolRules.Check(xml));
    }

    [Fact]
    public void An_invoice_of_all_six_scenarios_adds_up_like_the_reports_did_per_rate()
    {
        var lines = new[] { "V1", "V2", "V3", "V4", "V5", "V6" }.SelectMany(s => Scenario(s).Lines).Select(l => InvoiceTotals.FromPriced(l)).ToList();

        var totals = InvoiceTotals.Compute(lines);

        Assert.Equal([(21m, VatCategory.S, 599.67m, 125.93m), (6m, VatCategory.S, 237.50m, 14.25m), (0m, VatCategory.AE, 2135.00m, 0m)],
            totals.VatBreakdown.Select(s => (s.Percent, s.Category, s.TaxableAmount, s.VatAmount)));
        Assert.Equal(2972.17m, totals.Net);
        Assert.Equal(totals.Net + totals.Vat, totals.Total);
    }

    [Fact]
    public void BR_CO_17_VAT_is_computed_on_the_sum_of_a_rate_never_per_line()
    {
        // Per line: 3 × round(0.07 × 21 %) = 3 × 0.01 = 0.03; on the sum: round(0.21 × 21 %) = 0.04.
        var line = new InvoiceLine("Ring", 1m, "C62", 0.07m, 0.07m, VatCategory.S, 21m);

        var totals = InvoiceTotals.Compute([line, line, line]);

        Assert.Equal(0.04m, totals.Vat);
        Assert.Equal(0.25m, totals.Total);
    }

    [Fact]
    public void Reverse_charge_carries_VATEX_EU_AE_and_exempt_lines_their_reason()
    {
        var totals = InvoiceTotals.Compute(
        [
            new InvoiceLine("Werken", 1m, "C62", 100m, 100m, VatCategory.AE, 0m),
            new InvoiceLine("Opleiding", 1m, "C62", 50m, 50m, VatCategory.E, 0m),
        ],
        "VATEX-EU-132");

        Assert.Equal(["VATEX-EU-AE", "VATEX-EU-132"], totals.VatBreakdown.Select(s => s.ExemptionReasonCode));
        Assert.Equal(0m, totals.Vat);
    }

    [Fact]
    public void Exempt_lines_without_a_reason_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => InvoiceTotals.Compute([new InvoiceLine("Opleiding", 1m, "C62", 50m, 50m, VatCategory.E, 0m)]));

        Assert.Contains("VATEX", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Amounts_not_rounded_to_the_cent_and_zero_categories_with_a_rate_are_refused()
    {
        Assert.Throws<ArgumentException>(() => InvoiceTotals.Compute([new InvoiceLine("Arbeid", 0.8333m, "HUR", 90m, 74.997m, VatCategory.S, 21m)]));
        Assert.Throws<ArgumentException>(() => InvoiceTotals.Compute([new InvoiceLine("Werken", 1m, "C62", 100m, 100m, VatCategory.AE, 21m)]));
    }

    [Fact]
    public void No_lines_give_zero_totals_and_no_breakdown()
    {
        var totals = InvoiceTotals.Compute([]);

        Assert.Empty(totals.VatBreakdown);
        Assert.Equal((0m, 0m, 0m), (totals.Net, totals.Vat, totals.Total));
    }

    [Fact]
    public void Any_priced_report_issued_as_an_invoice_keeps_its_totals_and_breaks_no_Peppol_rule()
    {
        PricingPropertyTests.GenCase.Sample(
            c =>
            {
                var priced = c.Price();
                var document = InvoiceSamples.Document([.. priced.Lines.Select(l => InvoiceTotals.FromPriced(l))], priced.LegalTexts);
                var violations = PeppolRules.Check(System.Xml.Linq.XDocument.Parse(PeppolUbl.ToText(document)));

                Assert.Equal((priced.Net, priced.Vat, priced.Total), (document.Net, document.Vat, document.Total));
                Assert.Equal(priced.VatBreakdown, document.VatBreakdown);
                Assert.Empty(violations);
            },
            iter: 300);
    }
}
