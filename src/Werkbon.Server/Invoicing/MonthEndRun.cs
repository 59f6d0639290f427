namespace Werkbon.Server.Invoicing;

/// <summary>Where a month-end run stands.</summary>
public enum MonthEndState
{
    /// <summary>Started and not finished: the worker gathers and issues its drafts, and takes it up again after a restart.</summary>
    Running,

    /// <summary>Every draft of the period that could be issued is issued.</summary>
    Done,
}

/// <summary>
/// A month-end run: gather the approved reports into drafts, then issue every draft of one calendar month, in batches that each
/// commit on their own (<see cref="IssueInvoice.IssueBatchAsync"/>). The row is the run's memory across crashes: what is issued
/// is read back from the invoices themselves, so a restart resumes where the last commit left off and issues nothing twice.
/// </summary>
public sealed class MonthEndRun : CompanyEntity
{
    private MonthEndRun()
    {
    }

    public MonthEndRun(DateOnly month, Guid? startedBy, DateTime now)
    {
        PeriodStart = new DateOnly(month.Year, month.Month, 1);
        PeriodEnd = PeriodStart.AddMonths(1).AddDays(-1);
        StartedBy = startedBy;
        StartedAt = now;
    }

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    public MonthEndState State { get; private set; } = MonthEndState.Running;

    /// <summary>Drafts of the period issued by this run plus those still to issue (grows when more reports arrive meanwhile).</summary>
    public int Total { get; private set; }

    /// <summary>Invoices of the period issued since the run started.</summary>
    public int Done { get; private set; }

    /// <summary>Drafts that could not be issued (no lines, a broken Peppol rule); they stay drafts for the office.</summary>
    public int Errors { get; private set; }

    public Guid? StartedBy { get; private set; }

    public DateTime StartedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    public string? LastError { get; private set; }

    public string Period => $"{PeriodStart:yyyy-MM}";

    /// <summary>Where the run stands: invoices issued, drafts still to issue, drafts that could not be issued (and why, the last one).</summary>
    public void Progress(int done, int remaining, int errors, string? lastError)
    {
        Done = done;
        Errors = errors;
        Total = done + remaining + errors;
        if (lastError is not null)
        {
            LastError = lastError.Length > 500 ? lastError[..500] : lastError;
        }
    }

    public void Finish(DateTime now)
    {
        State = MonthEndState.Done;
        FinishedAt = now;
    }

    public static void Configure(ModelBuilder builder) => builder.Entity<MonthEndRun>(e =>
    {
        e.Property(r => r.LastError).HasMaxLength(500);
        e.Ignore(r => r.Period);
        e.HasIndex(r => new { r.CompanyId, r.State });
        e.HasIndex(r => new { r.CompanyId, r.StartedAt });
    });
}
