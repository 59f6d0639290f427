using CsCheck;
using Werkbon.Core.Banking;

namespace Werkbon.Core.Tests.Banking;

public class ReminderScheduleTests
{
    private static readonly DateOnly Due = new(2026, 10, 1);

    private static readonly ReminderSchedule Schedule = ReminderSchedule.Default;

    private static ReminderCase Open(decimal outstanding = 121m, bool held = false, bool disputed = false, params ReminderStep[] sent) =>
        new(Due, outstanding, sent, held, disputed);

    [Theory]
    [InlineData(0, null)]
    [InlineData(6, null)]
    [InlineData(7, ReminderStep.Friendly)]
    [InlineData(20, ReminderStep.Friendly)]
    [InlineData(21, ReminderStep.Firm)]
    [InlineData(35, ReminderStep.Final)]
    [InlineData(400, ReminderStep.Final)]
    public void The_default_schedule_is_friendly_at_7_firm_at_21_and_final_at_35_days_after_the_due_date(int daysLate, ReminderStep? step)
    {
        Assert.Equal(step, Schedule.Due(Open(), Due.AddDays(daysLate)));
    }

    [Fact]
    public void Walking_day_by_day_each_step_goes_out_exactly_once_in_order()
    {
        var sent = new List<(int Day, ReminderStep Step)>();
        for (var day = -5; day <= 100; day++)
        {
            if (Schedule.Due(Open(sent: [.. sent.Select(s => s.Step)]), Due.AddDays(day)) is { } step)
            {
                sent.Add((day, step));
            }
        }

        Assert.Equal([(7, ReminderStep.Friendly), (21, ReminderStep.Firm), (35, ReminderStep.Final)], sent);
    }

    [Fact]
    public void Nothing_goes_out_once_paid_while_held_or_while_disputed()
    {
        var today = Due.AddDays(25);
        Assert.Null(Schedule.Due(Open(outstanding: 0m), today));
        Assert.Null(Schedule.Due(Open(outstanding: -5m), today));
        Assert.Null(Schedule.Due(Open(held: true), today));
        Assert.Null(Schedule.Due(Open(disputed: true), today));
    }

    [Fact]
    public void After_a_hold_the_latest_step_reached_goes_out_and_earlier_ones_are_skipped()
    {
        Assert.Equal(ReminderStep.Final, Schedule.Due(Open(sent: ReminderStep.Friendly), Due.AddDays(40)));
        Assert.Null(Schedule.Due(Open(sent: ReminderStep.Final), Due.AddDays(40)));
        Assert.Null(Schedule.Due(Open(sent: ReminderStep.Firm), Due.AddDays(30)));
    }

    [Fact]
    public void A_schedule_needs_steps_in_order_within_a_year()
    {
        Assert.True(ReminderSchedule.Default.IsValid);
        Assert.False(new ReminderSchedule(0, 21, 35).IsValid);
        Assert.False(new ReminderSchedule(7, 7, 35).IsValid);
        Assert.False(new ReminderSchedule(7, 21, 20).IsValid);
        Assert.False(new ReminderSchedule(7, 21, 366).IsValid);
    }

    [Fact]
    public void Legal_interest_runs_per_day_from_the_day_after_the_due_date()
    {
        // 1,000 at 10.15 % for 36 days: 1000 × 0.1015 × 36 / 365 = 10.0109…
        Assert.Equal(10.01m, ReminderSchedule.LegalInterest(1000m, 10.15m, Due, Due.AddDays(36)));
        Assert.Equal(0m, ReminderSchedule.LegalInterest(1000m, 10.15m, Due, Due));
        Assert.Equal(0m, ReminderSchedule.LegalInterest(0m, 10.15m, Due, Due.AddDays(36)));
    }

    [Fact]
    public void For_any_schedule_and_any_days_held_no_step_goes_out_twice_and_none_after_a_later_one()
    {
        var gen =
            from friendly in Gen.Int[1, 60]
            from firmGap in Gen.Int[1, 60]
            from finalGap in Gen.Int[1, 60]
            from holds in Gen.Bool.Array[200]
            from paidDay in Gen.Int[0, 250]
            select (new ReminderSchedule(friendly, friendly + firmGap, friendly + firmGap + finalGap), holds, paidDay);

        gen.Sample(t =>
        {
            var (schedule, holds, paidDay) = t;
            var sent = new List<ReminderStep>();
            for (var day = 0; day < holds.Length; day++)
            {
                var outstanding = day >= paidDay ? 0m : 100m;
                if (schedule.Due(new ReminderCase(Due, outstanding, sent, holds[day], false), Due.AddDays(day)) is { } step)
                {
                    Assert.False(day >= paidDay);
                    Assert.False(holds[day]);
                    Assert.True(sent.All(s => s < step));
                    sent.Add(step);
                }
            }
        });
    }
}
