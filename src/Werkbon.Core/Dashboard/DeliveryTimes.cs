namespace Werkbon.Core.Dashboard;

/// <summary>
/// One signed report on its way to the customer: when it was signed on the device, whether the
/// straight-through rules approved it on arrival, and when the invoice it is on was first delivered
/// (accepted by the SMTP server or by the Peppol access point); null while it is not.
/// </summary>
public sealed record DeliveryMoments(DateTimeOffset SignedAt, bool StraightThrough, DateTimeOffset? DeliveredAt);

/// <summary>Signature → invoice delivered for the reports delivered in one week; seconds, null when none was.</summary>
public sealed record DeliveryWeek(
    int Delivered,
    double? MedianSeconds,
    double? Percentile90Seconds,
    int StraightThroughDelivered,
    int StraightThroughWithinTarget)
{
    /// <summary>0–100, one decimal: the straight-through reports delivered within the target; null when none was delivered.</summary>
    public decimal? StraightThroughWithinTargetPercent => StraightThroughDelivered == 0
        ? null
        : Math.Round(100m * StraightThroughWithinTarget / StraightThroughDelivered, 1, MidpointRounding.AwayFromZero);
}

public sealed record DeliveryFigures(DeliveryWeek ThisWeek, DeliveryWeek LastWeek, int TargetSeconds);

/// <summary>
/// The headline figure: how long from the customer's signature to the invoice in the customer's hands.
/// A report counts in the week its invoice was delivered (company weeks, as <see cref="LeadTimes.WeekOf"/>),
/// with the median and 90th percentile by <see cref="LeadTimes.Percentile"/>; of the straight-through reports,
/// the share delivered within <see cref="TargetSeconds"/> of the signature.
/// </summary>
public static class DeliveryTimes
{
    public const int TargetSeconds = 60;

    public static DeliveryFigures Compute(IReadOnlyCollection<DeliveryMoments> reports, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var thisWeek = LeadTimes.WeekOf(now, zone);
        var lastWeek = LeadTimes.WeekOf(thisWeek.Start.AddDays(-1), zone);
        return new DeliveryFigures(Of(reports, thisWeek), Of(reports, lastWeek), TargetSeconds);
    }

    /// <summary>Seconds from signature to delivery; a clock skew that puts delivery first counts as 0.</summary>
    public static double Seconds(DeliveryMoments report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.DeliveredAt is { } delivered ? Math.Max(0, (delivered - report.SignedAt).TotalSeconds) : double.NaN;
    }

    private static DeliveryWeek Of(IEnumerable<DeliveryMoments> reports, Week week)
    {
        var delivered = reports.Where(r => r.DeliveredAt is { } at && week.Contains(at)).ToList();
        var seconds = delivered.Select(Seconds).ToList();
        var straight = delivered.Where(r => r.StraightThrough).ToList();
        return new DeliveryWeek(
            delivered.Count,
            Round(LeadTimes.Percentile(seconds, 0.5)),
            Round(LeadTimes.Percentile(seconds, 0.9)),
            straight.Count,
            straight.Count(r => Seconds(r) <= TargetSeconds));
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero) : null;
}
