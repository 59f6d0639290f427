using System.Globalization;
using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using Werkbon.Core.Sync;
using Werkbon.Core.Vat;

namespace Werkbon.Core.Tests.Calendar;

/// <summary>Instants travel in UTC; people read them on the company's clock, with its summer time.</summary>
public class WallClockTests
{
    [Theory]
    [InlineData("2026-01-15T17:00:00Z", "18:00", "2026-01-15")]
    [InlineData("2026-07-15T16:00:00Z", "18:00", "2026-07-15")]
    [InlineData("2026-03-29T00:59:00Z", "01:59", "2026-03-29")]
    [InlineData("2026-03-29T01:00:00Z", "03:00", "2026-03-29")]
    [InlineData("2026-10-24T22:30:00Z", "00:30", "2026-10-25")]
    public void Brussels_reads_an_utc_instant_at_its_local_hour_and_day(string utc, string time, string date)
    {
        var instant = DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture);

        Assert.Equal(time, WallClock.Brussels.Time(instant));
        Assert.Equal(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture), WallClock.Brussels.DateOf(instant));
        Assert.Equal(time, WallClock.Brussels.Time(instant.UtcDateTime));
    }

    [Fact]
    public void A_stored_instant_without_a_kind_is_read_as_utc()
    {
        var stored = new DateTime(2026, 7, 15, 16, 0, 0, DateTimeKind.Unspecified);

        Assert.Equal("15/07/2026 18:00", WallClock.Brussels.DateAndTime(stored, CultureInfo.GetCultureInfo("nl-BE")));
        Assert.Equal(new DateTimeOffset(2026, 7, 15, 18, 0, 0, TimeSpan.FromHours(2)), WallClock.Brussels.Local(stored));
    }

    [Fact]
    public void A_span_is_written_in_local_hours_and_minutes()
    {
        var start = new DateTimeOffset(2026, 1, 15, 15, 10, 0, TimeSpan.Zero);

        Assert.Equal("16:10–17:45", WallClock.Brussels.Span(start, start.AddMinutes(95)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Mars/Olympus_Mons")]
    public void A_company_without_a_known_zone_reads_the_default_zone(string? zoneId) =>
        Assert.Equal(WallClock.DefaultZoneId, WallClock.For(zoneId).ZoneId);

    [Fact]
    public void Another_company_zone_shows_its_own_hours()
    {
        var lisbon = WallClock.For("Europe/Lisbon");

        Assert.Equal("17:00", lisbon.Time(new DateTimeOffset(2026, 1, 15, 17, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_pulled_zone_decides_the_device_prices_bands_on()
    {
        // 16:30–17:30 UTC in January: 17:30–18:30 in Brussels is evening; 16:30–17:30 in Lisbon is half normal.
        var report = new VisitReport(
            new DateOnly(2026, 1, 15),
            [new TimeEntry(new DateTimeOffset(2026, 1, 15, 16, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 15, 17, 30, 0, TimeSpan.Zero), TimeEntryKind.Work, "technician")],
            []);
        decimal Labour(string zone) => PricingEngine.Price(new PricingRequest(
                report,
                new FieldPricing(RateCard.BelgianDefaults(), [], [], zone).TermsFor(null),
                ArticleCatalog.Empty,
                HolidayCalendar.Belgium(),
                VatContext.Business(false)))
            .Lines.Where(l => l.Kind == LineKind.Labour).Sum(l => l.Amount);

        Assert.NotEqual(Labour("Europe/Brussels"), Labour("Europe/Lisbon"));
    }
}
