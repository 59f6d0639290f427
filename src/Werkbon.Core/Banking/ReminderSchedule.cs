namespace Werkbon.Core.Banking;

/// <summary>The steps of a payment reminder, in the order they go out.</summary>
public enum ReminderStep
{
    Friendly = 1,
    Firm = 2,
    Final = 3,
}

/// <summary>An invoice as the reminder schedule sees it, on the company's local date.</summary>
/// <param name="Sent">The steps already sent for this invoice.</param>
/// <param name="Held">An office user holds its reminders.</param>
/// <param name="Disputed">The customer disputes it: reminders pause until it is settled.</param>
public sealed record ReminderCase(
    DateOnly DueDate,
    decimal Outstanding,
    IReadOnlyCollection<ReminderStep> Sent,
    bool Held,
    bool Disputed);

/// <summary>
/// A company's reminder schedule: days after the due date for each step. The final step mentions the Belgian
/// B2B late-payment rules (law of 2 August 2002): interest at the legal rate (the ECB reference rate + 8 points,
/// published each semester; the company keeps the current one as a setting) from the day after the due date,
/// and the fixed compensation of €40 per invoice.
/// </summary>
public sealed record ReminderSchedule(int FriendlyAfterDays, int FirmAfterDays, int FinalAfterDays)
{
    public const int MaxDays = 365;

    /// <summary>Law of 2 August 2002, art. 6: the fixed compensation for recovery costs.</summary>
    public const decimal FixedCompensation = 40m;

    public static ReminderSchedule Default { get; } = new(7, 21, 35);

    /// <summary>Every step after the previous one, the first at least a day after the due date, the last within a year.</summary>
    public bool IsValid =>
        FriendlyAfterDays >= 1 && FirmAfterDays > FriendlyAfterDays && FinalAfterDays > FirmAfterDays && FinalAfterDays <= MaxDays;

    public int DaysAfterDue(ReminderStep step) => step switch
    {
        ReminderStep.Friendly => FriendlyAfterDays,
        ReminderStep.Firm => FirmAfterDays,
        ReminderStep.Final => FinalAfterDays,
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    /// <summary>
    /// The step to send today, or null. Nothing while nothing is owed, while held or disputed. Otherwise the
    /// latest step whose day has come, unless it or a later step was sent: each step goes once, never one after a
    /// later one (an invoice that comes off hold at +40 gets the final reminder, not the friendly one first).
    /// </summary>
    public ReminderStep? Due(ReminderCase invoice, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.Outstanding <= 0 || invoice.Held || invoice.Disputed)
        {
            return null;
        }

        var late = today.DayNumber - invoice.DueDate.DayNumber;
        ReminderStep? reached = null;
        foreach (var step in Enum.GetValues<ReminderStep>())
        {
            if (late >= DaysAfterDue(step))
            {
                reached = step;
            }
        }

        if (reached is not { } due)
        {
            return null;
        }

        return invoice.Sent.Any(s => s >= due) ? null : due;
    }

    /// <summary>
    /// Legal interest on <paramref name="outstanding"/> from the day after the due date to today, at an annual
    /// rate in percent, per day on a 365-day year, rounded to the cent; 0 when not late.
    /// </summary>
    public static decimal LegalInterest(decimal outstanding, decimal annualRatePercent, DateOnly due, DateOnly today)
    {
        var days = today.DayNumber - due.DayNumber;
        return outstanding <= 0 || days <= 0 ? 0m : Money.Round(outstanding * annualRatePercent / 100m * days / 365m);
    }
}
