using System.Security.Cryptography;
using System.Text;
using Werkbon.Core.Invoicing;

namespace Werkbon.Core.Banking;

/// <summary>The file formats a Belgian bank delivers statements in.</summary>
public enum StatementFormat
{
    Coda,
    Camt053,
}

/// <summary>
/// One account statement as the bank sent it, whatever the format: the account, the balances the bank
/// states and every booked movement. The readers only return statements whose own totals add up.
/// </summary>
/// <param name="Account">The account's IBAN, compact and upper case (or the bank's own number when it has no IBAN).</param>
/// <param name="Sequence">The bank's number for the statement (CODA sequence, CAMT electronic sequence or id).</param>
public sealed record BankStatement(
    StatementFormat Format,
    string Account,
    string Currency,
    string Sequence,
    DateOnly OpeningDate,
    decimal OpeningBalance,
    DateOnly ClosingDate,
    decimal ClosingBalance,
    IReadOnlyList<BankMovement> Movements)
{
    /// <summary>
    /// What makes the statement itself, for refusing a second import of the same one: the account, the
    /// sequence, the balances and every movement. The same statement in CODA and in CAMT.053 can differ in
    /// details (references, names), so each format's copy has its own fingerprint.
    /// </summary>
    public string Fingerprint()
    {
        var text = new StringBuilder()
            .Append(Format).Append('|').Append(Account).Append('|').Append(Currency).Append('|').Append(Sequence).Append('|')
            .Append(OpeningDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Append('|').Append(Invariant(OpeningBalance)).Append('|')
            .Append(ClosingDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Append('|').Append(Invariant(ClosingBalance));
        foreach (var m in Movements)
        {
            text.Append('\n').Append(m.Reference).Append('|').Append(Invariant(m.Amount)).Append('|')
                .Append(m.BookingDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Append('|')
                .Append(m.CounterpartyIban).Append('|').Append(m.Communication?.Digits).Append('|').Append(m.FreeText);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Invariant(decimal amount) => amount.ToString("0.00#", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// One payment in or out as the office matches it: a single transfer, or one transaction of a batch entry
/// (then <see cref="Batch"/> names the entry it was booked in).
/// </summary>
/// <param name="Amount">Positive for money received (credit), negative for money paid out (debit).</param>
/// <param name="Communication">The structured communication, when the payer gave one whose check digits are right.</param>
/// <param name="FreeText">The free communication, or a structured one whose check digits are wrong, as written.</param>
public sealed record BankMovement(
    string Reference,
    decimal Amount,
    DateOnly BookingDate,
    DateOnly? ValueDate,
    string? CounterpartyName,
    string? CounterpartyIban,
    StructuredCommunication? Communication,
    string? FreeText,
    string? Batch = null);

/// <summary>Why a statement file is refused; the office reads it in its own language.</summary>
public enum StatementProblem
{
    /// <summary>Empty, or neither CODA nor CAMT.053.</summary>
    UnknownFormat,

    /// <summary>A CODA version other than 2, or a CAMT.053 version before .001.02 or not yet known.</summary>
    UnknownVersion,

    /// <summary>A record or element that breaks the format: a wrong length, a number or date that is not one.</summary>
    Damaged,

    /// <summary>The file stops before the statement does: no closing balance or trailer (a truncated file).</summary>
    Truncated,

    /// <summary>The statement's own control totals (CODA record 9, CAMT transaction summary) disagree with its movements.</summary>
    ControlTotals,

    /// <summary>The opening balance plus the movements is not the closing balance.</summary>
    Balance,
}

/// <summary>A statement file that cannot be read or whose totals do not add up; nothing of it may be stored.</summary>
public sealed class StatementFormatException(StatementProblem problem, int? line, string message)
    : FormatException(line is null ? message : $"Line {line}: {message}")
{
    public StatementProblem Problem { get; } = problem;

    /// <summary>The line of the file (1 and up) where the problem is, when there is one.</summary>
    public int? Line { get; } = line;
}

/// <summary>Reads a statement file of either format, recognised by its content.</summary>
public static class BankStatements
{
    /// <summary>Every statement in the file: a CODA file may hold several, a CAMT.053 document one per account and day.</summary>
    public static IReadOnlyList<BankStatement> Read(ReadOnlySpan<byte> file)
    {
        var text = Decode(file).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.Length == 0)
        {
            throw new StatementFormatException(StatementProblem.UnknownFormat, null, "The file is empty.");
        }

        return text[0] == '<' ? Camt053Reader.Read(text) : CodaReader.Read(text);
    }

    /// <summary>UTF-8 when the bytes are UTF-8; otherwise Latin-1, which older CODA files use.</summary>
    private static string Decode(ReadOnlySpan<byte> file)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(file);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(file);
        }
    }

    /// <summary>An account number as statements and invoices compare it: no spaces, upper case.</summary>
    public static string CompactAccount(string account) =>
        new string([.. account.Where(c => !char.IsWhiteSpace(c))]).ToUpperInvariant();
}
