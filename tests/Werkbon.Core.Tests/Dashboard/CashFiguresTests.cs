using CsCheck;
using Werkbon.Core.Dashboard;

namespace Werkbon.Core.Tests.Dashboard;

public class CashFiguresTests
{
    private static readonly DateOnly Today = new(2026, 12, 4);

    private static readonly Guid Peeters = Guid.NewGuid();

    private static readonly Guid Janssens = Guid.NewGuid();

    private static InvoiceCash Invoice(
        DateOnly issued, decimal owed, decimal outstanding, DateOnly? paidOn = null, Guid? customer = null, int termDays = 30) =>
        new(Guid.NewGuid(), customer ?? Peeters, customer == Janssens ? "Janssens" : "Peeters", issued, issued.AddDays(termDays), owed, outstanding, paidOn);

    [Fact]
    public void Issued_to_paid_takes_the_median_and_90th_percentile_of_the_invoices_paid_in_the_last_90_days()
    {
        var invoices = new[]
        {
            Invoice(Today.AddDays(-40), 100m, 0m, Today.AddDays(-30)),   // 10 days
            Invoice(Today.AddDays(-60), 100m, 0m, Today.AddDays(-20)),   // 40 days
            Invoice(Today.AddDays(-25), 100m, 0m, Today.AddDays(-5)),    // 20 days
            Invoice(Today.AddDays(-200), 100m, 0m, Today.AddDays(-90)),  // paid before the window: left out
            Invoice(Today.AddDays(-10), 100m, 100m),                     // not paid
        };

        var cash = CashFigures.Compute(invoices, Today);

        Assert.Equal(3, cash.PaidCount);
        Assert.Equal(20d, cash.MedianDaysToPay);
        Assert.Equal(36d, cash.Percentile90DaysToPay); // 20 + 0.8 × (40 − 20)
    }

    [Fact]
    public void Days_sales_outstanding_is_receivables_over_the_last_90_days_credit_sales_times_90()
    {
        var invoices = new[]
        {
            Invoice(Today.AddDays(-10), 300m, 300m),
            Invoice(Today.AddDays(-50), 600m, 100m),
            Invoice(Today.AddDays(-89), 300m, 0m, Today.AddDays(-60)),
            Invoice(Today.AddDays(-90), 1000m, 200m),   // issued before the window: owed, but not a sale of the window
            Invoice(Today.AddDays(-5), 100m, -20m, Today.AddDays(-1)), // overpaid: owes nothing
        };

        var cash = CashFigures.Compute(invoices, Today);

        Assert.Equal(600m, cash.Receivables);
        Assert.Equal(1300m, cash.CreditSales);
        Assert.Equal(41.5m, cash.DaysSalesOutstanding); // 600 / 1300 × 90 = 41.538…
    }

    [Fact]
    public void Without_sales_in_the_window_days_sales_outstanding_is_unknown()
    {
        Assert.Null(CashFigures.Compute([Invoice(Today.AddDays(-200), 100m, 100m)], Today).DaysSalesOutstanding);
        Assert.Null(CashFigures.Compute([], Today).DaysSalesOutstanding);
    }

    [Theory]
    [InlineData(1, OverdueBucket.Days1To30)]
    [InlineData(30, OverdueBucket.Days1To30)]
    [InlineData(31, OverdueBucket.Days31To60)]
    [InlineData(60, OverdueBucket.Days31To60)]
    [InlineData(61, OverdueBucket.Days61To90)]
    [InlineData(90, OverdueBucket.Days61To90)]
    [InlineData(91, OverdueBucket.Over90Days)]
    public void Overdue_amounts_fall_in_buckets_by_days_past_due(int days, OverdueBucket bucket)
    {
        Assert.Equal(bucket, CashFigures.BucketOf(days));
    }

    [Fact]
    public void Overdue_amounts_count_only_what_is_still_owed_after_the_due_date()
    {
        var invoices = new[]
        {
            Invoice(Today.AddDays(-30), 100m, 100m),            // due today: not overdue
            Invoice(Today.AddDays(-31), 120m, 50m),             // 1 day
            Invoice(Today.AddDays(-91), 80m, 80m),              // 61 days
            Invoice(Today.AddDays(-150), 200m, 200m),           // 120 days
            Invoice(Today.AddDays(-150), 200m, 0m, Today),      // paid
        };

        var cash = CashFigures.Compute(invoices, Today);

        Assert.Equal(
            [
                new OverdueBucketFigures(OverdueBucket.Days1To30, 1, 50m),
                new OverdueBucketFigures(OverdueBucket.Days31To60, 0, 0m),
                new OverdueBucketFigures(OverdueBucket.Days61To90, 1, 80m),
                new OverdueBucketFigures(OverdueBucket.Over90Days, 1, 200m),
            ],
            cash.Overdue);
        Assert.Equal(330m, cash.OverdueTotal);
    }

    [Fact]
    public void A_customers_days_late_average_paid_invoices_and_open_overdue_ones_early_payment_counting_as_on_time()
    {
        var invoices = new[]
        {
            Invoice(Today.AddDays(-100), 100m, 0m, Today.AddDays(-60)),  // due −70, paid −60: 10 late
            Invoice(Today.AddDays(-80), 100m, 0m, Today.AddDays(-75)),   // paid before due: 0
            Invoice(Today.AddDays(-50), 100m, 40m),                      // due −20, open: 20 late
            Invoice(Today.AddDays(-5), 100m, 100m),                      // not due: does not count
        };

        var line = CashFigures.Behaviour(Peeters, "Peeters", invoices, Today);

        Assert.Equal(new PaymentBehaviour(Peeters, "Peeters", 3, 2, 10d, 140m, 40m), line);
    }

    [Fact]
    public void The_slowest_payers_are_those_with_late_invoices_slowest_first()
    {
        var invoices = new[]
        {
            Invoice(Today.AddDays(-100), 100m, 0m, Today.AddDays(-60)),                    // Peeters 10 late
            Invoice(Today.AddDays(-100), 100m, 100m, customer: Janssens),                  // Janssens 70 late
            Invoice(Today.AddDays(-40), 100m, 0m, Today.AddDays(-39), customer: Guid.NewGuid()), // on time: not a slow payer
        };

        var cash = CashFigures.Compute(invoices, Today);

        Assert.Equal(["Janssens", "Peeters"], cash.SlowestPayers.Select(p => p.CustomerName));
        Assert.Equal(70d, cash.SlowestPayers[0].AverageDaysLate);
    }

    [Fact]
    public void An_invoice_is_paid_on_the_day_its_payments_first_cover_what_is_owed()
    {
        var day = new DateOnly(2026, 11, 1);
        Assert.Equal(day.AddDays(5), CashFigures.PaidOn(100m, [new(day, 40m), new(day.AddDays(5), 60m), new(day.AddDays(9), 10m)]));
        Assert.Null(CashFigures.PaidOn(100m, [new(day, 40m)]));
        Assert.Null(CashFigures.PaidOn(0m, []));

        // A refund that reopens the debt: paid again only when covered again.
        Assert.Equal(day.AddDays(7), CashFigures.PaidOn(100m, [new(day, 100m), new(day.AddDays(3), -50m), new(day.AddDays(7), 50m)]));
    }

    [Fact]
    public void Buckets_add_up_to_the_overdue_total_and_never_exceed_receivables_for_any_invoices()
    {
        var gen =
            from issuedAgo in Gen.Int[0, 400]
            from term in Gen.Int[0, 60]
            from cents in Gen.Int[1, 1_000_000]
            from paidPart in Gen.Int[0, 100]
            from paidAgo in Gen.Int[0, 400]
            select Build(issuedAgo, term, cents / 100m, paidPart, paidAgo);

        gen.Array[0, 40].Sample(invoices =>
        {
            var cash = CashFigures.Compute(invoices, Today);
            Assert.Equal(cash.OverdueTotal, cash.Overdue.Sum(b => b.Amount));
            Assert.True(cash.OverdueTotal <= cash.Receivables);
            Assert.True(cash.DaysSalesOutstanding is null or >= 0);
            Assert.True(cash.MedianDaysToPay is null || cash.MedianDaysToPay <= cash.Percentile90DaysToPay);
            Assert.All(cash.SlowestPayers, p => Assert.True(p.AverageDaysLate > 0));
        });

        static InvoiceCash Build(int issuedAgo, int term, decimal owed, int paidPart, int paidAgo)
        {
            var issued = Today.AddDays(-issuedAgo);
            var outstanding = Money.Round(owed * (100 - paidPart) / 100m);
            var paidOn = outstanding <= 0 ? issued.AddDays(Math.Max(0, issuedAgo - paidAgo)) : (DateOnly?)null;
            return new InvoiceCash(Guid.NewGuid(), Guid.NewGuid(), "x", issued, issued.AddDays(term), owed, outstanding, paidOn);
        }
    }
}
