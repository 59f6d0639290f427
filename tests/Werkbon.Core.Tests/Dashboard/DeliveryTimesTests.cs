using Werkbon.Core.Dashboard;

namespace Werkbon.Core.Tests.Dashboard;

public class DeliveryTimesTests
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    // Wednesday 11 March 2026, 12:00 UTC: this week runs from Monday 9 March 00:00 Brussels (8 March 23:00 UTC).
    private static readonly DateTimeOffset Now = new(2026, 3, 11, 12, 0, 0, TimeSpan.Zero);

    private static DeliveryMoments Delivered(DateTimeOffset signed, double seconds, bool straightThrough = true) =>
        new(signed, straightThrough, signed.AddSeconds(seconds));

    [Fact]
    public void Median_and_P90_count_the_reports_delivered_this_week_and_last_week_apart()
    {
        var signed = new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);
        var lastWeek = new DateTimeOffset(2026, 3, 4, 8, 0, 0, TimeSpan.Zero);
        var figures = DeliveryTimes.Compute(
            [
                Delivered(signed, 10), Delivered(signed, 20), Delivered(signed, 30), Delivered(signed, 40), Delivered(signed, 3_600, straightThrough: false),
                Delivered(lastWeek, 90),
                new DeliveryMoments(signed, true, null),
            ],
            Now,
            Brussels);

        Assert.Equal(5, figures.ThisWeek.Delivered);
        Assert.Equal(30, figures.ThisWeek.MedianSeconds);
        Assert.Equal(2_176, figures.ThisWeek.Percentile90Seconds); // rank 3.6: 40 + 0.6 × (3,600 − 40)
        Assert.Equal(4, figures.ThisWeek.StraightThroughDelivered);
        Assert.Equal(100m, figures.ThisWeek.StraightThroughWithinTargetPercent);

        Assert.Equal(1, figures.LastWeek.Delivered);
        Assert.Equal(90, figures.LastWeek.MedianSeconds);
        Assert.Equal(0m, figures.LastWeek.StraightThroughWithinTargetPercent);
    }

    [Fact]
    public void Sixty_seconds_is_within_the_target_and_sixty_one_is_not()
    {
        var signed = new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);
        var figures = DeliveryTimes.Compute([Delivered(signed, 60), Delivered(signed, 61), Delivered(signed, 59), Delivered(signed, 600)], Now, Brussels);

        Assert.Equal(4, figures.ThisWeek.StraightThroughDelivered);
        Assert.Equal(2, figures.ThisWeek.StraightThroughWithinTarget);
        Assert.Equal(50m, figures.ThisWeek.StraightThroughWithinTargetPercent);
    }

    [Fact]
    public void A_delivery_counts_in_the_week_it_happened_on_the_company_clock()
    {
        // Signed on Sunday 8 March 22:30 UTC (23:30 Brussels, last week); delivered 23:10 UTC = Monday 00:10 Brussels: this week.
        var signed = new DateTimeOffset(2026, 3, 8, 22, 30, 0, TimeSpan.Zero);
        var figures = DeliveryTimes.Compute([Delivered(signed, 2_400)], Now, Brussels);

        Assert.Equal(1, figures.ThisWeek.Delivered);
        Assert.Equal(0, figures.LastWeek.Delivered);
    }

    [Fact]
    public void Nothing_delivered_gives_no_figures_rather_than_zero()
    {
        var figures = DeliveryTimes.Compute([new DeliveryMoments(Now.AddHours(-1), true, null)], Now, Brussels);

        Assert.Equal(0, figures.ThisWeek.Delivered);
        Assert.Null(figures.ThisWeek.MedianSeconds);
        Assert.Null(figures.ThisWeek.Percentile90Seconds);
        Assert.Null(figures.ThisWeek.StraightThroughWithinTargetPercent);
    }
}
