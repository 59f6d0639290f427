using System.Globalization;

namespace Werkbon.Core.Calendar;

/// <summary>
/// The company's wall clock. Instants are stored and exchanged in UTC; wherever a person reads one (screens,
/// documents, the field app, audit trails) it is shown through this clock, in the company's time zone, with
/// its daylight saving time. The server builds it from the company's zone, the device from the zone it pulls.
/// </summary>
public sealed class WallClock
{
    /// <summary>The zone of a company that never chose one.</summary>
    public const string DefaultZoneId = "Europe/Brussels";

    public WallClock(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Zone = zone;
    }

    public static WallClock Brussels { get; } = new(TimeZoneInfo.FindSystemTimeZoneById(DefaultZoneId));

    public TimeZoneInfo Zone { get; }

    public string ZoneId => Zone.Id;

    /// <summary>The clock of a zone id; an empty or unknown id reads as the default zone.</summary>
    public static WallClock For(string? zoneId) =>
        string.IsNullOrWhiteSpace(zoneId) || zoneId == DefaultZoneId
            ? Brussels
            : TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone) ? new WallClock(zone) : Brussels;

    /// <summary>Whether the id names a time zone this system knows.</summary>
    public static bool IsKnownZone(string? zoneId) =>
        !string.IsNullOrWhiteSpace(zoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out _);

    /// <summary>The instant as the company's clock shows it (its offset is the zone's at that moment).</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>A stored instant (UTC; a database may give it back without a kind) on the company's clock.</summary>
    public DateTimeOffset Local(DateTime utc) =>
        Local(new DateTimeOffset(utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>The company's calendar day of the instant.</summary>
    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);

    /// <summary>Today on the company's calendar.</summary>
    public DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow());
    }

    /// <summary>Hours and minutes (24 h), as every document and screen writes a time of day.</summary>
    public string Time(DateTimeOffset instant) => Local(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A span of the day, "08:20–09:35".</summary>
    public string Span(DateTimeOffset start, DateTimeOffset end) => $"{Time(start)}–{Time(end)}";

    /// <summary>Date and time in the reader's culture (its short pattern), on the company's clock.</summary>
    public string DateAndTime(DateTimeOffset instant, IFormatProvider culture) => Local(instant).ToString("g", culture);

    /// <inheritdoc cref="DateAndTime(DateTimeOffset, IFormatProvider)"/>
    public string DateAndTime(DateTime utc, IFormatProvider culture) => Local(utc).ToString("g", culture);
}
