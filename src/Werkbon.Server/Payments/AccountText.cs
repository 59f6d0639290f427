namespace Werkbon.Server.Payments;

/// <summary>How screens write an account number: an IBAN in groups of four, as banks print it.</summary>
public static class AccountText
{
    public static string Format(string? iban) =>
        iban is null ? "" : string.Join(' ', BankStatementsCompact(iban).Chunk(4).Select(c => new string(c)));

    private static string BankStatementsCompact(string iban) => Core.Banking.BankStatements.CompactAccount(iban);
}
