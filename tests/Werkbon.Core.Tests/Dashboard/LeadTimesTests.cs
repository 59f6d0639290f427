using Werkbon.Core.Dashboard;
using Werkbon.Core.Review;

namespace Werkbon.Core.Tests.Dashboard;

public class LeadTimesTests
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private static DateTimeOffset Utc(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    private static ReportMoments Report(
        DateTimeOffset signed, DateTimeOffset? approved = null, DateTimeOffset? invoiced = null, DateTimeOffset? paid = null,
        decimal total = 100m, bool byRules = false, params ReviewReason[] reasons) =>
        new(signed, signed, approved, byRules, invoiced, paid, total, reasons.Length == 0 ? [ReviewReason.Clean] : reasons);

    [Theory]
    [InlineData(new double[] { 2, 30, 4 }, 0.5, 4)]
    [InlineData(new double[] { 2, 30, 4 }, 0.9, 24.8)]
    [InlineData(new double[] { 1, 2, 3, 4 }, 0.5, 2.5)]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 0.9, 9.1)]
    [InlineData(new double[] { 7 }, 0.9, 7)]
    public void Percentiles_interpolate_between_the_closest_ranks(double[] values, double p, double expected)
    {
        Assert.Equal(expected, LeadTimes.Percentile(values, p)!.Value, 9);
    }

    [Fact]
    public void A_percentile_of_nothing_is_unknown()
    {
        Assert.Null(LeadTimes.Percentile([], 0.5));
    }

    [Fact]
    public void A_week_starts_on_Monday_midnight_in_Brussels()
    {
        // Sunday 8 March 2026 23:30 UTC is already Monday 9 March 00:30 in Brussels.
        var week = LeadTimes.WeekOf(new DateTimeOffset(2026, 3, 8, 23, 30, 0, TimeSpan.Zero), Brussels);
        var before = LeadTimes.WeekOf(new DateTimeOffset(2026, 3, 8, 22, 59, 0, TimeSpan.Zero), Brussels);

        Assert.Equal(new DateOnly(2026, 3, 9), week.Monday);
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 23, 0, 0, TimeSpan.Zero), week.Start);
        Assert.Equal(new DateOnly(2026, 3, 2), before.Monday);
    }

    [Fact]
    public void The_week_summer_time_starts_is_an_hour_shorter()
    {
        var week = LeadTimes.WeekOf(new DateTimeOffset(2026, 3, 25, 12, 0, 0, TimeSpan.Zero), Brussels);

        Assert.Equal(new DateOnly(2026, 3, 23), week.Monday);
        Assert.Equal(TimeSpan.FromHours(167), week.End - week.Start);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), week.End);
    }

    [Fact]
    public void Lead_times_count_in_the_week_the_step_ended_this_week_against_last_week()
    {
        var now = Utc(3, 13, 12); // Friday; this week is Monday 9 March from 00:00 Brussels
        var reports = new[]
        {
            Report(Utc(3, 2, 8), approved: Utc(3, 3, 8), invoiced: Utc(3, 4, 8), paid: Utc(3, 10, 8)),
            Report(Utc(3, 9, 8), approved: Utc(3, 9, 10), byRules: true),
            Report(Utc(3, 10, 8), approved: Utc(3, 11, 14), reasons: ReviewReason.FreeTextItem),
            Report(Utc(3, 11, 8), approved: Utc(3, 11, 12), invoiced: Utc(3, 12, 8), reasons: [ReviewReason.FreeTextItem, ReviewReason.NoContract]),
        };

        var figures = LeadTimes.Compute(reports, now, Brussels);
        var approval = figures.LeadTimes.Single(s => s.Stage == LeadTimeStage.SignedToApproved);
        var invoicing = figures.LeadTimes.Single(s => s.Stage == LeadTimeStage.ApprovedToInvoiced);
        var payment = figures.LeadTimes.Single(s => s.Stage == LeadTimeStage.InvoicedToPaid);
        var whole = figures.LeadTimes.Single(s => s.Stage == LeadTimeStage.SignedToPaid);

        Assert.Equal(new LeadTimeFigures(3, 4, 24.8), approval.ThisWeek);
        Assert.Equal(new LeadTimeFigures(1, 24, 24), approval.LastWeek);
        Assert.Equal(new LeadTimeFigures(1, 20, 20), invoicing.ThisWeek);
        Assert.Equal(new LeadTimeFigures(1, 24, 24), invoicing.LastWeek);
        Assert.Equal(new LeadTimeFigures(1, 144, 144), payment.ThisWeek);
        Assert.Equal(new LeadTimeFigures(0, null, null), payment.LastWeek);
        Assert.Equal(new LeadTimeFigures(1, 192, 192), whole.ThisWeek);
        Assert.Equal(new StraightThroughShare(3, 1), figures.StraightThroughThisWeek);
        Assert.Equal(33.3m, figures.StraightThroughThisWeek.Percent);
        Assert.Equal([new ReasonCount(ReviewReason.FreeTextItem, 2), new ReasonCount(ReviewReason.NoContract, 1)], figures.TopReasons);
    }

    [Fact]
    public void Work_not_invoiced_is_counted_and_valued_by_its_age_since_signing()
    {
        var now = Utc(3, 13, 12);
        var reports = new[]
        {
            Report(Utc(3, 12, 8), total: 120.50m),
            Report(Utc(3, 6, 12), approved: Utc(3, 7, 8), total: 80m), // exactly 7 days old: one to four weeks
            Report(Utc(2, 1, 8), total: 1000m),
            Report(Utc(1, 2, 8), total: 50m),
            Report(Utc(3, 2, 8), approved: Utc(3, 3, 8), invoiced: Utc(3, 4, 8), total: 999m),
        };

        var figures = LeadTimes.Compute(reports, now, Brussels);

        Assert.Equal(4, figures.Uninvoiced.Count);
        Assert.Equal(1250.50m, figures.Uninvoiced.Value);
        Assert.Equal(
            [
                new AgeBucketFigures(AgeBucket.UnderOneWeek, 1, 120.50m),
                new AgeBucketFigures(AgeBucket.OneToFourWeeks, 1, 80m),
                new AgeBucketFigures(AgeBucket.FourToEightWeeks, 1, 1000m),
                new AgeBucketFigures(AgeBucket.OverEightWeeks, 1, 50m),
            ],
            figures.Uninvoiced.Ages);
    }
}
