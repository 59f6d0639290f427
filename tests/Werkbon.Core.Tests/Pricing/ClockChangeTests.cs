using Werkbon.Core.Pricing;
using static Werkbon.Core.Tests.Pricing.Build;

namespace Werkbon.Core.Tests.Pricing;

/// <summary>The worked ranges a line explains read on the wall clock, also across the night the clocks go back.</summary>
public class ClockChangeTests
{
    // Sunday 25 October 2026: at 03:00 summer time the clocks in Brussels go back to 02:00.
    private static readonly DateTimeOffset Start = new(2026, 10, 25, 1, 30, 0, TimeSpan.FromHours(2));
    private static readonly DateTimeOffset End = new(2026, 10, 25, 3, 30, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Work_across_the_autumn_clock_change_reads_as_the_wall_clock_showed_it()
    {
        var priced = Price(new VisitReport(Day("2026-10-25"), [new TimeEntry(Start, End, TimeEntryKind.Work, "technician")], []));

        var labour = priced.Labour();
        Assert.Equal(180, labour.Minutes);
        Assert.Contains("01:30–03:30", labour.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Travel_across_the_autumn_clock_change_split_in_two_explains_itself_as_one_range()
    {
        var terms = BelgianRateCard.ToTerms(Brussels, new ContractTerms("Travel time") { Travel = BelgianRateCard.Travel with { BillTravelTime = true } });
        var at = new DateTimeOffset(2026, 10, 25, 2, 45, 0, TimeSpan.FromHours(2));
        var whole = new TimeEntry(Start, End, TimeEntryKind.Travel, "technician");
        var work = new TimeEntry(End, End.AddMinutes(30), TimeEntryKind.Work, "technician");

        var one = Price(new VisitReport(Day("2026-10-25"), [whole, work], []), terms);
        var two = Price(new VisitReport(Day("2026-10-25"), [whole with { End = at }, whole with { Start = at }, work], []), terms);

        var travel = one.Lines.Single(l => l.Kind == LineKind.TravelTime);
        Assert.Contains("01:30–03:30", travel.Explanation, StringComparison.Ordinal);
        Assert.Equal(one.Lines, two.Lines);
    }
}
