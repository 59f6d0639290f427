using CsCheck;
using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using static Werkbon.Core.Tests.Pricing.Build;

namespace Werkbon.Core.Tests.Pricing;

/// <summary>
/// "Minimum billable labour per visit" (pricing.md): a visit with any work at all, even seconds of it,
/// bills at least the minimum of the terms in force (rate card or contract); a visit without work bills none.
/// </summary>
public class MinimumRuleTests
{
    private static readonly DateTimeOffset Tuesday9 = At(Day("2026-03-10"), "09:00");

    private static TimeEntry Work(int fromSecond, int seconds, bool extra = false) =>
        new(Tuesday9.AddSeconds(fromSecond), Tuesday9.AddSeconds(fromSecond + seconds), TimeEntryKind.Work, "technician", extra);

    private static PricedReport PriceTime(Terms? terms, params TimeEntry[] time) =>
        Price(new VisitReport(Day("2026-03-10"), time, []) { DistanceKm = 5m }, terms);

    private static int LabourMinutes(PricedReport priced) =>
        priced.Lines.Where(l => l.Kind == LineKind.Labour).Sum(l => l.Minutes!.Value);

    [Theory]
    [InlineData(0, 1)] // one second, on the minute
    [InlineData(0, 59)] // 59 seconds within one minute
    [InlineData(10, 40)] // seconds that cross no minute
    [InlineData(50, 20)] // seconds across a minute
    [InlineData(59, 1)] // the last second of a minute
    public void Seconds_of_work_bill_the_rate_card_minimum_of_30_minutes(int fromSecond, int seconds)
    {
        var priced = PriceTime(null, Work(fromSecond, seconds));

        var labour = priced.Labour();
        Assert.Equal(30, labour.Minutes);
        Assert.Equal(30.00m, labour.Amount);
        Assert.DoesNotContain(priced.Warnings, w => w.Kind is WarningKind.NoWorkTime or WarningKind.InvalidTimeEntry);
    }

    [Fact]
    public void Seconds_of_work_bill_the_contract_minimum_when_the_contract_sets_one()
    {
        var terms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Comfort") { MinimumMinutes = 60 });

        var labour = PriceTime(terms, Work(5, 1)).Labour();

        Assert.Equal(60, labour.Minutes);
        Assert.Equal(60.00m, labour.Amount);
        Assert.Contains("contract", labour.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_minimum_seconds_of_work_round_up_to_the_increment()
    {
        var terms = BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Gold") { MinimumMinutes = 0 });

        Assert.Equal(15, PriceTime(terms, Work(10, 59)).Labour().Minutes);
    }

    [Fact]
    public void Seconds_of_extra_work_asked_on_site_bill_the_minimum_too() =>
        Assert.Equal(30, PriceTime(null, Work(10, 20, extra: true)).Labour().Minutes);

    [Fact]
    public void A_visit_without_any_work_entry_bills_no_labour()
    {
        var travelOnly = PriceTime(null, new TimeEntry(Tuesday9, Tuesday9.AddMinutes(20), TimeEntryKind.Travel, "technician"));
        var nothing = PriceTime(null);

        Assert.Equal(0, LabourMinutes(travelOnly));
        Assert.Equal(0, LabourMinutes(nothing));
        Assert.Contains(nothing.Warnings, w => w.Kind == WarningKind.NoWorkTime);
    }

    [Fact]
    public void Work_that_ends_when_it_starts_is_no_work() =>
        Assert.Equal(0, LabourMinutes(PriceTime(null, Work(30, 0))));

    [Fact]
    public void Any_visit_with_less_work_than_the_minimum_bills_exactly_the_minimum_on_any_day_and_hour() =>
        Gen.Select(Gen.Int[0, 729], Gen.Int[0, (24 * 3600) - 1], Gen.Int[1, (30 * 60) - 60], Gen.Int[0, 60], Gen.Int[0, 2]).Sample((day, second, seconds, minimum, contract) =>
        {
            var start = At(new DateOnly(2026, 1, 1).AddDays(day), "00:00").AddSeconds(second);
            var terms = contract == 0 ? RateCardTerms : BelgianRateCard.ToTerms(WallClock.Brussels.Zone, new ContractTerms("Any") { MinimumMinutes = minimum, RoundingMinutes = 0 });
            var priced = Price(new VisitReport(DateOnly.FromDateTime(start.DateTime), [new TimeEntry(start, start.AddSeconds(seconds), TimeEntryKind.Work, "technician")], []), terms);
            var worked = (int)WorkedMinutes.Of(start, start.AddSeconds(seconds));

            Assert.Equal(Math.Max(worked, terms.MinimumMinutes), LabourMinutes(priced));
            Assert.True(LabourMinutes(priced) > 0);
        });

    [Theory]
    [InlineData(0, "0:00")]
    [InlineData(1, "0:01")]
    [InlineData(59, "0:59")]
    [InlineData(65, "1:05")]
    [InlineData(720, "12:00")]
    public void Durations_read_as_hours_and_minutes(long minutes, string text) =>
        Assert.Equal(text, WorkedMinutes.HoursAndMinutes(minutes));

    [Fact]
    public void The_minutes_shown_for_an_entry_are_the_minutes_billed_for_it()
    {
        var entry = new TimeEntry(Tuesday9.AddSeconds(7), Tuesday9.AddMinutes(53).AddSeconds(36), TimeEntryKind.Work, "technician");

        var labour = PriceTime(null, entry).Labour();

        Assert.Equal(53, WorkedMinutes.Of(entry.Start, entry.End));
        Assert.Equal("0:53", WorkedMinutes.HoursAndMinutes(WorkedMinutes.Of(entry.Start, entry.End)));
        Assert.Equal(60, labour.Minutes); // 53 worked + 7 to the next quarter
        Assert.StartsWith("60 min, Tue 09:00–09:53, +7 min", labour.Explanation, StringComparison.Ordinal);
    }
}
