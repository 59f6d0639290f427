using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Werkbon.Server.Delivery;

/// <summary>What an outbox job does when it runs.</summary>
public enum OutboxKind
{
    /// <summary>Mail an issued invoice or credit note; the target is its <see cref="InvoiceDelivery"/> on the e-mail channel.</summary>
    InvoiceEmail,

    /// <summary>
    /// Send an issued invoice or credit note over Peppol (<see cref="PeppolRouting"/>); the target is its
    /// <see cref="InvoiceDelivery"/> on the Peppol channel. A buyer not registered for it gets an e-mail instead.
    /// </summary>
    InvoicePeppol,

    /// <summary>Mail the customer their copy of a signed report; the target is the report.</summary>
    ReportReceipt,

    /// <summary>Mail a payment reminder; the target is its <see cref="Payments.SentReminder"/>.</summary>
    Reminder,
}

public enum OutboxState
{
    Pending,
    Done,

    /// <summary>Given up after <see cref="OutboxMessage.GiveUpAfter"/> of failed attempts, or refused for good.</summary>
    Failed,
}

/// <summary>
/// A side effect waiting to leave: written in the same transaction as the business change that causes it, taken by
/// <see cref="MailDispatcher"/> when due, retried with backoff, never deleted.
/// </summary>
public sealed class OutboxMessage : CompanyEntity
{
    /// <summary>The waits after the 1st, 2nd, 3rd and 4th failed attempt; hourly after that.</summary>
    public static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)];

    /// <summary>A job still failing this long after it was written is given up.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(24);

    private OutboxMessage()
    {
    }

    public OutboxMessage(OutboxKind kind, Guid targetId, DateTime now)
    {
        Kind = kind;
        TargetId = targetId;
        CreatedAt = now;
        NextAttemptAt = now;
    }

    public OutboxKind Kind { get; private set; }

    public Guid TargetId { get; private set; }

    public OutboxState State { get; private set; }

    /// <summary>Attempts started (a job taken by a node that then crashed counts too).</summary>
    public int Attempts { get; private set; }

    /// <summary>When the job is due; while a node holds it, when its hold runs out.</summary>
    public DateTime NextAttemptAt { get; private set; }

    public string LastError { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime? DoneAt { get; private set; }

    /// <summary>The Message-ID every attempt of this job sends, so a receiver can tell a repeat from a new mail.</summary>
    public string MessageId => $"{Id:N}@werkbon";

    /// <summary>The reason a job is dropped when the customer has no e-mail address.</summary>
    public const string NoAddress = "No e-mail address.";

    /// <summary>A node takes the job: it is not due for anyone else until <paramref name="holdUntil"/>.</summary>
    public void Take(DateTime holdUntil)
    {
        Attempts++;
        NextAttemptAt = holdUntil;
    }

    public void Succeed(DateTime now)
    {
        State = OutboxState.Done;
        DoneAt = now;
        LastError = "";
    }

    /// <summary>Records a failed attempt; returns true when the job is given up (refused for good or too old).</summary>
    public bool Fail(DateTime now, string error, bool final)
    {
        LastError = error.Length > 500 ? error[..500] : error;
        if (final || now - CreatedAt >= GiveUpAfter)
        {
            State = OutboxState.Failed;
            DoneAt = now;
            return true;
        }

        NextAttemptAt = now + (Attempts <= Backoff.Length ? Backoff[Math.Max(Attempts, 1) - 1] : TimeSpan.FromHours(1));
        return false;
    }

    /// <summary>Nothing to do any more (the target is gone or has nowhere to go).</summary>
    public void Drop(DateTime now, string reason)
    {
        State = OutboxState.Done;
        DoneAt = now;
        LastError = reason;
    }

    public static void Configure(ModelBuilder builder) =>
        builder.Entity<OutboxMessage>(e =>
        {
            e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(m => m.State).HasConversion<string>().HasMaxLength(10);
            e.Property(m => m.LastError).HasMaxLength(500);
            e.HasIndex(m => new { m.State, m.NextAttemptAt });
            e.HasIndex(m => new { m.CompanyId, m.TargetId });
        });
}

/// <summary>
/// Wakes the dispatchers of this process when a transaction that wrote outbox rows commits, so a mail leaves at once
/// instead of at the next poll. Only a hint: the dispatcher polls anyway, and another node finds the rows by polling.
/// </summary>
public sealed class OutboxSignal : DbTransactionInterceptor
{
    public static readonly OutboxSignal Instance = new();

    /// <summary>Raised after a commit (or a save outside a transaction) that wrote outbox rows.</summary>
    public static event Action? Written;

    public static void Raise() => Written?.Invoke();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        Committed(eventData.Context);
        base.TransactionCommitted(transaction, eventData);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return base.TransactionCommittedAsync(transaction, eventData, cancellationToken);
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is AppDb db)
        {
            db.OutboxWritten = false;
        }

        base.TransactionRolledBack(transaction, eventData);
    }

    private static void Committed(DbContext? context)
    {
        if (context is AppDb { OutboxWritten: true } db)
        {
            db.OutboxWritten = false;
            Raise();
        }
    }
}
