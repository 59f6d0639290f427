using Werkbon.Core.Calendar;
using Werkbon.Core.Pricing;
using static Werkbon.Core.Tests.Pricing.Build;

namespace Werkbon.Core.Tests.Pricing;

/// <summary>Time bands, holidays, minimum and rounding, technician classes (pricing.md, "Terms").</summary>
public class LabourRuleTests
{
    private static PricedReport PriceWork(string day, string from, string to, string technicianClass = "technician", Terms? terms = null, HolidayCalendar? holidays = null) =>
        Price(Report(day, 5m, [Work(day, from, to, technicianClass)]), terms, holidays: holidays);

    [Fact]
    public void Weekday_daytime_minutes_are_billed_at_the_plain_rate() =>
        Assert.Equal(60.00m, PriceWork("2026-03-10", "09:00", "10:00").Labour().Amount);

    [Fact]
    public void Evening_minutes_cost_fifty_percent_more()
    {
        var labour = PriceWork("2026-03-12", "17:00", "18:00").Labour();

        Assert.Equal(90.00m, labour.Amount);
        Assert.StartsWith("Labour technician, evening", labour.Description);
    }

    [Theory]
    [InlineData("2026-03-10", "22:00", "23:00")] // Tuesday
    [InlineData("2026-03-11", "05:00", "06:00")] // Wednesday morning
    [InlineData("2026-03-14", "05:00", "06:00")] // Saturday morning, before the Saturday band starts
    public void Night_minutes_cost_double_every_day(string day, string from, string to) =>
        Assert.Equal(120.00m, PriceWork(day, from, to).Labour().Amount);

    [Fact]
    public void Saturday_daytime_costs_fifty_percent_more() =>
        Assert.Equal(90.00m, PriceWork("2026-03-14", "09:00", "10:00").Labour().Amount);

    [Fact]
    public void Sunday_costs_double_all_day() =>
        Assert.Equal(120.00m, PriceWork("2026-03-15", "10:00", "11:00").Labour().Amount);

    [Theory]
    [InlineData("2026-04-06")] // Easter Monday
    [InlineData("2026-05-14")] // Ascension
    [InlineData("2026-05-25")] // Whit Monday
    [InlineData("2027-03-29")]
    [InlineData("2027-05-06")]
    [InlineData("2027-05-17")]
    [InlineData("2026-07-21")] // National Day, a Tuesday
    [InlineData("2026-11-11")]
    public void Public_holidays_computed_for_the_year_cost_double_even_on_weekdays(string day)
    {
        var labour = PriceWork(day, "09:00", "10:00").Labour();

        Assert.Equal(120.00m, labour.Amount);
        Assert.Contains("Sunday/public holiday +100 %", labour.Explanation);
    }

    [Fact]
    public void Company_holidays_are_priced_like_public_holidays()
    {
        var calendar = HolidayCalendar.Belgium([new CompanyHoliday(Day("2026-11-02"), "Bridge day")]);

        Assert.Equal(120.00m, PriceWork("2026-11-02", "09:00", "10:00", holidays: calendar).Labour().Amount);
        Assert.Equal(60.00m, PriceWork("2026-11-02", "09:00", "10:00").Labour().Amount);
    }

    [Fact]
    public void Where_two_bands_cover_a_minute_the_higher_surcharge_wins()
    {
        var overlapping = new ContractTerms("Overlap")
        {
            TimeBands =
            [
                new("long-day", new("long day"), 25m, BandDays.Weekdays, new(7, 0), new(19, 0)),
                new("evening", new("evening"), 50m, BandDays.Weekdays, new(17, 0), new(22, 0)),
            ],
        };

        var priced = PriceWork("2026-03-10", "16:00", "18:00", terms: BelgianRateCard.ToTerms(WallClock.Brussels.Zone, overlapping));

        // 16:00–17:00 long day (+25 %): 75.00; 17:00–18:00 both bands, evening (+50 %) wins: 90.00.
        Assert.Equal([75.00m, 90.00m], priced.Lines.Where(l => l.Kind == LineKind.Labour).Select(l => l.Amount));
        Assert.Contains("(contract Overlap)", priced.Lines[1].Explanation);
    }

    [Fact]
    public void Minutes_no_band_covers_are_billed_at_the_base_rate()
    {
        var daytimeOnly = new ContractTerms("Daytime") { TimeBands = [new("day", new("day"), 0m, BandDays.Weekdays, new(8, 0), new(16, 0))] };

        var labour = PriceWork("2026-03-15", "10:00", "11:00", terms: BelgianRateCard.ToTerms(WallClock.Brussels.Zone, daytimeOnly)).Labour();

        Assert.Equal(60.00m, labour.Amount);
        Assert.Contains("base rate", labour.Explanation);
    }

    [Fact]
    public void A_visit_is_billed_at_least_the_minimum_time()
    {
        var labour = PriceWork("2026-03-10", "09:00", "09:10").Labour();

        Assert.Equal(30, labour.Minutes);
        Assert.Equal(30.00m, labour.Amount);
        Assert.Contains("+20 min (minimum 30 min, rounded up to 15 min, rate card)", labour.Explanation);
    }

    [Theory]
    [InlineData("09:46", 60)]
    [InlineData("10:00", 60)]
    [InlineData("10:01", 75)]
    public void Work_time_is_rounded_up_to_the_increment(string end, int billed) =>
        Assert.Equal(billed, PriceWork("2026-03-10", "09:00", end).Labour().Minutes);

    [Fact]
    public void Minimum_and_rounding_apply_to_the_visit_total_not_to_each_entry()
    {
        var priced = Price(Report("2026-03-10", 5m, [Work("2026-03-10", "09:00", "09:20"), Work("2026-03-10", "13:00", "13:20")]));

        Assert.Equal(45, priced.Labour().Minutes);
        Assert.Equal(45.00m, priced.Labour().Amount);
        Assert.StartsWith("45 min, Tue 09:00–09:20, 13:00–13:20, +5 min", priced.Labour().Explanation);
    }

    [Fact]
    public void Minutes_added_by_minimum_and_rounding_belong_to_the_band_of_the_last_worked_minute()
    {
        var priced = Price(Report("2026-03-12", 5m, [Work("2026-03-12", "16:50", "17:05")]));
        var labour = priced.Lines.Where(l => l.Kind == LineKind.Labour).ToArray();

        // 10 normal + 5 evening minutes worked; the 15 minutes up to the minimum are evening minutes.
        Assert.Equal([10, 20], labour.Select(l => l.Minutes!.Value));
        Assert.Equal([10.00m, 30.00m], labour.Select(l => l.Amount));
    }

    [Fact]
    public void Each_band_is_one_line_whatever_the_number_of_entries()
    {
        var priced = Price(Report("2026-03-12", 5m, [Work("2026-03-12", "16:00", "16:37"), Work("2026-03-12", "16:37", "17:20"), Work("2026-03-12", "17:20", "17:30")]));

        Assert.Equal([60, 30], priced.Lines.Where(l => l.Kind == LineKind.Labour).Select(l => l.Minutes!.Value));
        Assert.StartsWith("60 min, Thu 16:00–17:00, normal", priced.Lines[0].Explanation);
    }

    [Fact]
    public void Explanations_name_the_entries_and_the_terms_that_priced_them()
    {
        var priced = Price(Report("2026-03-12", 22m, [Work("2026-03-12", "16:20", "17:50")]));

        Assert.Equal("40 min, Thu 16:20–17:00, normal, technician 60.00/h (rate card)", priced.Lines[0].Explanation);
        Assert.Equal("50 min, Thu 17:00–17:50, evening +50 %, technician 60.00/h (rate card)", priced.Lines[1].Explanation);
        Assert.Equal("22 km one way (report), zone up to 30 km (rate card)", priced.Lines[2].Explanation);
    }

    [Fact]
    public void Surcharged_time_is_flagged_for_the_office()
    {
        var priced = PriceWork("2026-03-12", "16:20", "17:50");

        var warning = Assert.Single(priced.Warnings, w => w.Kind == WarningKind.SurchargedTime);
        Assert.Equal("50 min at evening +50 %.", warning.Message);
        Assert.False(PriceWork("2026-03-10", "09:00", "10:00").Warns(WarningKind.SurchargedTime));
    }

    [Fact]
    public void Each_technician_class_is_billed_at_its_own_rate()
    {
        var priced = Price(Report("2026-03-10", 5m, [Work("2026-03-10", "09:00", "10:00", "senior"), Work("2026-03-10", "09:00", "10:00", "technician")]));

        Assert.Equal([72.00m, 60.00m], priced.Lines.Where(l => l.Kind == LineKind.Labour).Select(l => l.Amount));
    }

    [Fact]
    public void A_time_entry_without_technician_class_is_priced_at_the_default_class_with_a_warning()
    {
        var priced = Price(Report("2026-03-10", 5m, [Work("2026-03-10", "09:00", "10:00", technicianClass: null)]));

        Assert.Equal(60.00m, priced.Labour().Amount);
        Assert.True(priced.Warns(WarningKind.MissingTechnicianClass));
    }

    [Fact]
    public void An_unknown_technician_class_is_priced_at_the_default_class_with_a_warning()
    {
        var priced = PriceWork("2026-03-10", "09:00", "10:00", "apprentice");

        Assert.Equal(60.00m, priced.Labour().Amount);
        Assert.Contains("apprentice", Assert.Single(priced.Warnings, w => w.Kind == WarningKind.UnknownTechnicianClass).Message);
    }

    [Fact]
    public void A_time_entry_that_does_not_end_after_it_starts_is_ignored_with_a_warning()
    {
        var priced = Price(Report("2026-03-10", 5m, [Work("2026-03-10", "10:00", "09:00"), Work("2026-03-10", "11:00", "12:00")]));

        Assert.Equal(60.00m, priced.Labour().Amount);
        Assert.True(priced.Warns(WarningKind.InvalidTimeEntry));
    }

    [Fact]
    public void Absurd_time_entries_are_ignored_with_a_warning_never_with_an_exception()
    {
        var start = At(Day("2026-03-10"), "09:00");
        TimeEntry[] absurd =
        [
            new(DateTimeOffset.MinValue, DateTimeOffset.MaxValue),
            new(DateTimeOffset.MinValue, DateTimeOffset.MinValue.AddHours(1)),
            new(start, start.AddDays(40)),
            Work("2026-03-10", "09:00", "10:00"),
        ];

        var priced = Price(Report("2026-03-10", 5m, absurd));

        Assert.Equal(60.00m, priced.Labour().Amount);
        Assert.Equal(3, priced.Warnings.Count(w => w.Kind == WarningKind.InvalidTimeEntry));
    }

    [Fact]
    public void A_report_without_work_time_bills_no_labour_and_warns()
    {
        var priced = Price(Report("2026-03-10", 5m, [], Uses("PTFE", 1)));

        Assert.DoesNotContain(priced.Lines, l => l.Kind == LineKind.Labour);
        Assert.True(priced.Warns(WarningKind.NoWorkTime));
    }

    [Fact]
    public void Work_across_the_autumn_clock_change_is_billed_for_the_minutes_really_worked()
    {
        // Sunday 25 Oct 2026: 01:30 summer time to 02:30 winter time is two real hours.
        var start = new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.FromHours(2));
        var end = new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.FromHours(1));

        var labour = Price(Report("2026-10-25", 5m, [new TimeEntry(start, end, TimeEntryKind.Work, "technician")])).Labour();

        Assert.Equal(120, labour.Minutes);
        Assert.Equal(240.00m, labour.Amount);
    }

    [Fact]
    public void Times_recorded_in_another_offset_are_judged_on_the_company_clock()
    {
        // 16:00–17:00 UTC is 17:00–18:00 in Brussels in March: evening.
        var start = new DateTimeOffset(2026, 3, 12, 16, 0, 0, TimeSpan.Zero);

        var labour = Price(Report("2026-03-12", 5m, [new TimeEntry(start, start.AddHours(1), TimeEntryKind.Work, "technician")])).Labour();

        Assert.Equal(90.00m, labour.Amount);
    }
}
