using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Core.Reports;
using Werkbon.Core.Review;
using Werkbon.Core.Tests.Reports;
using Werkbon.Core.Vat;

namespace Werkbon.Core.Tests.Review;

public class StraightThroughTests
{
    private static readonly StraightThroughRules Rules = new(Enabled: true, RequireContract: true, ExtrasThreshold: 50m, MaxTotal: 500m, MaxSurchargedMinutes: 30);

    private static ReportDocument Clean() => Samples.Golden() with
    {
        Materials = [Samples.Golden().Materials[0]],
        SixPercentStatementConfirmed = false,
    };

    private static PricedLine Labour(int minutes, decimal amount, decimal surcharge = 0m, bool extra = false) =>
        new(LineKind.Labour, "Werkuren", minutes / 60m, "HUR", amount * 60m / minutes, amount, VatCategory.S, 21m, "explained", extra)
        {
            Minutes = minutes,
            SurchargePercent = surcharge,
        };

    private static PricedLine Part(decimal amount, bool extra = false) =>
        new(LineKind.Material, "Onderdeel", 1m, "C62", amount, amount, VatCategory.S, 21m, "explained", extra);

    private static PricedReport Priced(IReadOnlyList<PricedLine> lines, params PricingWarning[] warnings)
    {
        var net = lines.Sum(l => l.Amount);
        var vat = Money.Round(net * 0.21m);
        return new PricedReport(lines, [new VatSubtotal(VatCategory.S, 21m, net, vat)], net, vat, net + vat, VatRegime.LineRates, [], null, warnings);
    }

    [Fact]
    public void A_clean_report_under_contract_within_every_limit_is_approved_with_the_reason_clean()
    {
        var decision = StraightThrough.Decide(Clean(), Priced([Labour(60, 60m), Part(20m)]), hasContract: true, Rules);
        Assert.True(decision.Approve);
        Assert.Equal([ReviewReason.Clean], decision.Reasons);
    }

    [Fact]
    public void Disabled_rules_send_every_report_to_the_office()
    {
        var decision = StraightThrough.Decide(Clean(), Priced([Labour(60, 60m)]), true, Rules with { Enabled = false });
        Assert.False(decision.Approve);
        Assert.Contains(ReviewReason.RulesDisabled, decision.Reasons);
    }

    [Fact]
    public void A_report_without_the_customers_signature_waits()
    {
        var report = Clean() with { Signature = Clean().Signature with { CustomerAbsent = true, AbsenceReason = "Niemand thuis", ImageSha256 = null } };
        Assert.Equal([ReviewReason.CustomerAbsent], StraightThrough.Decide(report, Priced([Labour(60, 60m)]), true, Rules).Reasons);
    }

    [Fact]
    public void A_report_not_covered_by_a_contract_waits_when_the_rules_ask_for_one()
    {
        Assert.Equal([ReviewReason.NoContract], StraightThrough.Decide(Clean(), Priced([Labour(60, 60m)]), false, Rules).Reasons);
        Assert.True(StraightThrough.Decide(Clean(), Priced([Labour(60, 60m)]), false, Rules with { RequireContract = false }).Approve);
    }

    [Fact]
    public void A_free_text_item_waits_for_the_office_to_pick_an_article()
    {
        Assert.Contains(ReviewReason.FreeTextItem, StraightThrough.Decide(Samples.Golden(), Priced([Labour(60, 60m)]), true, Rules).Reasons);
    }

    [Theory]
    [InlineData(WarningKind.UnknownArticle, ReviewReason.UnknownArticle)]
    [InlineData(WarningKind.PriceOverride, ReviewReason.PriceOverride)]
    [InlineData(WarningKind.VatStatement, ReviewReason.VatStatement)]
    [InlineData(WarningKind.MissingDistance, ReviewReason.MissingData)]
    [InlineData(WarningKind.MissingTechnicianClass, ReviewReason.MissingData)]
    public void A_pricing_warning_keeps_the_report_back_with_its_reason(WarningKind warning, ReviewReason reason)
    {
        var decision = StraightThrough.Decide(Clean(), Priced([Labour(60, 60m)], new PricingWarning(warning, "!")), true, Rules);
        Assert.False(decision.Approve);
        Assert.Equal([reason], decision.Reasons);
    }

    [Fact]
    public void Extras_pass_under_the_threshold_and_wait_above_it()
    {
        Assert.True(StraightThrough.Decide(Clean(), Priced([Labour(60, 60m), Part(50m, extra: true)], new PricingWarning(WarningKind.Extras, "!")), true, Rules).Approve);
        Assert.Equal([ReviewReason.ExtrasOverThreshold], StraightThrough.Decide(Clean(), Priced([Labour(60, 60m), Part(50.01m, extra: true)]), true, Rules).Reasons);
    }

    [Fact]
    public void Surcharged_time_passes_up_to_the_limit_and_waits_beyond_it()
    {
        Assert.True(StraightThrough.Decide(Clean(), Priced([Labour(60, 60m), Labour(30, 45m, 50m)], new PricingWarning(WarningKind.SurchargedTime, "!")), true, Rules).Approve);
        Assert.Equal([ReviewReason.SurchargedTimeOverLimit], StraightThrough.Decide(Clean(), Priced([Labour(60, 60m), Labour(45, 67.5m, 50m)]), true, Rules).Reasons);
    }

    [Fact]
    public void A_total_above_the_limit_waits()
    {
        Assert.Equal([ReviewReason.TotalOverLimit], StraightThrough.Decide(Clean(), Priced([Labour(60, 60m), Part(400m)]), true, Rules).Reasons);
    }

    [Fact]
    public void Every_reason_that_applies_is_given_not_just_the_first()
    {
        var report = Samples.Golden() with { Signature = Samples.Golden().Signature with { CustomerAbsent = true } };
        var decision = StraightThrough.Decide(report, Priced([Labour(240, 400m, 100m), Part(300m, extra: true)], new PricingWarning(WarningKind.UnknownArticle, "!")), false, Rules);
        Assert.Equal(
            [ReviewReason.CustomerAbsent, ReviewReason.NoContract, ReviewReason.FreeTextItem, ReviewReason.UnknownArticle, ReviewReason.ExtrasOverThreshold, ReviewReason.SurchargedTimeOverLimit, ReviewReason.TotalOverLimit],
            decision.Reasons);
    }

    [Fact]
    public void A_real_evening_visit_carries_its_surcharge_on_the_priced_line()
    {
        var report = new VisitReport(new DateOnly(2026, 3, 12), [new TimeEntry(new DateTimeOffset(2026, 3, 12, 16, 20, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 3, 12, 17, 50, 0, TimeSpan.FromHours(1)), TimeEntryKind.Work, "technician")], []) { DistanceKm = 22m };
        var priced = PricingEngine.Price(new PricingRequest(report, RateCard.BelgianDefaults().ToTerms(WallClock.Brussels.Zone), ArticleCatalog.Empty, HolidayCalendar.Belgium(), VatContext.Business(false)));
        Assert.Equal([0m, 50m], priced.Lines.Where(l => l.Kind == LineKind.Labour).Select(l => l.SurchargePercent));
    }
}
