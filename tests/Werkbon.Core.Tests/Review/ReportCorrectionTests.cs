using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Core.Review;
using Werkbon.Core.Vat;

namespace Werkbon.Core.Tests.Review;

public class ReportCorrectionTests
{
    private static readonly PricedLine Labour = new(LineKind.Labour, "Werkuren", 1.25m, "HUR", 55m, 68.75m, VatCategory.S, 21m, "1,25 u × 55,00 (contract Gold)") { Minutes = 75 };
    private static readonly PricedLine Hose = new(LineKind.Material, "Flexibele slang", 2m, "C62", 7.56m, 15.12m, VatCategory.S, 21m, "8,40 − 10 %") { ArticleCode = "HOSE" };
    private static readonly PricedLine FreeText = new(LineKind.Material, "Thermostaatkop (niet in catalogus)", 1m, "C62", 28.50m, 28.50m, VatCategory.S, 21m, "prijs van de technieker", IsExtra: true);

    private static RevisedReport Signed() => ReportCorrection.FromSigned(
        new PricedReport([Labour, Hose, FreeText], [], 112.37m, 23.60m, 135.97m, VatRegime.LineRates, [], null, []));

    [Fact]
    public void A_correction_without_a_reason_is_refused_and_changes_nothing()
    {
        var result = ReportCorrection.Apply(Signed(), [new Correction(CorrectionKind.SetQuantity, Line: 2, Quantity: 3m)], "  ");

        Assert.False(result.IsValid);
        Assert.Null(result.Revised);
        Assert.Contains(result.Problems, p => p.Field == "reason" && p.Code == "ReasonRequired");
    }

    [Fact]
    public void Replacing_a_free_text_item_by_an_article_keeps_what_was_signed_and_recomputes_the_totals()
    {
        var article = new PricedLine(LineKind.Material, "Thermostatische kop Danfoss", 1m, "C62", 24.30m, 24.30m, VatCategory.S, 21m, "27,00 − 10 %", IsExtra: true) { ArticleCode = "TRV-HEAD" };

        var revised = ReportCorrection.Apply(Signed(), [new Correction(CorrectionKind.ReplaceLine, Line: 3, Replacement: article)], "Artikel uit de catalogus gekozen").Revised!;

        var line = revised.Lines[2];
        Assert.Equal("TRV-HEAD", line.Line.ArticleCode);
        Assert.Same(FreeText, line.Signed);
        Assert.True(line.IsChanged);
        Assert.Equal("Artikel uit de catalogus gekozen", line.Reason);
        Assert.Equal("Thermostaatkop (niet in catalogus): 1 st. × 28,50 = 28,50", line.SignedText(Language.Nl));
        Assert.Equal("Thermostaatkop (niet in catalogus): 1 pc × 28.50 = 28.50", line.SignedText(Language.En));
        Assert.Equal("Werkuren: 75 min × 55,00/u = 68,75", RevisedLine.Describe(Labour, Language.Nl));
        Assert.False(revised.Lines[0].IsChanged);
        // 68.75 + 15.12 + 24.30 = 108.17; VAT 21 % on the sum = 22.72.
        Assert.Equal(108.17m, revised.Net);
        Assert.Equal(22.72m, revised.Vat);
        Assert.Equal(130.89m, revised.Total);
        Assert.Equal([new VatSubtotal(VatCategory.S, 21m, 108.17m, 22.72m)], revised.VatBreakdown);
    }

    [Fact]
    public void Labour_quantity_and_rate_are_corrected_on_exact_minutes()
    {
        var revised = ReportCorrection.Apply(
            Signed(),
            [new Correction(CorrectionKind.SetQuantity, Line: 1, Quantity: 1.5m), new Correction(CorrectionKind.SetUnitPrice, Line: 2, UnitPrice: 8m)],
            "Technieker vergat een kwartier; prijs slang volgens offerte").Revised!;

        Assert.Equal(90, revised.Lines[0].Line.Minutes);
        Assert.Equal(82.50m, revised.Lines[0].Line.Amount);
        Assert.Equal(16.00m, revised.Lines[1].Line.Amount);
        Assert.Equal(68.75m, revised.Lines[0].Signed!.Amount);
    }

    [Fact]
    public void Lines_can_be_added_removed_and_given_as_goodwill()
    {
        var added = new PricedLine(LineKind.Material, "Ontluchtingssleutel", 1m, "C62", 3.50m, 3.50m, VatCategory.S, 21m, "");

        var revised = ReportCorrection.Apply(
            Signed(),
            [new Correction(CorrectionKind.RemoveLine, Line: 3), new Correction(CorrectionKind.Goodwill, Line: 2), new Correction(CorrectionKind.AddLine, Replacement: added)],
            "Afspraak met de klant").Revised!;

        Assert.Equal(["Werkuren", "Flexibele slang", "Ontluchtingssleutel"], revised.Lines.Select(l => l.Line.Description));
        Assert.True(revised.Lines[1].Goodwill);
        Assert.Equal(0m, revised.Lines[1].Line.Amount);
        Assert.Null(revised.Lines[2].Signed);
        Assert.Equal("—", revised.Lines[2].SignedText());
        Assert.Equal([FreeText], revised.Removed.Select(r => r.Signed));
        Assert.Equal(72.25m, revised.Net);
    }

    [Fact]
    public void The_whole_report_as_goodwill_totals_zero_and_a_later_revision_builds_on_the_earlier_one()
    {
        var first = ReportCorrection.Apply(Signed(), [new Correction(CorrectionKind.RemoveLine, Line: 3)], "Niet geleverd").Revised!;
        var second = ReportCorrection.Apply(first, [new Correction(CorrectionKind.GoodwillReport)], "Commerciële geste na klacht").Revised!;

        Assert.Equal(0m, second.Total);
        Assert.Equal(2, second.Lines.Count);
        Assert.All(second.Lines, l => Assert.Equal("Commerciële geste na klacht", l.Reason));
        Assert.Equal("Niet geleverd", Assert.Single(second.Removed).Reason);
    }

    [Theory]
    [InlineData(CorrectionKind.SetQuantity, 9, null, "UnknownLine")]
    [InlineData(CorrectionKind.SetQuantity, 1, null, "QuantityOutOfRange")]
    [InlineData(CorrectionKind.SetUnitPrice, 1, -1, "PriceOutOfRange")]
    [InlineData(CorrectionKind.ReplaceLine, 1, null, "LineRequired")]
    public void A_correction_that_cannot_apply_names_its_problem(CorrectionKind kind, int line, int? price, string code)
    {
        var result = ReportCorrection.Apply(Signed(), [new Correction(kind, Line: line, UnitPrice: price)], "Reden");

        Assert.Equal(code, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void The_engine_and_a_correction_total_the_same_lines_the_same_way()
    {
        var report = new VisitReport(new DateOnly(2026, 3, 12), [new TimeEntry(new DateTimeOffset(2026, 3, 12, 8, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 3, 12, 9, 7, 0, TimeSpan.FromHours(1)), TimeEntryKind.Work, "technician")], []) { DistanceKm = 22m };
        var priced = PricingEngine.Price(new PricingRequest(report, RateCard.BelgianDefaults().ToTerms(WallClock.Brussels.Zone), ArticleCatalog.Empty, HolidayCalendar.Belgium(), VatContext.Business(false)));

        var asSigned = ReportCorrection.FromSigned(priced);

        Assert.Equal((priced.Net, priced.Vat, priced.Total), (asSigned.Net, asSigned.Vat, asSigned.Total));
        Assert.Equal(priced.VatBreakdown, asSigned.VatBreakdown);
    }
}
