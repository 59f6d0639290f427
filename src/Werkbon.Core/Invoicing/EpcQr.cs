using System.Globalization;
using System.Text;

namespace Werkbon.Core.Invoicing;

/// <summary>
/// The payload of the EPC QR code ("SEPA credit transfer" QR, EPC069-12 version 002) printed on an
/// invoice so a banking app fills in the transfer. Encode it as a QR code with error correction level M.
/// </summary>
/// <remarks>
/// The Belgian structured communication (OGM/VCS) goes, as its 12 digits, in the structured creditor
/// reference field (AT-05 structured), and the unstructured remittance field stays empty: the standard
/// allows only one of the two, and Belgian banking apps (KBC, Belfius, BNP Paribas Fortis, ING) recognise
/// the 12 digits there and pre-fill the payment as a structured communication — which their payment
/// matching needs — whereas "+++…+++" in the free text is sent as an unstructured message.
/// </remarks>
public static class EpcQr
{
    /// <summary>The most bytes (UTF-8) the standard allows in the payload.</summary>
    public const int MaxBytes = 331;

    public const int MaxNameLength = 70;

    public const decimal MinAmount = 0.01m;

    public const decimal MaxAmount = 999_999_999.99m;

    /// <summary>
    /// The payload for a transfer of <paramref name="amount"/> euros to <paramref name="beneficiaryName"/>'s
    /// <paramref name="iban"/> with the Belgian <paramref name="structuredCommunication"/>
    /// (<c>+++123/4567/89002+++</c> or its 12 digits). <paramref name="bic"/> is optional in version 002.
    /// </summary>
    /// <exception cref="ArgumentException">A field the standard would refuse, named in the message.</exception>
    public static string Payload(string beneficiaryName, string iban, string? bic, decimal amount, string structuredCommunication)
    {
        var name = (beneficiaryName ?? "").Trim();
        if (name.Length == 0 || name.Length > MaxNameLength || name.Contains('\n', StringComparison.Ordinal) || name.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The beneficiary name must be 1 to {MaxNameLength} characters on one line.", nameof(beneficiaryName));
        }

        var account = Compact(iban).ToUpperInvariant();
        if (!IsValidIban(account))
        {
            throw new ArgumentException("The IBAN is not valid.", nameof(iban));
        }

        var bank = Compact(bic).ToUpperInvariant();
        if (bank.Length != 0 && !IsValidBic(bank))
        {
            throw new ArgumentException("The BIC must be 8 or 11 letters and digits.", nameof(bic));
        }

        if (amount < MinAmount || amount > MaxAmount || amount != Money.Round(amount))
        {
            throw new ArgumentException($"The amount must be in cents between {MinAmount} and {MaxAmount} euro.", nameof(amount));
        }

        var reference = new string([.. (structuredCommunication ?? "").Where(char.IsAsciiDigit)]);
        if (!IsValidStructuredCommunication(structuredCommunication ?? "", reference))
        {
            throw new ArgumentException("The structured communication must be 12 digits whose last two are the first ten modulo 97.", nameof(structuredCommunication));
        }

        // The last populated element ends the payload: no separator after it.
        var payload = string.Join('\n',
            "BCD",
            "002",
            "1",
            "SCT",
            bank,
            name,
            account,
            "EUR" + amount.ToString("0.00", CultureInfo.InvariantCulture),
            "",
            reference);
        if (Encoding.UTF8.GetByteCount(payload) > MaxBytes)
        {
            throw new ArgumentException($"The payload is longer than {MaxBytes} bytes.", nameof(beneficiaryName));
        }

        return payload;
    }

    /// <summary>ISO 13616: country, check digits, up to 30 letters and digits, and the mod-97 check equals 1.</summary>
    public static bool IsValidIban(string iban)
    {
        if (iban.Length is < 15 or > 34 || !char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1])
            || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]) || !iban.All(char.IsAsciiLetterOrDigit))
        {
            return false;
        }

        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var value = char.IsAsciiDigit(c) ? c - '0' : char.ToUpperInvariant(c) - 'A' + 10;
            remainder = value >= 10 ? ((remainder * 100) + value) % 97 : ((remainder * 10) + value) % 97;
        }

        return remainder == 1;
    }

    private static bool IsValidBic(string bic) =>
        bic.Length is 8 or 11 && bic[..6].All(char.IsAsciiLetterUpper) && bic[6..].All(char.IsAsciiLetterOrDigit);

    private static bool IsValidStructuredCommunication(string written, string digits)
    {
        if (digits.Length != 12 || written.Any(c => !char.IsAsciiDigit(c) && c is not ('+' or '/' or '*' or ' ')))
        {
            return false;
        }

        var check = long.Parse(digits[..10], CultureInfo.InvariantCulture) % 97;
        return (check == 0 ? 97 : check) == long.Parse(digits[10..], CultureInfo.InvariantCulture);
    }

    private static string Compact(string? value) => new([.. (value ?? "").Where(c => !char.IsWhiteSpace(c))]);
}
