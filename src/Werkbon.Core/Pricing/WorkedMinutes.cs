using System.Globalization;

namespace Werkbon.Core.Pricing;

/// <summary>
/// The whole minutes a recorded period counts for: the one count the pricing engine bills and every
/// screen shows, so a customer can add up the durations they sign and find the minutes they pay. Minutes
/// are counted on the minute grid the time bands are judged on; a period shorter than a minute of that
/// grid still counts for the minute it started in, so any work at all reaches the visit minimum.
/// </summary>
public static class WorkedMinutes
{
    /// <summary>The minutes from <paramref name="start"/> to <paramref name="end"/>; 0 when the period is empty or runs backwards.</summary>
    public static long Of(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            return 0;
        }

        var minutes = (end.UtcTicks / TimeSpan.TicksPerMinute) - (start.UtcTicks / TimeSpan.TicksPerMinute);
        return Math.Max(1, minutes);
    }

    /// <summary>A duration as a customer reads it, hours and minutes without seconds: <c>0:45</c>, <c>1:05</c>, <c>12:00</c>.</summary>
    public static string HoursAndMinutes(long minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{minutes / 60}:{Math.Abs(minutes % 60):00}");
}
