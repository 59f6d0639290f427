namespace Werkbon.Core.Banking;

/// <summary>Where an invoice stands with the money.</summary>
public enum PaymentState
{
    /// <summary>Nothing paid yet.</summary>
    Unpaid,

    /// <summary>Something paid, something still owed.</summary>
    PartlyPaid,

    /// <summary>Nothing owed any more: paid, credited, or both.</summary>
    Paid,

    /// <summary>More received than owed: the difference is the customer's, to refund or to keep for a next invoice.</summary>
    Overpaid,
}

/// <summary>
/// An invoice with its money: what it totals, what its credit notes take off, what the customer paid and
/// what was refunded to them. One rule for every screen, list, reminder and figure.
/// </summary>
/// <remarks>
/// Credit notes are netted against the invoice they correct: an unpaid invoice of 100 with a credit note of
/// 30 owes 70. A credit note on a paid invoice leaves the customer overpaid until the refund goes out as a
/// payment of the credit note.
/// </remarks>
public sealed record Settlement(decimal Total, decimal Credited, decimal Paid, decimal Refunded)
{
    /// <summary>What the customer still owes; negative when the company owes the customer.</summary>
    public decimal Outstanding => Total - Credited - Paid + Refunded;

    /// <summary>What is still to be refunded on the invoice's credit notes.</summary>
    public decimal ToRefund => Math.Max(0, -Outstanding);

    public PaymentState State => Outstanding switch
    {
        < 0 => PaymentState.Overpaid,
        0 => PaymentState.Paid,
        _ when Paid - Refunded > 0 => PaymentState.PartlyPaid,
        _ => PaymentState.Unpaid,
    };

    /// <summary>Overdue: something still owed after the due date.</summary>
    public bool IsOverdue(DateOnly due, DateOnly today) => Outstanding > 0 && due < today;
}
