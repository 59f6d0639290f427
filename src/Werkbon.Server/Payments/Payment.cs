using Werkbon.Core.Banking;
using Werkbon.Server.Invoicing;

namespace Werkbon.Server.Payments;

/// <summary>Where a payment was recorded from.</summary>
public enum PaymentSource
{
    /// <summary>Entered by the office on the invoice.</summary>
    Manual,

    /// <summary>Sent by an accounting system through the API.</summary>
    Api,

    /// <summary>A bank statement's movement, matched exactly or confirmed by the office.</summary>
    Statement,
}

/// <summary>How the money moved.</summary>
public enum PaymentMethod
{
    /// <summary>A bank transfer (every statement movement).</summary>
    Transfer,

    /// <summary>Cash, e.g. paid to the technician on site.</summary>
    Cash,

    /// <summary>A card terminal or a payment app.</summary>
    Card,

    /// <summary>Anything else: a set-off, a cheque.</summary>
    Other,
}

/// <summary>
/// Money received for an invoice, or refunded on a credit note (always a positive amount). A payment is
/// never deleted: undoing it keeps it, with who undid it and when, and the invoice's balance follows.
/// </summary>
public sealed class Payment : CompanyEntity
{
    private Payment()
    {
    }

    public Payment(Guid invoiceId, decimal amount, DateOnly on, PaymentSource source, Guid? bankLineId, string note, Guid? by, DateTime now)
    {
        InvoiceId = invoiceId;
        Amount = amount;
        On = on;
        Source = source;
        BankLineId = bankLineId;
        Note = note;
        RecordedBy = by;
        RecordedAt = now;
    }

    public Payment(Guid invoiceId, decimal amount, DateOnly on, PaymentSource source, PaymentMethod method, string note, Guid? by, DateTime now)
        : this(invoiceId, amount, on, source, null, note, by, now) => Method = method;

    public Guid InvoiceId { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>The day the money moved (the bank's booking date for a statement).</summary>
    public DateOnly On { get; private set; }

    public PaymentSource Source { get; private set; }

    public Guid? BankLineId { get; private set; }

    public PaymentMethod Method { get; private set; }

    public string Note { get; private set; } = "";

    public DateTime RecordedAt { get; private set; }

    public Guid? RecordedBy { get; private set; }

    public DateTime? UndoneAt { get; private set; }

    public Guid? UndoneBy { get; private set; }

    public bool IsUndone => UndoneAt is not null;

    public void Undo(Guid? by, DateTime now)
    {
        if (UndoneAt is not null)
        {
            throw new DomainException("This payment was already undone.", nameof(UndoneAt), StatusCodes.Status409Conflict);
        }

        UndoneAt = now;
        UndoneBy = by;
    }
}

/// <summary>
/// An issued invoice's or credit note's standing with the money (<see cref="Settlement"/>), kept beside the
/// invoice because an issued invoice never changes. Lists filter on <see cref="State"/>; amounts are
/// computed in C#.
/// </summary>
public sealed class InvoiceBalance : CompanyEntity
{
    private InvoiceBalance()
    {
    }

    public InvoiceBalance(Guid invoiceId) => InvoiceId = invoiceId;

    public Guid InvoiceId { get; private set; }

    /// <summary>Received for an invoice, refunded for a credit note.</summary>
    public decimal Paid { get; private set; }

    /// <summary>For an invoice what is still owed (negative: owed to the customer); for a credit note what is still to refund.</summary>
    public decimal Outstanding { get; private set; }

    public PaymentState State { get; private set; }

    /// <summary>When nothing was owed any more for the first time since the last change.</summary>
    public DateTime? SettledAt { get; private set; }

    public void Set(decimal paid, decimal outstanding, PaymentState state, DateTime now)
    {
        Paid = paid;
        Outstanding = outstanding;
        State = state;
        SettledAt = state is PaymentState.Paid or PaymentState.Overpaid ? SettledAt ?? now : null;
    }
}

/// <summary>The state of one movement of an imported statement.</summary>
public enum BankLineState
{
    /// <summary>Waiting in the reconciliation list.</summary>
    Open,

    /// <summary>Matching proposes an invoice; the office confirms or rejects it.</summary>
    Proposed,

    /// <summary>Booked on one or more invoices.</summary>
    Matched,

    /// <summary>Not a customer's payment (a salary, a supplier, a bank fee): set aside by the office.</summary>
    NotOurs,
}

/// <summary>An imported statement: what was read and who imported it. The fingerprint refuses a second import.</summary>
public sealed class BankStatementImport : CompanyEntity
{
    private BankStatementImport()
    {
    }

    public BankStatementImport(BankStatement statement, string fileName, Guid? by, DateTime now)
    {
        Format = statement.Format;
        Account = statement.Account;
        Sequence = statement.Sequence;
        Fingerprint = statement.Fingerprint();
        OpeningDate = statement.OpeningDate;
        OpeningBalance = statement.OpeningBalance;
        ClosingDate = statement.ClosingDate;
        ClosingBalance = statement.ClosingBalance;
        FileName = fileName;
        ImportedBy = by;
        ImportedAt = now;
    }

    public StatementFormat Format { get; private set; }

    public string Account { get; private set; } = "";

    public string Sequence { get; private set; } = "";

    public string Fingerprint { get; private set; } = "";

    public DateOnly OpeningDate { get; private set; }

    public decimal OpeningBalance { get; private set; }

    public DateOnly ClosingDate { get; private set; }

    public decimal ClosingBalance { get; private set; }

    public string FileName { get; private set; } = "";

    public DateTime ImportedAt { get; private set; }

    public Guid? ImportedBy { get; private set; }
}

/// <summary>One movement of an imported statement, and what the office or matching made of it.</summary>
public sealed class BankLine : CompanyEntity
{
    private BankLine()
    {
    }

    public BankLine(Guid statementId, int index, BankMovement movement)
    {
        StatementId = statementId;
        Index = index;
        Reference = Cut(movement.Reference, 80);
        Amount = movement.Amount;
        BookingDate = movement.BookingDate;
        ValueDate = movement.ValueDate;
        CounterpartyName = movement.CounterpartyName is { } name ? Cut(name, 140) : null;
        CounterpartyIban = movement.CounterpartyIban;
        Communication = movement.Communication?.Digits;
        FreeText = movement.FreeText is { } free ? Cut(free, 1000) : null;
        Batch = movement.Batch is { } batch ? Cut(batch, 80) : null;
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];

    public Guid StatementId { get; private set; }

    public int Index { get; private set; }

    public string Reference { get; private set; } = "";

    /// <summary>Positive for money received, negative for money paid out.</summary>
    public decimal Amount { get; private set; }

    public DateOnly BookingDate { get; private set; }

    public DateOnly? ValueDate { get; private set; }

    public string? CounterpartyName { get; private set; }

    public string? CounterpartyIban { get; private set; }

    /// <summary>The twelve digits of a structured communication with correct check digits.</summary>
    public string? Communication { get; private set; }

    public string? FreeText { get; private set; }

    public string? Batch { get; private set; }

    public BankLineState State { get; private set; }

    public Guid? ProposedInvoiceId { get; private set; }

    public BankMovement ToMovement() =>
        new(Reference, Amount, BookingDate, ValueDate, CounterpartyName, CounterpartyIban,
            Communication is null ? null : Core.Invoicing.StructuredCommunication.Parse(Communication), FreeText, Batch);

    public void Propose(Guid invoiceId)
    {
        State = BankLineState.Proposed;
        ProposedInvoiceId = invoiceId;
    }

    public void Matched()
    {
        State = BankLineState.Matched;
        ProposedInvoiceId = null;
    }

    public void SetAside()
    {
        EnsureOpen();
        State = BankLineState.NotOurs;
        ProposedInvoiceId = null;
    }

    /// <summary>Back to the reconciliation list, after undoing its payments or rejecting a proposal.</summary>
    public void Reopen()
    {
        State = BankLineState.Open;
        ProposedInvoiceId = null;
    }

    public void EnsureOpen()
    {
        if (State is BankLineState.Matched or BankLineState.NotOurs)
        {
            throw new DomainException("This movement is already handled; undo it first.", nameof(State), StatusCodes.Status409Conflict);
        }
    }
}

/// <summary>How payments are stored.</summary>
public static class PaymentsModel
{
    public static void ConfigurePayments(this ModelBuilder builder)
    {
        builder.Entity<Payment>(e =>
        {
            e.Property(p => p.Note).HasMaxLength(500);
            e.HasOne<Invoice>().WithMany().HasForeignKey(p => p.InvoiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<BankLine>().WithMany().HasForeignKey(p => p.BankLineId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(p => new { p.CompanyId, p.InvoiceId });
            e.HasIndex(p => p.BankLineId);
        });

        builder.Entity<InvoiceBalance>(e =>
        {
            e.HasOne<Invoice>().WithMany().HasForeignKey(b => b.InvoiceId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(b => b.InvoiceId).IsUnique();
            e.HasIndex(b => new { b.CompanyId, b.State });
        });

        builder.Entity<BankStatementImport>(e =>
        {
            e.Property(s => s.Account).HasMaxLength(34);
            e.Property(s => s.Sequence).HasMaxLength(35);
            e.Property(s => s.Fingerprint).HasMaxLength(64);
            e.Property(s => s.FileName).HasMaxLength(255);
            e.HasIndex(s => new { s.CompanyId, s.Fingerprint }).IsUnique();
        });

        builder.Entity<BankLine>(e =>
        {
            e.Property(l => l.Reference).HasMaxLength(80);
            e.Property(l => l.CounterpartyName).HasMaxLength(140);
            e.Property(l => l.CounterpartyIban).HasMaxLength(34);
            e.Property(l => l.Communication).HasMaxLength(12);
            e.Property(l => l.FreeText).HasMaxLength(1000);
            e.Property(l => l.Batch).HasMaxLength(80);
            e.HasOne<BankStatementImport>().WithMany().HasForeignKey(l => l.StatementId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(l => new { l.StatementId, l.Index }).IsUnique();
            e.HasIndex(l => new { l.CompanyId, l.State });
        });
    }
}
