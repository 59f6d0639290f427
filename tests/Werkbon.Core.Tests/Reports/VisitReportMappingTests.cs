using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Core.Vat;
using static Werkbon.Core.Tests.Reports.Samples;

namespace Werkbon.Core.Tests.Reports;

/// <summary>The signed document goes into the pricing engine as the office will see it priced.</summary>
public class VisitReportMappingTests
{
    private static readonly ArticleCatalog Catalog = new(
    [
        new("VALVE-RAD", new("Radiator valve", "Radiatorkraan", "Robinet de radiateur"), "C62", 42.50m, 21m, "fittings"),
        new("PIPE-CU", new("Copper pipe 15 mm", "Koperen buis 15 mm", "Tube cuivre 15 mm"), "MTR", 6.20m, 21m, "pipes"),
    ]);

    private static PricedReport Price(VisitReport report) =>
        PricingEngine.Price(new PricingRequest(report, RateCard.BelgianDefaults().ToTerms(WallClock.Brussels.Zone), Catalog, HolidayCalendar.Belgium(), VatContext.Private(1990, isPrivateHome: true))
        {
            Language = Language.Nl,
        });

    [Fact]
    public void Maps_time_entries_with_the_technicians_class_and_materials_with_their_flags()
    {
        var document = Golden();

        var report = document.ToVisitReport(siteDistanceKm: 21m, warrantyEndsOn: new DateOnly(2027, 5, 31));

        Assert.Equal(document.VisitDate, report.VisitDate);
        Assert.Equal(
            [
                new TimeEntry(document.Time[0].Start, document.Time[0].End, TimeEntryKind.Travel, "technician"),
                new TimeEntry(document.Time[1].Start, document.Time[1].End, TimeEntryKind.Work, "technician"),
            ],
            report.Time);
        Assert.Equal(
            [
                new MaterialUse("VALVE-RAD", 2m, null, "Radiatorkraan"),
                new MaterialUse("", 1.0m, 28.50m, "Thermostatische kop Danfoss RA 2000"),
                new MaterialUse("PIPE-CU", 1.50m, null, "Koperen buis 15 mm", IsExtra: true),
            ],
            report.Materials);
        Assert.Equal((23.50m, 21m, false, new DateOnly(2027, 5, 31), true), (report.DistanceKm, report.SiteDistanceKm, report.IsWarrantyRepair, report.WarrantyEndsOn, report.SixPercentStatementConfirmed));
    }

    [Fact]
    public void A_free_text_item_keeps_its_description_and_is_flagged_as_an_unknown_article()
    {
        var priced = Price(Golden().ToVisitReport());

        var line = Assert.Single(priced.Lines, l => l.Description == "Thermostatische kop Danfoss RA 2000");
        Assert.Equal(("", 28.50m, 28.50m), (line.ArticleCode, line.UnitPrice, line.Amount));
        Assert.Contains(priced.Warnings, w => w.Kind == WarningKind.UnknownArticle);
        Assert.Contains(priced.Warnings, w => w.Kind == WarningKind.PriceOverride);
    }

    [Fact]
    public void A_free_text_item_with_a_typed_code_is_still_unknown_to_the_engine()
    {
        var document = Golden();
        var typed = document with { Materials = [document.Materials[1] with { ArticleCode = "VALVE-RAD" }] };

        var priced = Price(typed.ToVisitReport());

        Assert.Equal("", Assert.Single(priced.Lines, l => l.Kind == LineKind.Material).ArticleCode);
        Assert.Contains(priced.Warnings, w => w.Kind == WarningKind.UnknownArticle);
    }

    [Fact]
    public void An_extra_asked_on_site_is_priced_as_an_extra_and_flagged_for_the_office()
    {
        var priced = Price(Golden().ToVisitReport());

        var pipe = Assert.Single(priced.Lines, l => l.ArticleCode == "PIPE-CU");
        Assert.True(pipe.IsExtra);
        Assert.Equal(Money.Round(1.5m * 6.20m), pipe.Amount);
        Assert.Contains(priced.Warnings, w => w.Kind == WarningKind.Extras);
    }

    [Fact]
    public void The_golden_report_prices_with_the_belgian_defaults_at_six_percent_vat()
    {
        var priced = Price(Golden().ToVisitReport());

        Assert.Contains(priced.Lines, l => l.Kind == LineKind.Labour && l.Amount > 0m);
        Assert.Contains(priced.Lines, l => l.Kind == LineKind.Travel && l.Amount == 45.00m); // 23.5 km: the 15–30 km zone
        Assert.Equal(85.00m, Assert.Single(priced.Lines, l => l.ArticleCode == "VALVE-RAD").Amount);
        Assert.All(priced.VatBreakdown, s => Assert.Equal(6m, s.Percent));
        Assert.Equal(priced.Net + priced.Vat, priced.Total);
    }

    [Fact]
    public void Extra_time_is_flagged_as_extra()
    {
        var document = Golden();
        var extraTime = document with { Materials = [], Time = [document.Time[1] with { IsExtra = true }] };

        var report = extraTime.ToVisitReport();

        Assert.True(Assert.Single(report.Time).IsExtra);
        Assert.Contains(Price(report).Warnings, w => w.Kind == WarningKind.Extras);
    }
}
