using Werkbon.Core.Review;

namespace Werkbon.Core.Dashboard;

/// <summary>The stored moments of one signed report, as the dashboard reads them (instants in UTC).</summary>
public sealed record ReportMoments(
    DateTimeOffset SignedAt,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? ApprovedAt,
    bool ApprovedByRules,
    DateTimeOffset? InvoicedAt,
    DateTimeOffset? PaidAt,
    decimal Total,
    IReadOnlyList<ReviewReason> Reasons);

/// <summary>A company week: Monday 00:00 to the next Monday 00:00 in the company's time zone.</summary>
public sealed record Week(DateOnly Monday, DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset instant) => instant >= Start && instant < End;
}

/// <summary>How long one step took for the reports that finished it in a week; hours, null when none did.</summary>
public sealed record LeadTimeFigures(int Count, double? MedianHours, double? Percentile90Hours);

public enum LeadTimeStage
{
    SignedToApproved,
    ApprovedToInvoiced,
    InvoicedToPaid,
    SignedToPaid,
}

public sealed record StageLeadTimes(LeadTimeStage Stage, LeadTimeFigures ThisWeek, LeadTimeFigures LastWeek);

public enum AgeBucket
{
    UnderOneWeek,
    OneToFourWeeks,
    FourToEightWeeks,
    OverEightWeeks,
}

public sealed record AgeBucketFigures(AgeBucket Bucket, int Count, decimal Value);

/// <summary>Signed work not invoiced yet: how much and how old (age from the signature).</summary>
public sealed record UninvoicedWork(int Count, decimal Value, IReadOnlyList<AgeBucketFigures> Ages);

/// <summary>Of the reports received in a week, how many the straight-through rules approved on arrival.</summary>
public sealed record StraightThroughShare(int Received, int StraightThrough)
{
    /// <summary>0–100, one decimal; null when nothing was received.</summary>
    public decimal? Percent => Received == 0 ? null : Math.Round(100m * StraightThrough / Received, 1, MidpointRounding.AwayFromZero);
}

public sealed record ReasonCount(ReviewReason Reason, int Count);

public sealed record DashboardFigures(
    Week ThisWeek,
    Week LastWeek,
    IReadOnlyList<StageLeadTimes> LeadTimes,
    UninvoicedWork Uninvoiced,
    StraightThroughShare StraightThroughThisWeek,
    StraightThroughShare StraightThroughLastWeek,
    IReadOnlyList<ReasonCount> TopReasons,
    CashSummary? Cash = null,
    DeliveryFigures? Delivery = null);

/// <summary>
/// The office dashboard's figures, computed from the stored moments of signed reports. Pure: the same
/// reports and "now" always give the same figures.
/// <list type="bullet">
/// <item>A step's lead time counts in the week in which the step ended (a report approved on Monday
/// counts for "signed → approved" of that week, whenever it was signed).</item>
/// <item>Weeks start on Monday 00:00 in the company's time zone (Europe/Brussels), so they are 167 or
/// 169 hours long in the weeks daylight saving time changes.</item>
/// <item>Percentiles interpolate linearly between the closest ranks (Hyndman &amp; Fan type 7, the
/// method of Excel's PERCENTILE.INC and NumPy's default): for n sorted values and p in [0, 1], the
/// rank is h = (n − 1)·p and the value x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). The median is p = 0.5.</item>
/// <item>Top review reasons count every reason (not <see cref="ReviewReason.Clean"/>) of the reports
/// received this week and last week.</item>
/// </list>
/// </summary>
public static class LeadTimes
{
    public const int TopReasonCount = 5;

    public static DashboardFigures Compute(IReadOnlyCollection<ReportMoments> reports, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var thisWeek = WeekOf(now, zone);
        var lastWeek = WeekOf(thisWeek.Start.AddDays(-1), zone);

        var stages = new List<StageLeadTimes>
        {
            Stage(LeadTimeStage.SignedToApproved, reports, r => r.SignedAt, r => r.ApprovedAt, thisWeek, lastWeek),
            Stage(LeadTimeStage.ApprovedToInvoiced, reports, r => r.ApprovedAt, r => r.InvoicedAt, thisWeek, lastWeek),
            Stage(LeadTimeStage.InvoicedToPaid, reports, r => r.InvoicedAt, r => r.PaidAt, thisWeek, lastWeek),
            Stage(LeadTimeStage.SignedToPaid, reports, r => r.SignedAt, r => r.PaidAt, thisWeek, lastWeek),
        };

        var open = reports.Where(r => r.InvoicedAt is null).ToList();
        var ages = Enum.GetValues<AgeBucket>()
            .Select(bucket =>
            {
                var inBucket = open.Where(r => BucketOf(now - r.SignedAt) == bucket).ToList();
                return new AgeBucketFigures(bucket, inBucket.Count, inBucket.Sum(r => r.Total));
            })
            .ToList();

        var recent = reports.Where(r => thisWeek.Contains(r.ReceivedAt) || lastWeek.Contains(r.ReceivedAt)).ToList();
        var reasons = recent
            .SelectMany(r => r.Reasons.Where(reason => reason != ReviewReason.Clean).Distinct())
            .GroupBy(reason => reason)
            .Select(g => new ReasonCount(g.Key, g.Count()))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.Reason)
            .Take(TopReasonCount)
            .ToList();

        return new DashboardFigures(
            thisWeek,
            lastWeek,
            stages,
            new UninvoicedWork(open.Count, open.Sum(r => r.Total), ages),
            Share(reports, thisWeek),
            Share(reports, lastWeek),
            reasons);
    }

    /// <summary>The company week holding the instant: from its Monday 00:00 local time.</summary>
    public static Week WeekOf(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(instant, zone).DateTime.Date;
        var monday = DateOnly.FromDateTime(local.AddDays(-(((int)local.DayOfWeek + 6) % 7)));
        return new Week(monday, StartOfDay(monday, zone), StartOfDay(monday.AddDays(7), zone));
    }

    /// <summary>Local midnight of a day as an instant (a day starting in a DST gap starts at the first valid moment).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Hyndman &amp; Fan type 7 percentile of the values (any order); null when there are none.</summary>
    public static double? Percentile(IEnumerable<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0d);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1d);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var h = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((h - below) * (sorted[above] - sorted[below]));
    }

    public static AgeBucket BucketOf(TimeSpan age) => age.TotalDays switch
    {
        < 7 => AgeBucket.UnderOneWeek,
        < 28 => AgeBucket.OneToFourWeeks,
        < 56 => AgeBucket.FourToEightWeeks,
        _ => AgeBucket.OverEightWeeks,
    };

    private static StageLeadTimes Stage(
        LeadTimeStage stage,
        IEnumerable<ReportMoments> reports,
        Func<ReportMoments, DateTimeOffset?> from,
        Func<ReportMoments, DateTimeOffset?> to,
        Week thisWeek,
        Week lastWeek)
    {
        var spans = reports
            .Where(r => from(r) is not null && to(r) is not null)
            .Select(r => (End: to(r)!.Value, Hours: (to(r)!.Value - from(r)!.Value).TotalHours))
            .ToList();
        return new StageLeadTimes(stage, Figures(spans.Where(s => thisWeek.Contains(s.End))), Figures(spans.Where(s => lastWeek.Contains(s.End))));
    }

    private static LeadTimeFigures Figures(IEnumerable<(DateTimeOffset End, double Hours)> spans)
    {
        var hours = spans.Select(s => s.Hours).ToList();
        return new LeadTimeFigures(hours.Count, Hours(Percentile(hours, 0.5)), Hours(Percentile(hours, 0.9)));
    }

    private static double? Hours(double? value) => value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;

    private static StraightThroughShare Share(IEnumerable<ReportMoments> reports, Week week)
    {
        var received = reports.Where(r => week.Contains(r.ReceivedAt)).ToList();
        return new StraightThroughShare(received.Count, received.Count(r => r.ApprovedByRules));
    }
}
