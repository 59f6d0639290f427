namespace Werkbon.Core.Dashboard;

/// <summary>
/// One issued invoice with its money, as the cash figures read it. <paramref name="Owed"/> is its total less its
/// credit notes; <paramref name="Outstanding"/> what is still owed today (negative when overpaid);
/// <paramref name="PaidOn"/> the local day the payments first covered what was owed (null while something is owed).
/// </summary>
public sealed record InvoiceCash(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    DateOnly IssueDate,
    DateOnly DueDate,
    decimal Owed,
    decimal Outstanding,
    DateOnly? PaidOn);

/// <summary>A money movement on an invoice: received (positive) or refunded (negative), on the day it moved.</summary>
public sealed record PaymentOn(DateOnly On, decimal Amount);

/// <summary>How long past the due date an unpaid amount is.</summary>
public enum OverdueBucket
{
    Days1To30,
    Days31To60,
    Days61To90,
    Over90Days,
}

public sealed record OverdueBucketFigures(OverdueBucket Bucket, int Count, decimal Amount);

/// <summary>
/// A customer's payment behaviour: over the invoices that count (paid ones, and open ones past their due
/// date), the average days late (null when none count) and how many were late; what is open and overdue today.
/// </summary>
public sealed record PaymentBehaviour(
    Guid CustomerId,
    string CustomerName,
    int Counted,
    int Late,
    double? AverageDaysLate,
    decimal Open,
    decimal Overdue);

/// <summary>
/// The cash side of the dashboard, as of <paramref name="Today"/> (the company's local date).
/// Lead time in days from issue date to paid date over the invoices paid in the last
/// <see cref="CashFigures.WindowDays"/> days; DSO (days sales outstanding) = receivables today /
/// credit sales issued in the last <see cref="CashFigures.WindowDays"/> days × <see cref="CashFigures.WindowDays"/>.
/// </summary>
public sealed record CashSummary(
    DateOnly Today,
    int PaidCount,
    double? MedianDaysToPay,
    double? Percentile90DaysToPay,
    decimal Receivables,
    decimal CreditSales,
    decimal? DaysSalesOutstanding,
    IReadOnlyList<OverdueBucketFigures> Overdue,
    decimal OverdueTotal,
    IReadOnlyList<PaymentBehaviour> SlowestPayers);

/// <summary>
/// Pure cash figures over issued invoices; the same invoices and day always give the same figures.
/// <list type="bullet">
/// <item>Issued → paid: days from the issue date to the day the payments covered what was owed, for the invoices
/// paid in the last <see cref="WindowDays"/> days (today included); median and 90th percentile by the
/// percentile rule of <see cref="LeadTimes.Percentile"/> (Hyndman &amp; Fan type 7), one decimal.</item>
/// <item>DSO = Σ outstanding amounts still owed today ÷ Σ owed of invoices issued in the last
/// <see cref="WindowDays"/> days × <see cref="WindowDays"/>, one decimal; null with no credit sales.</item>
/// <item>Overdue by age: what is still owed on invoices whose due date is before today, by days past due
/// (today − due date): 1–30, 31–60, 61–90, over 90.</item>
/// <item>Days late: a paid invoice counts paid date − due date (0 when paid on time or early); an open invoice
/// past its due date counts today − due date; open invoices not yet due do not count.</item>
/// </list>
/// </summary>
public static class CashFigures
{
    public const int WindowDays = 90;

    public const int SlowestPayerCount = 5;

    public static CashSummary Compute(IReadOnlyCollection<InvoiceCash> invoices, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        var windowStart = today.AddDays(-(WindowDays - 1));

        var paid = invoices.Where(i => i.PaidOn is { } on && on >= windowStart && on <= today).ToList();
        var days = paid.Select(i => (double)(i.PaidOn!.Value.DayNumber - i.IssueDate.DayNumber)).ToList();

        var receivables = invoices.Where(i => i.Outstanding > 0).Sum(i => i.Outstanding);
        var sales = invoices.Where(i => i.IssueDate >= windowStart && i.IssueDate <= today && i.Owed > 0).Sum(i => i.Owed);
        decimal? dso = sales > 0 ? Math.Round(receivables / sales * WindowDays, 1, MidpointRounding.AwayFromZero) : null;

        var overdue = invoices.Where(i => IsOverdue(i, today)).ToList();
        var buckets = Enum.GetValues<OverdueBucket>()
            .Select(bucket =>
            {
                var inBucket = overdue.Where(i => BucketOf(today.DayNumber - i.DueDate.DayNumber) == bucket).ToList();
                return new OverdueBucketFigures(bucket, inBucket.Count, inBucket.Sum(i => i.Outstanding));
            })
            .ToList();

        var slowest = invoices
            .GroupBy(i => i.CustomerId)
            .Select(g => Behaviour(g.Key, g.First().CustomerName, g.ToList(), today))
            .Where(b => b.Late > 0)
            .OrderByDescending(b => b.AverageDaysLate)
            .ThenByDescending(b => b.Overdue)
            .ThenBy(b => b.CustomerName, StringComparer.Ordinal)
            .Take(SlowestPayerCount)
            .ToList();

        return new CashSummary(
            today,
            paid.Count,
            OneDecimal(LeadTimes.Percentile(days, 0.5)),
            OneDecimal(LeadTimes.Percentile(days, 0.9)),
            receivables,
            sales,
            dso,
            buckets,
            overdue.Sum(i => i.Outstanding),
            slowest);
    }

    /// <summary>One customer's payment behaviour over their invoices (any order).</summary>
    public static PaymentBehaviour Behaviour(Guid customerId, string customerName, IReadOnlyCollection<InvoiceCash> invoices, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(invoices);
        var late = invoices
            .Select(i => DaysLate(i, today))
            .Where(d => d is not null)
            .Select(d => d!.Value)
            .ToList();
        return new PaymentBehaviour(
            customerId,
            customerName,
            late.Count,
            late.Count(d => d > 0),
            late.Count == 0 ? null : Math.Round(late.Average(), 1, MidpointRounding.AwayFromZero),
            invoices.Where(i => i.Outstanding > 0).Sum(i => i.Outstanding),
            invoices.Where(i => IsOverdue(i, today)).Sum(i => i.Outstanding));
    }

    /// <summary>Days late of one invoice as of today; null when it does not count (open and not due yet, or credited in full).</summary>
    public static int? DaysLate(InvoiceCash invoice, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        if (invoice.PaidOn is { } paidOn)
        {
            return Math.Max(0, paidOn.DayNumber - invoice.DueDate.DayNumber);
        }

        return IsOverdue(invoice, today) ? today.DayNumber - invoice.DueDate.DayNumber : null;
    }

    public static bool IsOverdue(InvoiceCash invoice, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return invoice.Outstanding > 0 && invoice.DueDate < today;
    }

    /// <summary>The bucket of an amount <paramref name="daysPastDue"/> days past its due date (at least 1).</summary>
    public static OverdueBucket BucketOf(int daysPastDue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(daysPastDue, 1);
        return daysPastDue switch
        {
            <= 30 => OverdueBucket.Days1To30,
            <= 60 => OverdueBucket.Days31To60,
            <= 90 => OverdueBucket.Days61To90,
            _ => OverdueBucket.Over90Days,
        };
    }

    /// <summary>
    /// The day the payments first covered <paramref name="owed"/>, taking them in day order (refunds as negative
    /// amounts); null when they do not cover it, or when nothing is owed (a fully credited invoice was not paid).
    /// </summary>
    public static DateOnly? PaidOn(decimal owed, IEnumerable<PaymentOn> payments)
    {
        ArgumentNullException.ThrowIfNull(payments);
        if (owed <= 0)
        {
            return null;
        }

        var byDay = payments.GroupBy(p => p.On).OrderBy(g => g.Key).Select(g => (Day: g.Key, Amount: g.Sum(p => p.Amount))).ToList();
        decimal sum = 0;
        DateOnly? covered = null;
        foreach (var (day, amount) in byDay)
        {
            sum += amount;
            if (sum >= owed)
            {
                covered ??= day;
            }
            else
            {
                // A refund that reopens the debt: paid only when covered again.
                covered = null;
            }
        }

        return covered;
    }

    private static double? OneDecimal(double? value) => value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero) : null;
}
