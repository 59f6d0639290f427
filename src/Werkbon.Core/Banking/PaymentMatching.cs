using System.Globalization;
using System.Text;
using Werkbon.Core.Invoicing;

namespace Werkbon.Core.Banking;

/// <summary>
/// An invoice or credit note that still waits for money: for an invoice the amount the customer still owes,
/// for a credit note the amount still to refund (both positive).
/// </summary>
/// <param name="Communication">The invoice's structured communication; credit notes have none.</param>
/// <param name="Ibans">The accounts the customer paid from before or gave the office, compact.</param>
public sealed record OpenItem(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    string Number,
    bool IsCreditNote,
    StructuredCommunication? Communication,
    decimal Open,
    DateOnly DueDate,
    IReadOnlyCollection<string> Ibans);

/// <summary>How sure a match is.</summary>
public enum MatchKind
{
    /// <summary>A structured communication with correct check digits, of an open invoice: booked at once.</summary>
    Exact,

    /// <summary>The amount and the payer's account or name fit one open item: the office confirms it.</summary>
    Proposal,
}

/// <summary>A movement (or part of it) applied to one open item.</summary>
public sealed record PaymentMatch(BankMovement Movement, Guid ItemId, decimal Amount, MatchKind Kind);

/// <summary>What matching made of a statement's movements.</summary>
public sealed record MatchOutcome(IReadOnlyList<PaymentMatch> Matches, IReadOnlyList<BankMovement> Unmatched)
{
    public IEnumerable<PaymentMatch> Exact => Matches.Where(m => m.Kind == MatchKind.Exact);

    public IEnumerable<PaymentMatch> Proposals => Matches.Where(m => m.Kind == MatchKind.Proposal);
}

/// <summary>
/// Matches bank movements to open invoices and credit notes, in order of certainty. A movement is matched
/// at most once and an item is proposed at most once per run; what is not certain waits for the office.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Exact: money received whose structured communication (in the structured field, or typed in the free
/// text) has correct check digits and is an open invoice's. The whole amount is booked on that invoice: less
/// is a partial payment, more an overpayment.</item>
/// <item>Proposal: money received whose amount is exactly what one open invoice of the payer still owes; the
/// payer is known by the account the money came from, else by name. Money paid out likewise to a credit
/// note's refund. Of several fitting items, the one due first.</item>
/// <item>The rest is unmatched: a wrong communication that fits nothing, an unknown payer, an amount that
/// fits no open item.</item>
/// </list>
/// </remarks>
public static class PaymentMatching
{
    public static MatchOutcome Match(IEnumerable<BankMovement> movements, IEnumerable<OpenItem> items)
    {
        var open = items.Where(i => i.Open > 0).ToDictionary(i => i.Id, i => i);
        var remaining = open.ToDictionary(i => i.Key, i => i.Value.Open);
        var byCommunication = open.Values.Where(i => !i.IsCreditNote && i.Communication is not null)
            .GroupBy(i => i.Communication!.Digits).ToDictionary(g => g.Key, g => g.First());
        var matches = new List<PaymentMatch>();
        var unmatched = new List<BankMovement>();
        var waiting = new List<BankMovement>();

        foreach (var movement in movements)
        {
            if (movement.Amount > 0 && Communication(movement) is { } ogm && byCommunication.TryGetValue(ogm.Digits, out var invoice))
            {
                matches.Add(new PaymentMatch(movement, invoice.Id, movement.Amount, MatchKind.Exact));
                remaining[invoice.Id] -= movement.Amount;
            }
            else
            {
                waiting.Add(movement);
            }
        }

        var proposed = new HashSet<Guid>();
        foreach (var movement in waiting)
        {
            var refund = movement.Amount < 0;
            var amount = Math.Abs(movement.Amount);
            var fitting = open.Values
                .Where(i => i.IsCreditNote == refund && remaining[i.Id] == amount && !proposed.Contains(i.Id) && IsPayer(i, movement))
                .OrderBy(i => !Paid(i, movement.CounterpartyIban)).ThenBy(i => i.DueDate).ThenBy(i => i.Number, StringComparer.Ordinal)
                .FirstOrDefault();
            if (amount > 0 && fitting is not null)
            {
                matches.Add(new PaymentMatch(movement, fitting.Id, amount, MatchKind.Proposal));
                proposed.Add(fitting.Id);
            }
            else
            {
                unmatched.Add(movement);
            }
        }

        return new MatchOutcome(matches, unmatched);
    }

    /// <summary>The structured communication of a movement: the structured field, else one typed in the free text.</summary>
    public static StructuredCommunication? Communication(BankMovement movement) =>
        movement.Communication ?? (StructuredCommunication.TryFind(movement.FreeText, out var found) ? found : null);

    private static bool IsPayer(OpenItem item, BankMovement movement) =>
        Paid(item, movement.CounterpartyIban)
        || (movement.CounterpartyName is { } name && SameName(item.CustomerName, name));

    private static bool Paid(OpenItem item, string? iban) => iban is not null && item.Ibans.Contains(iban);

    /// <summary>Two names of one party: equal once case, accents, punctuation and the legal form are set aside.</summary>
    public static bool SameName(string a, string b)
    {
        var left = NameKey(a);
        return left.Length > 0 && left == NameKey(b);
    }

    private static readonly HashSet<string> LegalForms =
        ["bv", "bvba", "nv", "cv", "cvba", "vof", "comm", "commv", "srl", "sprl", "sa", "sc", "scrl", "snc", "scs", "asbl", "vzw", "ltd", "llc", "gmbh", "bvbaspr"];

    private static string NameKey(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var words = new StringBuilder();
        var word = new StringBuilder();
        foreach (var c in decomposed.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && c != '.' && word.Length > 0)
            {
                var w = word.ToString();
                word.Clear();
                if (!LegalForms.Contains(w))
                {
                    words.Append(w).Append(' ');
                }
            }
        }

        return words.ToString().TrimEnd();
    }
}
